#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_ORGANISATION_STORE_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_ORGANISATION_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/store/organisation_store.h"

namespace crosswalk {

struct SqliteOrganisationStoreOptions {
  // The time every change is stamped with, Unix seconds UTC; empty: the system clock.
  std::function<int64_t()> now;
};

// The organisation store in a SQLite file, normally the records' own (OpenSqliteStore): its own
// connection in WAL mode, prepared statements only, the shared schema migrations
// (sqlite_schema.h) applied at open, so a store file made before the organisation tables existed
// gets them. Errors at open as OpenSqliteStore: FAILED_PRECONDITION for a newer schema,
// UNAVAILABLE when the file cannot be opened. Like the record store, every call first checks that
// `path` is still the file opened (StoreFileGuard): DATA_LOSS once it was removed or replaced.
absl::StatusOr<std::unique_ptr<OrganisationStore>> OpenSqliteOrganisationStore(
    const std::string& path, SqliteOrganisationStoreOptions options = {});

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_ORGANISATION_STORE_H_
