// The Store conformance suite (store_conformance.h) on the embedded SQLite store: a real file in
// the temporary directory, the store's before_statement hook as the write-fault injector.
#include <filesystem>

#include "gateway/store/sqlite_store.h"
#include "tests/store/store_conformance.h"

namespace crosswalk::testing_store {
namespace {

std::string PathOf(const std::string& place) {
  return (std::filesystem::temp_directory_path() / (place + ".db")).string();
}

StoreBackend SqliteBackend() {
  StoreBackend backend;
  backend.name = "sqlite";
  backend.open = [](const std::string& place, WriteHook hook, Clock* clock) {
    SqliteStoreOptions options;
    options.before_statement = std::move(hook);
    options.clock = clock;
    return OpenSqliteStore(PathOf(place), std::move(options));
  };
  backend.remove = [](const std::string& place) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(PathOf(place) + suffix);
  };
  return backend;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(SqliteBackend()),
                         [](const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace crosswalk::testing_store
