#ifndef CROSSWALK_GATEWAY_STORE_POSTGRES_POSTGRES_STORE_H_
#define CROSSWALK_GATEWAY_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "gateway/core/clock.h"
#include "gateway/store/organisation_store.h"
#include "gateway/store/postgres/pg_connection.h"
#include "gateway/store/store.h"

namespace crosswalk {

struct PostgresStoreOptions {
  // Fault injection for tests: asked with every write statement (BEGIN, each INSERT/UPDATE/DELETE,
  // COMMIT, schema changes) before it is sent; a non-OK status makes it fail with it. Empty in
  // production.
  PgStatementHook before_statement;
  // When records are stored, deleted and cursors set; null: the system clock.
  Clock* clock = nullptr;
};

// The PostgreSQL store (docs/store.md): the SQLite store's tables and guarantees in a PostgreSQL
// database that several gateways may share. One connection, used under the store's lock; every
// statement has bound parameters and is prepared once per connection; a batch's new records,
// links and unmapped values go in as multi-row inserts (unnest of array parameters), with its
// cursor, in one transaction. A lost connection is re-established at the next call; a call that
// was inside a transaction when it was lost fails with UNAVAILABLE and wrote nothing.
//
// Opening migrates the schema (pg_schema.h). Errors as Store documents; opening: UNAVAILABLE when
// the server cannot be reached or refuses the login, INVALID_ARGUMENT for a URL with a password,
// FAILED_PRECONDITION for a schema newer than this build.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PgTarget& target, PostgresStoreOptions options = {});

// The organisation's statements (decisions, certifications, assessments) in the same database,
// on a connection of their own. `now` null: the system clock.
absl::StatusOr<std::unique_ptr<OrganisationStore>> OpenPostgresOrganisationStore(const PgTarget& target, Clock* clock = nullptr);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_POSTGRES_POSTGRES_STORE_H_
