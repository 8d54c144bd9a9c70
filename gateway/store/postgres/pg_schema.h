#ifndef CROSSWALK_GATEWAY_STORE_POSTGRES_PG_SCHEMA_H_
#define CROSSWALK_GATEWAY_STORE_POSTGRES_PG_SCHEMA_H_

#include "absl/status/status.h"
#include "gateway/store/postgres/pg_connection.h"

namespace crosswalk {

// Brings the database's crosswalk tables to the schema this build writes: migrations numbered in
// crosswalk_schema.version, applied in order, each in its own transaction, under an advisory
// lock so that gateways starting together over one database migrate it once.
// FAILED_PRECONDITION when the database's schema is newer than this build knows.
absl::Status MigratePostgresSchema(PgConnection& db);

// The schema version this build writes.
int PostgresSchemaVersion();

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_POSTGRES_PG_SCHEMA_H_
