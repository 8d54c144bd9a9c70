#ifndef CROSSWALK_GATEWAY_SAM_RECORD_READING_H_
#define CROSSWALK_GATEWAY_SAM_RECORD_READING_H_

// How the SAM views read the store: every live record of a kind, a page at a time, and attribute
// values by key.

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/store/store.h"

namespace crosswalk::sam {

// Calls `visit` for every live (not deleted) record of `kind`, of every source, a page of 500 at
// a time (memory bounded by the page, not the store). The store's errors as they are.
absl::Status ForEachRecord(Store& store, const std::string& kind, const std::function<void(const StoredRecord&)>& visit);

// The value of attribute `key`, or "" when the record has none.
std::string AttributeOf(const Record& record, const std::string& key);

// What an install record says of its software (attributes raw_name — else the title —, version,
// publisher, arch, from, edition, excluded), as the software rules read it.
DiscoveredInstall DiscoveredInstallOf(const Record& install_record);

// "source/native id": how SAM results name the records behind them.
std::string RecordName(const Record& record);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_RECORD_READING_H_
