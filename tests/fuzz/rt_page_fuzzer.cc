// RT REST2 search pages (connectors/rt/rt_page.h): the JSON a Request Tracker server, or anything
// answering at its URL, sends back; read as tickets, as assets, as a ticket's history page and as
// a page of an id listing.
#include <string_view>

#include "connectors/rt/rt_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::rt::ParseRtPage(body, "ticket");
  (void)crosswalk::rt::ParseRtPage(body, "asset");
  (void)crosswalk::rt::ParseRtHistory(body);
  (void)crosswalk::rt::ParseRtIdPage(body);
  return 0;
}
