// SC-36, SC-40 and SC-44: the other parties (external suppliers, internal groups, customers) that
// operate part of an in-scope service — identified and reviewed, governed, of a known type.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/unicode.h"
#include "gateway/report/scope_checks.h"

namespace crosswalk::report {
namespace {

// The provider itself as a catalogue's operated-by writes it: no other party is involved.
bool IsProvider(absl::string_view operated_by) {
  static const auto* const names =
      new std::set<std::string>{"internal", "in-house", "in house", "inhouse", "provider", "service provider",
                                "自社",     "社内",     "内製",     "当社",    "自部門"};
  return names->count(MatchKey(operated_by)) > 0;
}

// Another party operating part of one or more in-scope services.
struct Operator {
  const PartyFact* party = nullptr;          // its supplier register entry; nullptr when it has none
  std::string name;                          // the register's name, else the catalogue's operated-by
  std::vector<const ServiceFact*> services;  // the in-scope services it operates for

  std::string Subject() const { return party ? party->key.native_id : absl::StrCat("unregistered ", name); }
  std::vector<RecordKey> Records() const {
    std::vector<RecordKey> keys;
    if (party) keys.push_back(party->key);
    for (const ServiceFact* service : services) keys.push_back(service->key);
    return SortedKeys(std::move(keys));
  }
  std::string ServiceNames() const {
    return absl::StrJoin(services, ", ",
                         [](std::string* out, const ServiceFact* s) { out->append(s->name); });
  }
};

bool Names(const std::vector<std::string>& names, const std::string& folded) {
  return std::find(names.begin(), names.end(), folded) != names.end();
}

void Serve(Operator& op, const ServiceFact* service) {
  if (std::find(op.services.begin(), op.services.end(), service) == op.services.end())
    op.services.push_back(service);
}

// The register's entries that list an in-scope service, then the operators the catalogue names
// for in-scope services (matched to the register by id or name, else unregistered).
std::vector<Operator> Operators(const ScopeFacts& facts, const std::vector<const ServiceFact*>& in_scope) {
  // In key order, so that a name two entries share resolves the same whatever order records came in.
  std::vector<const PartyFact*> parties;
  for (const PartyFact& party : facts.parties) parties.push_back(&party);
  std::sort(parties.begin(), parties.end(),
            [](const PartyFact* a, const PartyFact* b) { return KeyLess(a->key, b->key); });
  std::vector<Operator> out;
  for (const PartyFact* party_ptr : parties) {
    const PartyFact& party = *party_ptr;
    Operator op{&party, party.name, {}};
    for (const ServiceFact* service : in_scope) {
      for (const std::string& name : party.services) {
        if (Names(service->names, name)) Serve(op, service);
      }
    }
    if (!op.services.empty()) out.push_back(std::move(op));
  }
  for (const ServiceFact* service : in_scope) {
    if (service->operated_by.empty() || IsProvider(service->operated_by)) continue;
    const std::string folded = MatchKey(service->operated_by);
    auto known = std::find_if(out.begin(), out.end(), [&](const Operator& op) {
      return op.party ? Names(op.party->names, folded) : MatchKey(op.name) == folded;
    });
    if (known != out.end()) {
      Serve(*known, service);
      continue;
    }
    auto entry = std::find_if(parties.begin(), parties.end(),
                              [&](const PartyFact* party) { return Names(party->names, folded); });
    out.push_back({entry == parties.end() ? nullptr : *entry, service->operated_by, {service}});
  }
  return out;
}

Label OperatorTitle(const Operator& op) {
  return {absl::StrCat(op.name, " (for ", op.ServiceNames(), ")"),
          absl::StrCat(op.name, "（", op.ServiceNames(), "）")};
}

ScopeItem Unregistered(const Operator& op, std::string subject, Label title) {
  return {std::move(subject),
          std::move(title),
          kScopeFail,
          {absl::StrCat("Named as the operator of ", op.ServiceNames(),
                        " in the service catalogue, but not in the supplier register."),
           absl::StrCat("サービスカタログで ", op.ServiceNames(),
                        " の運用者とされているが、供給者の登録簿にない。")},
          0,
          op.Records()};
}

ScopeCheck Reviewed(const std::vector<Operator>& operators, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopeSuppliersReviewed);
  const DurationRow* cadence = options.cadence.Find("supplier");
  for (const Operator& op : operators) {
    check.items.push_back(op.party ? ReviewItem(op.Subject(), OperatorTitle(op), op.party->reviewed, cadence,
                                                options.as_of, op.Records())
                                   : Unregistered(op, op.Subject(), OperatorTitle(op)));
  }
  return check;
}

ScopeItem GovernanceItem(const Operator& op, std::string subject, Label title) {
  if (!op.party) return Unregistered(op, std::move(subject), std::move(title));
  const std::string& evidence = op.party->governance_evidence;
  if (evidence.empty()) {
    return {std::move(subject),
            std::move(title),
            kScopeFail,
            {"No governance evidence (OLA, contract, review minutes) is recorded for the party.",
             "この当事者のガバナンスの証拠（OLA、契約、レビュー議事録）の記録がない。"},
            0,
            op.Records()};
  }
  return {std::move(subject),
          std::move(title),
          kScopePass,
          {absl::StrCat("Governance evidence: ", evidence, "."),
           absl::StrCat("ガバナンスの証拠：", evidence, "。")},
          1,
          op.Records()};
}

ScopeCheck Governed(const std::vector<Operator>& operators, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopeGovernance);
  for (const Operator& op : operators) {
    const std::string services = op.ServiceNames();
    if (!op.party || op.party->processes.empty()) {
      check.items.push_back(
          GovernanceItem(op, absl::StrCat(op.Subject(), " (processes not stated)"),
                         {absl::StrCat(op.name, ": processes not stated, for ", services),
                          absl::StrCat(op.name, "：プロセスの記載なし（", services, "）")}));
      continue;
    }
    for (const std::string& written : op.party->processes) {
      const ScopeProcess* process = FindScopeProcess(options.processes, written);
      const Label name =
          process
              ? Label{absl::StrCat(process->ref, " ", process->title.en),
                      absl::StrCat(process->ref, " ", process->title.ja)}
              : Label{absl::StrCat(written, " (not a process of ", EditionCatalog(options.edition), ")"),
                      absl::StrCat(written, "（", EditionCatalog(options.edition), " のプロセスではない）")};
      check.items.push_back(GovernanceItem(op,
                                           absl::StrCat(op.Subject(), " ", process ? process->ref : written),
                                           {absl::StrCat(op.name, ": ", name.en, ", for ", services),
                                            absl::StrCat(op.name, "：", name.ja, "（", services, "）")}));
    }
  }
  return check;
}

ScopeCheck Typed(const std::vector<Operator>& operators, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopePartyType);
  for (const Operator& op : operators) {
    const std::string written = op.party ? op.party->type : op.name;
    const PartyType type = ParsePartyType(written);
    ScopeItem item{op.Subject(), OperatorTitle(op), kScopePass, {}, 1, op.Records()};
    if (type == PartyType::kUnknown) {
      item.outcome = kScopeFail;
      item.evidence = 0;
      item.detail = {absl::StrCat("The type is not stated as external supplier, internal group or customer",
                                  written.empty() || !op.party ? "" : absl::StrCat(" ('", written, "')"),
                                  ", so the process that manages the party is unknown."),
                     absl::StrCat("種類が外部供給者・内部グループ・顧客のいずれとも記載されていない",
                                  written.empty() || !op.party ? "" : absl::StrCat("（", written, "）"),
                                  "ため、管理するプロセスが決まらない。")};
    } else {
      const Label label = PartyTypeLabel(type), process = ManagingProcess(options.edition, type);
      item.detail = {absl::StrCat(label.en, ": managed through ", process.en, "."),
                     absl::StrCat(label.ja, "：", process.ja, " で管理する。")};
    }
    check.items.push_back(std::move(item));
  }
  return check;
}

}  // namespace

std::vector<ScopeCheck> CheckOtherParties(const ScopeFacts& facts, const ScopeOptions& options) {
  std::vector<ScopeCheck> checks = {NewCheck(kScopeSuppliersReviewed), NewCheck(kScopeGovernance),
                                    NewCheck(kScopePartyType)};
  const std::vector<const ServiceFact*> in_scope = InScopeServices(facts);
  bool assessable = true;
  for (ScopeCheck& check : checks) assessable = HaveInScope(check, facts, in_scope) && assessable;
  if (!assessable) return checks;
  const std::vector<Operator> operators = Operators(facts, in_scope);
  const bool operators_stated = std::all_of(in_scope.begin(), in_scope.end(),
                                            [](const ServiceFact* s) { return !s->operated_by.empty(); });
  if (operators.empty() && facts.parties.empty() && !operators_stated) {
    for (ScopeCheck& check : checks) {
      NotAssessable(
          check,
          {"No supplier register (kind supplier), and not every in-scope service names its operator: "
           "a suppliers source or an operated-by column is needed.",
           "供給者の登録簿（種類 supplier）がなく、適用範囲内のすべてのサービスに運用者の記載があるわけでも"
           "ない。供給者の取込元又は運用者の列が必要。"});
    }
    return checks;
  }
  checks = {Reviewed(operators, options), Governed(operators, options), Typed(operators, options)};
  const Label context = {
      absl::StrCat(operators.size(), " other parties operate part of an in-scope service (",
                   facts.parties.size(), " register entries)."),
      absl::StrCat("適用範囲内のサービスの一部を運用する他の当事者 ", operators.size(), " 件（登録簿 ",
                   facts.parties.size(), " 件）。")};
  for (ScopeCheck& check : checks) Conclude(check, context);
  return checks;
}

}  // namespace crosswalk::report
