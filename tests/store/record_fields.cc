#include "tests/store/record_fields.h"

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"

namespace crosswalk {
namespace {

// Members(x): the names of x's members beside references to them, in declaration order. The
// structured binding must name every member (the compiler counts them), so adding a member breaks
// the build here.
auto Members(const Record& x) {
  const auto& [kind, title, status, priority, impact, urgency, opened, updated, resolved, closed,
               effective, calendar_dates, links, attributes, provenance] = x;
  return std::pair(std::array{"kind", "title", "status", "priority", "impact", "urgency", "opened",
                              "updated", "resolved", "closed", "effective", "calendar_dates", "links",
                              "attributes", "provenance"},
                   std::tie(kind, title, status, priority, impact, urgency, opened, updated,
                            resolved, closed, effective, calendar_dates, links, attributes, provenance));
}
auto Members(const Provenance& x) {
  const auto& [source, native_id, native_kind, location, origins, fetched_at, content_hash] = x;
  return std::pair(std::array{"source", "native_id", "native_kind", "location", "origins",
                              "fetched_at", "content_hash"},
                   std::tie(source, native_id, native_kind, location, origins, fetched_at,
                            content_hash));
}
auto Members(const Link& x) {
  const auto& [relation, target] = x;
  return std::pair(std::array{"relation", "target"}, std::tie(relation, target));
}
auto Members(const Attribute& x) {
  const auto& [key, type, value] = x;
  return std::pair(std::array{"key", "type", "value"}, std::tie(key, type, value));
}
auto Members(const FieldOrigin& x) {
  const auto& [field, native_value, rule_id] = x;
  return std::pair(std::array{"field", "native_value", "rule_id"},
                   std::tie(field, native_value, rule_id));
}

// Called for each leaf of two records walked side by side.
using LeafVisitor = std::function<void(const std::string& path, const std::string& a,
                                       const std::string& b, bool a_is_default)>;

void Walk(const std::string& path, const std::string& a, const std::string& b, const LeafVisitor& visit) {
  visit(path, absl::StrCat("\"", a, "\""), absl::StrCat("\"", b, "\""), a.empty());
}
void Walk(const std::string& path, int64_t a, int64_t b, const LeafVisitor& visit) {
  visit(path, absl::StrCat(a), absl::StrCat(b), a == 0);
}
void Walk(const std::string& path, const std::optional<int64_t>& a, const std::optional<int64_t>& b,
          const LeafVisitor& visit) {
  visit(path, a ? absl::StrCat(*a) : "absent", b ? absl::StrCat(*b) : "absent", !a.has_value());
}
template <typename T>
void Walk(const std::string& path, const std::vector<T>& a, const std::vector<T>& b,
          const LeafVisitor& visit);
template <typename T, typename = decltype(Members(std::declval<const T&>()))>
void Walk(const std::string& path, const T& a, const T& b, const LeafVisitor& visit);

template <typename T>
void Walk(const std::string& path, const std::vector<T>& a, const std::vector<T>& b,
          const LeafVisitor& visit) {
  visit(path + ".size()", absl::StrCat(a.size()), absl::StrCat(b.size()), a.empty());
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    Walk(absl::StrCat(path, "[", i, "]"), a[i], b[i], visit);
  }
}

template <typename T, typename>
void Walk(const std::string& path, const T& a, const T& b, const LeafVisitor& visit) {
  // Plain variables, not structured bindings: clang 14 (the sanitized build's compiler) cannot
  // capture a structured binding in a lambda.
  const auto described_a = Members(a);
  const auto& names = described_a.first;
  const auto& members_a = described_a.second;
  const auto members_b = Members(b).second;
  constexpr size_t kCount = std::tuple_size_v<std::remove_cvref_t<decltype(names)>>;
  static_assert(kCount == std::tuple_size_v<std::remove_cvref_t<decltype(members_a)>>, "one name per member");
  [&]<size_t... I>(std::index_sequence<I...>) {
    (Walk(path.empty() ? names[I] : absl::StrCat(path, ".", names[I]), std::get<I>(members_a),
          std::get<I>(members_b), visit),
     ...);
  }(std::make_index_sequence<kCount>{});
}

}  // namespace

std::vector<RecordLeaf> RecordLeaves(const Record& record) {
  std::vector<RecordLeaf> leaves;
  Walk("", record, record,
       [&](const std::string& path, const std::string& a, const std::string&, bool is_default) {
         leaves.push_back({path, a, is_default});
       });
  return leaves;
}

std::vector<std::string> DifferingFields(const Record& a, const Record& b) {
  std::vector<std::string> differing;
  Walk("", a, b, [&](const std::string& path, const std::string& value_a, const std::string& value_b, bool) {
    if (value_a != value_b) differing.push_back(absl::StrCat(path, ": ", value_a, " vs ", value_b));
  });
  return differing;
}

Record FullRecord() {
  using std::string_literals::operator""s;
  Record r;
  r.kind = "incident";
  // Quotes, a backslash, control characters, a NUL byte and non-ASCII text: all need care in JSON.
  r.title = "Mail \"down\" \\ again\n\ttab \x01 NUL \0 日本語の件名"s;  // s: keeps the NUL
  r.status = "resolved";
  r.priority = "p2";
  r.impact = "high";
  r.urgency = "medium";
  r.opened = 1714648447;     // distinct times, one before the epoch
  r.updated = 1714652047;
  r.resolved = 1714655647;
  r.closed = 1714659247;
  r.effective = -86400;
  r.calendar_dates = {"effective"};
  r.links = {{"ci", "cmdb/mail-01"}, {"service", "svc/mail"}};
  r.attributes = {{"assignment_group", "text", "Service Desk"},
                  {"reopen_count", "number", "2.5"},
                  {"sla_met", "bool", "false"}};
  Provenance& p = r.provenance;
  p.source = "servicenow";
  p.native_id = "INC0010023";
  p.native_kind = "incident table";
  p.location = "incidents.csv line 12";
  p.origins = {{"status", "Resolved", "common.status.resolved"},
               {"priority", "2 - High", "servicenow.priority.2"},
               {"impact", "1 - High", "servicenow.impact.1"},
               {"urgency", "2 - Medium", "servicenow.urgency.2"}};
  p.fetched_at = 1714662847;
  p.content_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  return r;
}

}  // namespace crosswalk
