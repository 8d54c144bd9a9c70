#include "gateway/sam/record_reading.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::sam {

absl::Status ForEachRecord(Store& store, const std::string& kind, const std::function<void(const StoredRecord&)>& visit) {
  RecordFilter filter;
  filter.kind = kind;
  filter.page_size = 500;
  do {
    CW_ASSIGN_OR_RETURN(RecordPage page, store.ListRecords(filter));
    for (const StoredRecord& stored : page.records) visit(stored);
    filter.page_token = std::move(page.next_page_token);
  } while (!filter.page_token.empty());
  return absl::OkStatus();
}

std::string AttributeOf(const Record& record, const std::string& key) {
  const Attribute* attribute = record.FindAttribute(key);
  return attribute == nullptr ? "" : attribute->value;
}

DiscoveredInstall DiscoveredInstallOf(const Record& r) {
  DiscoveredInstall discovered{AttributeOf(r, "raw_name"), AttributeOf(r, "version"), AttributeOf(r, "publisher"),
                               AttributeOf(r, "arch"),     AttributeOf(r, "from"),    AttributeOf(r, "edition"),
                               AttributeOf(r, "excluded")};
  if (discovered.raw_name.empty()) discovered.raw_name = r.title;
  return discovered;
}

std::string RecordName(const Record& record) {
  return absl::StrCat(record.provenance.source, "/", record.provenance.native_id);
}

}  // namespace crosswalk::sam
