#include "tools/bench_sam/sql_baseline.h"

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace crosswalk::sam::bench {
namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

absl::Status Error(sqlite3* db, const std::string& what) { return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db))); }

absl::StatusOr<Db> Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw, &sqlite3_close);
  if (rc != SQLITE_OK) return Error(raw, absl::StrCat("open ", path));
  return db;
}

absl::Status Exec(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? absl::OkStatus() : Error(db, sql);
}

absl::StatusOr<Statement> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return Error(db, "prepare");
  return Statement(raw, &sqlite3_finalize);
}

// Binds `values` (text, int64_t or nullptr for NULL) to 1..n, steps once and resets.
template <typename... Values>
absl::Status Insert(sqlite3* db, sqlite3_stmt* statement, const Values&... values) {
  int column = 0;
  auto bind = [&](const auto& value) {
    ++column;
    using T = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<T, std::string>) {
      sqlite3_bind_text(statement, column, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    } else if constexpr (std::is_same_v<T, std::optional<int64_t>>) {
      if (value) sqlite3_bind_int64(statement, column, *value); else sqlite3_bind_null(statement, column);
    } else {
      sqlite3_bind_int64(statement, column, static_cast<int64_t>(value));
    }
  };
  (bind(values), ...);
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  return rc == SQLITE_DONE ? absl::OkStatus() : Error(db, "insert");
}

// The position's aggregates per product. A product's metric is its first valid entitlement's in
// consumption order (unlimited first, by priority, the earliest end of validity, id), else its
// first entitlement's, else device; a site product's demands count per device.
constexpr char kPosition[] = R"sql(
WITH ent AS (
  SELECT *, ((valid_from IS NULL OR valid_from <= :as_of) AND (valid_to IS NULL OR :as_of <= valid_to + 86399)) AS valid
  FROM entitlements),
first_ent AS (
  SELECT publisher, product, metric, ROW_NUMBER() OVER (PARTITION BY publisher, product ORDER BY valid DESC, metric = 'site' DESC,
         CASE WHEN priority > 0 THEN priority ELSE 1073741824 END, COALESCE(valid_to, 9223372036854775807), id) AS n
  FROM ent),
products AS (SELECT publisher, product FROM installs UNION SELECT publisher, product FROM entitlements),
product_metric AS (
  SELECT p.publisher, p.product, COALESCE(f.metric, 'device') AS metric
  FROM products p LEFT JOIN first_ent f ON f.publisher = p.publisher AND f.product = p.product AND f.n = 1),
owned AS (
  SELECT pm.publisher, pm.product, COALESCE(SUM(CASE WHEN e.valid AND e.metric = pm.metric AND e.metric <> 'site' THEN e.quantity END), 0) AS owned
  FROM product_metric pm LEFT JOIN ent e ON e.publisher = pm.publisher AND e.product = pm.product
  GROUP BY pm.publisher, pm.product),
device_factor AS (
  SELECT d.key, COALESCE((SELECT factor FROM core_factors c WHERE instr(lower(d.cpu), c.pattern) > 0 ORDER BY c.rank LIMIT 1), 0.5) AS factor
  FROM devices d),
device_need AS (
  SELECT pd.publisher, pd.product,
    CASE pm.metric
      WHEN 'core' THEN CASE
        WHEN d.virtual THEN max(CASE WHEN lower(pd.product) LIKE '%sql server%' THEN 4 ELSE 8 END, d.cores)
                            + max(CASE WHEN lower(pd.product) LIKE '%sql server%' THEN 4 ELSE 8 END, d.cores) % 2
        WHEN lower(pd.product) LIKE '%sql server%' THEN
          CASE WHEN d.cores <= 0 THEN 4
               ELSE max(4 * max(d.processors, 1), d.cores) + max(4 * max(d.processors, 1), d.cores) % 2 END
        WHEN d.cores <= 0 OR d.processors <= 0 THEN 16
        ELSE max(16, max(8, (d.cores + d.processors - 1) / d.processors) * d.processors)
             + max(16, max(8, (d.cores + d.processors - 1) / d.processors) * d.processors) % 2 END
      WHEN 'processor' THEN CAST((CASE WHEN d.cores > 0 THEN d.cores ELSE max(d.processors, 1) END) * f.factor - 1e-9 AS INTEGER)
        + ((CASE WHEN d.cores > 0 THEN d.cores ELSE max(d.processors, 1) END) * f.factor - 1e-9
           > CAST((CASE WHEN d.cores > 0 THEN d.cores ELSE max(d.processors, 1) END) * f.factor - 1e-9 AS INTEGER))
      WHEN 'nup' THEN max(d.processors, 1)
      ELSE 1 END AS need
  FROM (SELECT DISTINCT publisher, product, device FROM installs) pd
  JOIN product_metric pm ON pm.publisher = pd.publisher AND pm.product = pd.product
  JOIN devices d ON d.key = pd.device
  JOIN device_factor f ON f.key = d.key),
per_device AS (SELECT publisher, product, SUM(need) AS need FROM device_need GROUP BY publisher, product),
per_user AS (
  SELECT i.publisher, i.product,
         COUNT(DISTINCT CASE WHEN i.user = '' THEN d.name || ' (no user known)' ELSE i.user END) AS subjects,
         COUNT(DISTINCT CASE WHEN i.user <> '' THEN lower(i.user) END) AS named_users
  FROM installs i JOIN devices d ON d.key = i.device GROUP BY i.publisher, i.product)
SELECT pm.publisher, pm.product, pm.metric, o.owned,
  COALESCE(CASE pm.metric WHEN 'user' THEN u.subjects WHEN 'nup' THEN max(COALESCE(u.named_users, 0), 25 * COALESCE(pd.need, 0))
                          WHEN 'concurrent' THEN 0 ELSE pd.need END, 0) AS consumed
FROM product_metric pm
JOIN owned o ON o.publisher = pm.publisher AND o.product = pm.product
LEFT JOIN per_device pd ON pd.publisher = pm.publisher AND pd.product = pm.product
LEFT JOIN per_user u ON u.publisher = pm.publisher AND u.product = pm.product
)sql";

}  // namespace

absl::Status Load(const Estate& estate, const std::string& path) {
  std::remove(path.c_str());
  auto db = Open(path);
  if (!db.ok()) return db.status();
  sqlite3* raw = db->get();
  for (const char* sql : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "BEGIN",
                          "CREATE TABLE devices (key TEXT PRIMARY KEY, name TEXT, processors INTEGER, cores INTEGER, virtual INTEGER, cpu TEXT)",
                          "CREATE TABLE installs (id TEXT, device TEXT, user TEXT, publisher TEXT, product TEXT, version TEXT, edition TEXT)",
                          "CREATE TABLE entitlements (id TEXT, publisher TEXT, product TEXT, metric TEXT, quantity INTEGER, valid_from INTEGER, "
                          "valid_to INTEGER, priority INTEGER, version_scope TEXT, downgrade INTEGER)",
                          "CREATE TABLE core_factors (rank INTEGER, pattern TEXT, factor REAL)"}) {
    if (absl::Status s = Exec(raw, sql); !s.ok()) return s;
  }
  auto devices = Prepare(raw, "INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?)");
  auto installs = Prepare(raw, "INSERT INTO installs VALUES (?, ?, ?, ?, ?, ?, ?)");
  auto entitlements = Prepare(raw, "INSERT INTO entitlements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto factors = Prepare(raw, "INSERT INTO core_factors VALUES (?, lower(?), ?)");
  for (auto* s : {&devices, &installs, &entitlements, &factors}) {
    if (!s->ok()) return s->status();
  }
  for (const LicensedDevice& d : estate.devices) {
    if (absl::Status s = Insert(raw, devices->get(), d.key, d.name, d.processors, d.cores, d.virtual_machine, d.cpu); !s.ok()) return s;
  }
  for (const LicensedInstall& i : estate.installs) {
    if (absl::Status s = Insert(raw, installs->get(), i.id, i.device, i.user, i.publisher, i.product, i.version, i.edition); !s.ok()) return s;
  }
  for (const Entitlement& e : estate.entitlements) {
    const std::string metric = MetricName(e.metric);
    if (absl::Status s = Insert(raw, entitlements->get(), e.id, e.publisher, e.product, metric, e.quantity, e.valid_from, e.valid_to,
                                e.priority, e.version_scope, e.downgrade);
        !s.ok()) {
      return s;
    }
  }
  int rank = 0;
  for (const auto& [pattern, factor] : estate.options.core_factors) {
    sqlite3_bind_double(factors->get(), 3, factor);
    if (absl::Status s = Insert(raw, factors->get(), ++rank, pattern); !s.ok()) return s;
  }
  for (const char* sql : {"CREATE INDEX installs_product ON installs (publisher, product, device)",
                          "CREATE INDEX entitlements_product ON entitlements (publisher, product)", "COMMIT", "ANALYZE"}) {
    if (absl::Status s = Exec(raw, sql); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::map<std::string, Aggregates>> Query(const std::string& path, int64_t as_of) {
  auto db = Open(path);
  if (!db.ok()) return db.status();
  auto query = Prepare(db->get(), kPosition);
  if (!query.ok()) return query.status();
  sqlite3_bind_int64(query->get(), sqlite3_bind_parameter_index(query->get(), ":as_of"), as_of);
  std::map<std::string, Aggregates> out;
  int rc;
  while ((rc = sqlite3_step(query->get())) == SQLITE_ROW) {
    auto text = [&](int column) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(query->get(), column))); };
    out[absl::StrCat(text(0), "|", text(1))] = Aggregates{text(2), sqlite3_column_int64(query->get(), 3), sqlite3_column_int64(query->get(), 4)};
  }
  if (rc != SQLITE_DONE) return Error(db->get(), "query");
  return out;
}

}  // namespace crosswalk::sam::bench
