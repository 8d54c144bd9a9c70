#include "connectors/glpi/glpi_processors.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "connectors/glpi/glpi_json.h"
#include "connectors/glpi/glpi_page.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {
namespace {

using nlohmann::json;

RawField Own(const std::string& role, int64_t value, const std::string& where) {
  return {.role = role, .type = "number", .value = absl::StrCat(value), .where = where, .header = where};
}

}  // namespace

absl::StatusOr<std::vector<GlpiProcessorRow>> ParseGlpiProcessorPage(std::string_view body) {
  if (auto error = ParseGlpiError(body)) {
    return absl::InvalidArgumentError(absl::StrCat("GLPI answered ", error->code, ": ", error->message));
  }
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return absl::InvalidArgumentError("GLPI Item_DeviceProcessor page: the body is not a JSON array");
  std::vector<GlpiProcessorRow> rows;
  for (size_t index = 0; index < parsed.size(); ++index) {
    const json& item = parsed[index];
    if (!item.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat("GLPI Item_DeviceProcessor page: item ", index + 1, ": not a JSON object"));
    }
    GlpiProcessorRow row;
    row.id = GlpiInteger(item, "id");
    if (row.id <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("GLPI Item_DeviceProcessor page: item ", index + 1, ": 'id' is not a positive integer"));
    }
    const auto itemtype = item.find("itemtype");
    if (itemtype != item.end() && itemtype->is_string()) row.itemtype = itemtype->get<std::string>();
    row.items_id = GlpiInteger(item, "items_id");
    row.nbcores = std::max<int64_t>(0, GlpiInteger(item, "nbcores"));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status ComputerProcessors::Add(const std::vector<GlpiProcessorRow>& rows) {
  for (const GlpiProcessorRow& row : rows) {
    if (row.itemtype != "Computer" || row.items_id <= 0) continue;
    auto found = computers_.find(row.items_id);
    if (found == computers_.end()) {
      if (computers_.size() >= max_computers_) {
        return absl::ResourceExhaustedError(absl::StrCat("GLPI lists processors of more than ", max_computers_,
                                                         " computers: too many to hold their cores in memory; read "
                                                         "Computer and Item_SoftwareVersion from a smaller entity"));
      }
      found = computers_.emplace(row.items_id, Count{}).first;
    }
    Count& count = found->second;
    ++count.processors;
    count.cores += row.nbcores;
    if (row.nbcores == 0) count.cores_known = false;
  }
  return absl::OkStatus();
}

void ComputerProcessors::Describe(int64_t id, RawRecord& computer) const {
  const auto found = computers_.find(id);
  if (found == computers_.end()) return;
  computer.fields.push_back(Own("processors", found->second.processors, "Item_DeviceProcessor"));
  if (found->second.cores_known) computer.fields.push_back(Own("cores", found->second.cores, "Item_DeviceProcessor.nbcores"));
}

std::string ComputerProcessors::Fingerprint() const {
  // FNV-1a, 64 bits, over the decimal triples: the same counts give the same text in every build
  // (the cursor outlives the binary that wrote it).
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](const std::string& text) {
    for (const unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
  };
  for (const auto& [id, count] : computers_) {
    mix(absl::StrCat(id, ":", count.processors, ":", count.cores_known ? count.cores : -1, ";"));
  }
  return absl::StrCat(absl::Hex(hash, absl::kZeroPad16));
}

}  // namespace crosswalk::glpi
