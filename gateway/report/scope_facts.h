#ifndef CROSSWALK_GATEWAY_REPORT_SCOPE_FACTS_H_
#define CROSSWALK_GATEWAY_REPORT_SCOPE_FACTS_H_

// What the scope checker keeps of the records it reads (scope.h): a few facts per service,
// supplier and configuration item, and counts for everything else, never the records. Names are
// kept folded (MatchKey) so that references resolve in Finish() whatever order records came in.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/core/record.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

// A service record (kind service).
struct ServiceFact {
  RecordKey key;
  std::string name;                 // the title as written, else the native id
  std::vector<std::string> names;   // folded: native id, source/native id, title, other names
  std::optional<bool> in_scope;     // the in-scope flag; nullopt when absent or unreadable
  bool in_use = true;               // status not retired, absent, cancelled or rejected
  bool has_sla = false;             // an SLA or target on the record, or an sla/agreement link
  std::optional<int64_t> reviewed;  // the last-review date
  std::string operated_by;          // as written; empty when not stated
};

// A supplier register entry (kind supplier): an external supplier, internal group or customer.
struct PartyFact {
  RecordKey key;
  std::string name;                    // the title as written, else the native id
  std::vector<std::string> names;      // folded: native id, source/native id, title
  std::string type;                    // as written
  std::vector<std::string> services;   // folded names of the services it operates for
  std::vector<std::string> processes;  // as written, one per list entry
  std::optional<int64_t> reviewed;     // the last performance review
  std::string governance_evidence;     // as written; empty when none
};

// A configuration item in use (kind configuration-item, not retired or absent).
struct CiFact {
  RecordKey key;
  std::string name;                   // the title as written, else the native id
  std::string id_key, name_key;       // folded native id and title (empty when no title)
  std::vector<std::string> services;  // folded names of the services it names
};

struct ScopeFacts {
  // REQUIRES: `service_process_kinds` are the kinds whose service references SC-22 counts.
  explicit ScopeFacts(std::set<std::string> service_process_kinds);

  // Keeps what the checks need of one record.
  void Add(const Record& record);

  std::set<std::string> service_process_kinds;
  std::map<std::string, int64_t> records_per_kind;
  std::vector<ServiceFact> services;
  std::vector<PartyFact> parties;
  std::vector<CiFact> cis;
  // Folded service names that service-level-target and agreement records name.
  std::set<std::string> sla_references;
  // Kind → the set of folded service names one record names → how many records name that set
  // (a record naming a service by two names still counts once for it).
  std::map<std::string, std::map<std::vector<std::string>, int64_t>> service_references;
  std::set<std::string> change_ci_references;  // folded CI ids and names changes name
  int64_t changes_naming_ci = 0;
};

// Splits a register's list cell ("Payroll; E-mail", "インシデント管理、変更管理") at ; , and
// their full-width and ideographic forms and at line breaks; entries are trimmed, empty ones
// dropped. "・" is not a separator (容量・能力管理 is one process).
std::vector<std::string> SplitList(absl::string_view text);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SCOPE_FACTS_H_
