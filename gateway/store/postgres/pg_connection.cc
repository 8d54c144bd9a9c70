#include "gateway/store/postgres/pg_connection.h"

#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk {
namespace {

// libpq's parse of a connection URI, freed with it.
using ConninfoOptions = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

absl::StatusOr<ConninfoOptions> ParseUrl(absl::string_view url) {
  if (!IsPostgresUrl(url)) {
    return absl::InvalidArgumentError("a PostgreSQL store is named by a URL postgresql://USER@HOST:PORT/DATABASE");
  }
  char* error = nullptr;
  ConninfoOptions options(PQconninfoParse(std::string(url).c_str(), &error), &PQconninfoFree);
  if (options == nullptr) {
    // libpq's message may quote the URL; only its first words say what is wrong.
    std::string reason = error != nullptr ? std::string(error) : "out of memory";
    PQfreemem(error);
    if (const size_t colon = reason.find(':'); colon != std::string::npos) reason.resize(colon);
    return absl::InvalidArgumentError(absl::StrCat("the store URL is not a PostgreSQL connection URI (",
                                                   absl::StripAsciiWhitespace(reason), ")"));
  }
  return options;
}

const char* OptionValue(const PQconninfoOption* options, absl::string_view keyword) {
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (keyword == o->keyword) return o->val;
  }
  return nullptr;
}

absl::StatusOr<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::UnavailableError(absl::StrCat("password_file ", path, ": cannot be read"));
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return absl::InvalidArgumentError(absl::StrCat("password_file ", path, ": the first line is empty"));
  return line;
}

// Statements worth preparing once per connection; transaction control and schema changes are
// sent as they are.
bool Preparable(const std::string& sql) {
  for (const char* verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}) {
    if (absl::StartsWith(sql, verb)) return true;
  }
  return false;
}

void AppendArrayElement(std::string* out, absl::string_view value) {
  out->push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

std::string RedactedPostgresUrl(absl::string_view url) {
  absl::StatusOr<ConninfoOptions> options = ParseUrl(url);
  if (!options.ok()) return "postgresql://(not a valid URL)";
  auto value = [&](const char* keyword) {
    const char* v = OptionValue(options->get(), keyword);
    return std::string(v != nullptr ? v : "");
  };
  std::string out = "postgresql://";
  if (!value("user").empty()) absl::StrAppend(&out, value("user"), "@");
  absl::StrAppend(&out, value("host"));
  if (!value("port").empty()) absl::StrAppend(&out, ":", value("port"));
  absl::StrAppend(&out, "/", value("dbname"));
  return out;
}

PgParam PgInt(int64_t value) { return absl::StrCat(value); }

int64_t PgResult::Int(int row, int column) const {
  int64_t value = 0;
  if (!absl::SimpleAtoi(absl::string_view(PQgetvalue(result_.get(), row, column)), &value)) return 0;
  return value;
}

int64_t PgResult::Changed() const {
  int64_t value = 0;
  if (!result_ || !absl::SimpleAtoi(absl::string_view(PQcmdTuples(result_.get())), &value)) return 0;
  return value;
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(const PgTarget& target, PgStatementHook hook) {
  auto options = ParseUrl(target.url);
  if (!options.ok()) return options.status();
  const char* password = OptionValue(options->get(), "password");
  if (password != nullptr && *password != '\0') {
    return absl::InvalidArgumentError(
        "the store URL carries a password: give it through PGPASSWORD, PGPASSFILE or the store's password_file, "
        "never in the URL (it would end up in configs, process lists and logs)");
  }
  std::unique_ptr<PgConnection> connection(new PgConnection());
  connection->hook_ = std::move(hook);
  connection->redacted_url_ = RedactedPostgresUrl(target.url);
  for (const PQconninfoOption* o = options->get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0' || std::string(o->keyword) == "password") continue;
    connection->keywords_.push_back(o->keyword);
    connection->values_.push_back(o->val);
  }
  auto add_default = [&](const char* keyword, const char* value) {
    if (OptionValue(options->get(), keyword) == nullptr || *OptionValue(options->get(), keyword) == '\0') {
      connection->keywords_.push_back(keyword);
      connection->values_.push_back(value);
    }
  };
  add_default("connect_timeout", "10");
  add_default("application_name", "crosswalkd");
  if (!target.password_file.empty()) {
    auto secret = ReadPasswordFile(target.password_file);
    if (!secret.ok()) return secret.status();
    connection->keywords_.push_back("password");
    connection->values_.push_back(*std::move(secret));
  }
  if (absl::Status status = connection->EnsureConnected(); !status.ok()) return status;
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

absl::Status PgConnection::EnsureConnected() {
  if (conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) return absl::OkStatus();
  if (in_transaction_ || (never_reconnect_ && conn_ != nullptr)) {
    return absl::UnavailableError(absl::StrCat("postgresql store ", redacted_url_, ": the connection was lost",
                                               in_transaction_ ? " inside a transaction" : ""));
  }
  prepared_.clear();
  if (conn_ != nullptr) {
    PQreset(conn_);
  } else {
    std::vector<const char*> keywords, values;
    for (size_t i = 0; i < keywords_.size(); ++i) {
      keywords.push_back(keywords_[i].c_str());
      values.push_back(values_[i].c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/0);
  }
  if (conn_ == nullptr) return absl::UnavailableError("postgresql: out of memory");
  // Server notices (NOTICE: relation … already exists) are not errors; libpq would print them.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    absl::StripTrailingAsciiWhitespace(&message);
    return absl::UnavailableError(absl::StrCat("postgresql store ", redacted_url_, ": cannot connect: ", message));
  }
  // Messages in English whatever the server's locale, so that logs and errors read alike.
  PGresult* set = PQexec(conn_, "SET lc_messages TO 'C'");
  PQclear(set);
  return absl::OkStatus();
}

absl::StatusOr<PgResult> PgConnection::Query(const std::string& sql, const std::vector<PgParam>& params) {
  return Run(sql, params);
}

absl::StatusOr<PgResult> PgConnection::Write(const std::string& sql, const std::vector<PgParam>& params) {
  if (hook_) {
    if (absl::Status status = hook_(sql); !status.ok()) return status;
  }
  return Run(sql, params);
}

absl::StatusOr<PgResult> PgConnection::Run(const std::string& sql, const std::vector<PgParam>& params) {
  if (absl::Status status = EnsureConnected(); !status.ok()) return status;
  std::vector<const char*> values;
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* raw = nullptr;
  if (Preparable(sql)) {
    auto [it, added] = prepared_.emplace(sql, absl::StrCat("cw", prepared_.size() + 1));
    if (added) {
      PgResult made(PQprepare(conn_, it->second.c_str(), sql.c_str(), 0, nullptr));
      if (PQresultStatus(made.raw()) != PGRES_COMMAND_OK) {
        absl::Status status = ErrorOf(made.raw(), sql);
        prepared_.erase(it);
        return status;
      }
    }
    raw = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  } else if (params.empty()) {
    raw = PQexec(conn_, sql.c_str());
  } else {
    raw = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
  }
  PgResult result(raw);
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorOf(raw, sql);
  return result;
}

void PgConnection::Rollback() {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) return;
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

absl::Status PgConnection::ErrorOf(const PGresult* result, absl::string_view sql) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary != nullptr ? primary : PQerrorMessage(conn_);
  absl::StripTrailingAsciiWhitespace(&message);
  const std::string what = absl::StrCat("postgresql store ", redacted_url_, ": ", message, " (",
                                        state != nullptr ? state : "no SQLSTATE", ", in ", sql.substr(0, 60), ")");
  const std::string code = state != nullptr ? state : "";
  if (PQstatus(conn_) != CONNECTION_OK || code.empty()) return absl::UnavailableError(what);
  if (code == "XX001" || code == "XX002") return absl::DataLossError(what);
  if (absl::StartsWith(code, "08") || absl::StartsWith(code, "53") || absl::StartsWith(code, "57") ||
      absl::StartsWith(code, "58") || code == "40001" || code == "40P01" || code == "55P03") {
    return absl::UnavailableError(what);
  }
  return absl::InternalError(what);
}

std::string PgTextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendArrayElement(&out, values[i]);
  }
  out.push_back('}');
  return out;
}

std::string PgIntArray(const std::vector<int64_t>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) absl::StrAppend(&out, i > 0 ? "," : "", values[i]);
  out.push_back('}');
  return out;
}

std::string PgOptionalIntArray(const std::vector<std::optional<int64_t>>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (values[i]) absl::StrAppend(&out, *values[i]); else out += "NULL";
  }
  out.push_back('}');
  return out;
}

}  // namespace crosswalk
