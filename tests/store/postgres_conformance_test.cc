// The Store conformance suite (store_conformance.h) on the PostgreSQL store: a real PostgreSQL
// server (tests/servers/postgres_server.h) with a database per test, the password read from a
// password_file as a deployment would, the store's before_statement hook as the write-fault
// injector.
#include "gateway/store/postgres/postgres_store.h"
#include "tests/servers/postgres_server.h"
#include "tests/store/store_conformance.h"

namespace crosswalk::testing_store {
namespace {

using testing_servers::PostgresServer;
using testing_servers::SharedPostgresOrSkip;

StoreBackend PostgresBackend() {
  StoreBackend backend;
  backend.name = "postgresql";
  backend.open = [](const std::string& place, WriteHook hook, Clock* clock) -> absl::StatusOr<std::unique_ptr<Store>> {
    PostgresServer* server = SharedPostgresOrSkip();
    if (server == nullptr) return absl::UnavailableError("no PostgreSQL server");
    const std::string database = PostgresServer::DatabaseName(place);
    // The first open of a place makes its database; a reopen finds what was committed.
    if (std::string out = server->Psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
        out.find('1') == std::string::npos) {
      if (std::string error = server->CreateDatabase(database); !error.empty()) return absl::InternalError(error);
    }
    PostgresStoreOptions options;
    options.before_statement = std::move(hook);
    options.clock = clock;
    return OpenPostgresStore({.url = server->Url(database), .password_file = server->password_file()}, std::move(options));
  };
  backend.remove = [](const std::string& place) {
    if (PostgresServer* server = SharedPostgresOrSkip()) (void)server->DropDatabase(PostgresServer::DatabaseName(place));
  };
  return backend;
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformanceTest, ::testing::Values(PostgresBackend()),
                         [](const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace crosswalk::testing_store
