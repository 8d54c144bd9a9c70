// GLPI collection pages (connectors/glpi/glpi_page.h): the JSON a GLPI server, or anything
// answering at its URL, sends back; read as a Ticket and as a Computer collection in two zones,
// as an id listing page and an Item_DeviceProcessor page, and the time, Content-Range and
// error-array readers on the same bytes.
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "connectors/glpi/glpi_page.h"
#include "connectors/glpi/glpi_processors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  static const absl::TimeZone paris = [] {
    absl::TimeZone zone;
    (void)absl::LoadTimeZone("Europe/Paris", &zone);
    return zone;
  }();
  (void)crosswalk::glpi::ParseGlpiCollection(body, "Ticket", absl::UTCTimeZone());
  (void)crosswalk::glpi::ParseGlpiCollection(body, "Computer", paris);
  (void)crosswalk::glpi::ParseGlpiTime(body, paris);
  (void)crosswalk::glpi::ParseContentRange(body);
  (void)crosswalk::glpi::ParseGlpiIdList(body);
  if (auto rows = crosswalk::glpi::ParseGlpiProcessorPage(body); rows.ok()) {
    crosswalk::glpi::ComputerProcessors processors(4);
    (void)processors.Add(*rows);
    (void)processors.Fingerprint();
  }
  (void)crosswalk::glpi::ParseGlpiError(body);
  return 0;
}
