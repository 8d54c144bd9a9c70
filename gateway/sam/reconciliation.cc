#include "gateway/sam/reconciliation.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/identifiers.h"
#include "gateway/sam/product_position.h"

namespace crosswalk::sam {
namespace {

constexpr char kInventoryClause[] = "8.2.6";  // 19770-1 inventory management
constexpr char kLicenceClause[] = "8.2.5";    // 19770-1 licence and asset use management
constexpr size_t kProductsNamed = 5;

// "publisher|product" as a person reads it.
std::string ProductText(const std::string& key) {
  return std::string(absl::StripAsciiWhitespace(absl::StrReplaceAll(key, {{"|", " "}})));
}

bool IsRetired(const CmdbItem& ci) { return ci.status == "retired"; }
const std::string& CiName(const CmdbItem& ci) { return ci.name.empty() ? ci.id : ci.name; }

// The index key of an identifier: 'n' a name or id, 's' a serial, 'u' a UUID; empty when the
// value identifies nothing (empty, or a placeholder serial or UUID).
std::string IdentifierKey(char type, const std::string& value) {
  std::string key = MatchKey(value);
  if (key.empty() || (type != 'n' && IsPlaceholderIdentifier(key))) return "";
  return absl::StrCat(std::string(1, type), ":", key);
}

// Positions of the things that carry each identifier key.
class IdentifierIndex {
 public:
  void Add(char type, const std::string& value, int position) {
    const std::string key = IdentifierKey(type, value);
    if (key.empty()) return;
    std::vector<int>& positions = index_[key];
    if (positions.empty() || positions.back() != position) positions.push_back(position);
  }
  const std::vector<int>& Find(char type, const std::string& value) const {
    static const std::vector<int> kNone;
    const std::string key = IdentifierKey(type, value);
    auto it = key.empty() ? index_.end() : index_.find(key);
    return it == index_.end() ? kNone : it->second;
  }
  const std::map<std::string, std::vector<int>>& entries() const { return index_; }

 private:
  std::map<std::string, std::vector<int>> index_;
};

// True for a CI class that names a machine (see the header for the list).
bool IsDeviceClass(const CmdbItem& ci) {
  const std::string key = MatchKey(ci.ci_class);
  if (key.empty()) return !IdentifierKey('s', ci.serial).empty() || !IdentifierKey('u', ci.uuid).empty();
  static const std::set<std::string> kWords = {"computer", "server", "pc",      "laptop", "desktop",
                                               "workstation", "vm", "notebook", "virtualmachine"};
  for (absl::string_view word : absl::StrSplit(key, absl::ByAnyChar(" _-/.()"), absl::SkipEmpty())) {
    if (kWords.count(std::string(word)) > 0) return true;
  }
  for (const char* part : {"virtual machine", "サーバ", "パソコン", "端末", "ノートpc", "仮想マシン"}) {
    if (absl::StrContains(key, part)) return true;
  }
  return false;
}

// A licence field's tokens, as written: separated by , ; / or white space, ASCII or full-width.
std::vector<std::string> LicenceTokens(const std::string& field) {
  const std::string ascii = absl::StrReplaceAll(field, {{"、", ","}, {"，", ","}, {"；", ";"}, {"／", "/"}, {"\u3000", " "}});
  std::vector<std::string> tokens;
  std::set<std::string> seen;
  for (absl::string_view token : absl::StrSplit(ascii, absl::ByAnyChar(",;/ \t\r\n"), absl::SkipEmpty())) {
    if (seen.insert(MatchKey(token)).second) tokens.emplace_back(token);
  }
  return tokens;
}

// A product key or vendor licence key rather than an id: long, dash-grouped, or masked.
bool LooksLikeLicenceKey(const std::string& token) {
  return CodePointCount(token) > 20 || std::count(token.begin(), token.end(), '-') >= 4 || absl::StrContains(token, "*");
}

std::string NamedList(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return absl::StrJoin(names, ", ");
}

class Reconciler {
 public:
  Reconciler(const std::vector<InventoryMachine>& machines, const std::vector<CmdbItem>& items,
             const std::vector<Entitlement>& entitlements, const std::vector<Demand>& demands, const ReconcileOptions& options)
      : machines_(machines), items_(items), entitlements_(entitlements), options_(options) {
    for (int m = 0; m < static_cast<int>(machines.size()); ++m) {
      const InventoryMachine& machine = machines[m];
      for (const std::string& name : machine.host_names) machine_index_.Add('n', name, m);
      for (const std::string& id : machine.device_ids) machine_index_.Add('n', id, m);
      for (const std::string& serial : machine.serials) machine_index_.Add('s', serial, m);
      for (const std::string& uuid : machine.uuids) machine_index_.Add('u', uuid, m);
      if (!machine.user.empty()) users_.insert(MatchKey(machine.user));
    }
    cis_of_machine_.resize(machines.size());
    machines_of_ci_.resize(items.size());
    for (int c = 0; c < static_cast<int>(items.size()); ++c) {
      const CmdbItem& ci = items[c];
      for (const auto& [type, value] : {std::pair<char, const std::string*>{'n', &ci.name}, {'n', &ci.id}, {'s', &ci.serial}, {'u', &ci.uuid}}) {
        ci_index_.Add(type, *value, c);
        for (int m : machine_index_.Find(type, *value)) machines_of_ci_[c].push_back(m);
      }
      std::vector<int>& found = machines_of_ci_[c];
      std::sort(found.begin(), found.end());
      found.erase(std::unique(found.begin(), found.end()), found.end());
      for (int m : found) cis_of_machine_[m].push_back(c);
    }
    for (int e = 0; e < static_cast<int>(entitlements.size()); ++e) {
      entitlements_by_id_[MatchKey(entitlements[e].id)].push_back(e);
      if (!entitlements[e].purchase_ref.empty()) purchase_refs_.insert(MatchKey(entitlements[e].purchase_ref));
    }
    for (const Demand& demand : demands) {
      demands_.emplace(std::make_pair(MatchKey(demand.subject), ProductKey(demand.publisher, demand.product)), &demand);
    }
  }

  void Machines() {
    for (int m = 0; m < static_cast<int>(machines_.size()); ++m) {
      const InventoryMachine& machine = machines_[m];
      if (cis_of_machine_[m].empty() && !items_.empty()) {
        std::vector<std::string> identifiers = machine.host_names;
        for (const auto* list : {&machine.device_ids, &machine.serials, &machine.uuids}) {
          identifiers.insert(identifiers.end(), list->begin(), list->end());
        }
        Add(kNotInCmdb, machine.name, absl::StrCat("no CMDB CI has any of its identifiers: ", NamedList(identifiers)),
            kInventoryClause, machine.records);
      }
      if (machine.installs > 0) {
        for (int c : cis_of_machine_[m]) {
          if (IsRetired(items_[c])) InstallsOnRetired(machine, items_[c]);
        }
      }
      std::set<std::string> distinct;
      for (const std::string& name : machine.host_names) distinct.insert(MatchKey(name));
      if (distinct.size() >= 2) {
        std::vector<std::string> names = machine.host_names;
        std::sort(names.begin(), names.end());
        const bool by_uuid = !machine.uuids.empty();
        const auto& shared = by_uuid ? machine.uuids : machine.serials;
        Add(kDuplicateDevice, machine.name,
            absl::StrCat("one machine seen as ", absl::StrJoin(names, " and "),
                         shared.empty() ? std::string(" by its device ids")
                                        : absl::StrCat(" with the same ", by_uuid ? "UUID " : "serial ", NamedList(shared))),
            kInventoryClause, machine.records);
      }
    }
  }

  void Items() {
    for (int c = 0; c < static_cast<int>(items_.size()); ++c) {
      const CmdbItem& ci = items_[c];
      if (!machines_.empty() && !IsRetired(ci) && IsDeviceClass(ci)) NoRecentInventory(c);
      if (!entitlements_.empty() && !ci.software_licence.empty()) LicenceField(c);
    }
    // One serial or UUID on CIs in service under different names.
    for (const auto& [key, positions] : ci_index_.entries()) {
      if (key[0] == 'n') continue;
      std::set<std::string> names;
      std::vector<std::string> evidence, shown;
      const CmdbItem* first = nullptr;
      for (int c : positions) {
        if (IsRetired(items_[c])) continue;
        if (first == nullptr) first = &items_[c];
        names.insert(MatchKey(CiName(items_[c])));
        evidence.push_back(items_[c].record);
        shown.push_back(CiName(items_[c]));
      }
      if (names.size() < 2) continue;
      const bool uuid = key[0] == 'u';
      const std::string& value = uuid ? first->uuid : first->serial;
      Add(kDuplicateDevice, value,
          absl::StrCat(uuid ? "UUID " : "serial ", value, " is on ", evidence.size(), " CMDB CIs: ", NamedList(shown)),
          kInventoryClause, evidence);
    }
  }

  void Allocations(const std::vector<AllocationRef>& allocations) {
    for (const AllocationRef& a : allocations) {
      if (MatchKey(a.target).empty()) continue;
      std::vector<int> cis = ci_index_.Find('n', a.target);
      const std::vector<int>& by_serial = ci_index_.Find('s', a.target);
      cis.insert(cis.end(), by_serial.begin(), by_serial.end());
      std::vector<std::string> evidence = {a.entitlement_record}, retired;
      bool live = false;
      for (int c : cis) {
        if (!IsRetired(items_[c])) live = true;
        else {
          evidence.push_back(items_[c].record);
          retired.push_back(CiName(items_[c]));
        }
      }
      if (!retired.empty() && !live) {
        Add(kAllocationToRetired, a.target,
            absl::StrCat(a.entitlement, " is allocated to ", a.target, ", which the CMDB records as retired (", NamedList(retired), ")"),
            kLicenceClause, evidence);
      } else if (cis.empty() && (!items_.empty() || !machines_.empty()) && machine_index_.Find('n', a.target).empty() && machine_index_.Find('s', a.target).empty() &&
                 users_.count(MatchKey(a.target)) == 0) {
        Add(kAllocationUnknown, a.target,
            absl::StrCat(a.entitlement, " is allocated to ", a.target, ", which is no CMDB CI, no inventoried machine and no inventory user"),
            kLicenceClause, evidence);
      }
    }
  }

  std::vector<SamException> Take() {
    std::sort(out_.begin(), out_.end(), [](const SamException& a, const SamException& b) {
      return std::tie(a.kind, a.subject, a.detail, a.evidence) < std::tie(b.kind, b.subject, b.detail, b.evidence);
    });
    return std::move(out_);
  }

 private:
  void Add(const char* kind, const std::string& subject, std::string detail, const char* clause, std::vector<std::string> evidence) {
    std::sort(evidence.begin(), evidence.end());
    evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
    out_.push_back({kind, subject, std::move(detail), clause, std::move(evidence)});
  }

  // The records of a CI and of the machines it matches.
  std::vector<std::string> Evidence(int c, std::vector<std::string> more = {}) const {
    more.push_back(items_[c].record);
    for (int m : machines_of_ci_[c]) more.insert(more.end(), machines_[m].records.begin(), machines_[m].records.end());
    return more;
  }

  void InstallsOnRetired(const InventoryMachine& machine, const CmdbItem& ci) {
    std::vector<std::string> products;
    for (const std::string& key : machine.products) products.push_back(ProductText(key));
    std::sort(products.begin(), products.end());
    std::string named = absl::StrJoin(products.begin(), products.begin() + std::min(products.size(), kProductsNamed), ", ");
    if (products.size() > kProductsNamed) absl::StrAppend(&named, " and ", products.size() - kProductsNamed, " more");
    std::vector<std::string> evidence = machine.records;
    evidence.push_back(ci.record);
    Add(kInstallOnRetiredCi, machine.name,
        // The count is of every product install (free ones too: the machine is in use); the list
        // names those that need a licence.
        absl::StrCat(machine.installs, " product installs on a machine the CMDB records as retired (", CiName(ci), "); ",
                     products.empty() ? std::string("none needs a licence") : absl::StrCat("needing a licence: ", named)),
        kLicenceClause, evidence);
  }

  void NoRecentInventory(int c) {
    const std::vector<int>& seen_by = machines_of_ci_[c];
    std::optional<int64_t> latest;
    for (int m : seen_by) {
      if (!machines_[m].last_seen) return;  // a machine of unknown age: not known to be stale
      latest = std::max(latest.value_or(*machines_[m].last_seen), *machines_[m].last_seen);
    }
    std::string detail = "no inventory has seen it";
    if (latest) {
      const int64_t days = (options_.as_of - *latest) / kSecondsPerDay;
      if (days <= options_.stale_days) return;
      detail = absl::StrCat("last inventoried ", FormatDate(*latest), ", ", days, " days before ", FormatDate(options_.as_of));
    }
    Add(kNoRecentInventory, CiName(items_[c]), detail, kInventoryClause, Evidence(c));
  }

  void LicenceField(int c) {
    const CmdbItem& ci = items_[c];
    for (const std::string& token : LicenceTokens(ci.software_licence)) {
      const std::string key = MatchKey(token);
      auto found = entitlements_by_id_.find(key);
      if (found == entitlements_by_id_.end()) {
        if (purchase_refs_.count(key) > 0 || LooksLikeLicenceKey(token)) continue;
        Add(kLicenceFieldMismatch, CiName(ci), absl::StrCat("names ", token, ", which is in no entitlement register"), kLicenceClause,
            {ci.record});
        continue;
      }
      for (int e : found->second) {
        const std::string why = Contradiction(c, entitlements_[e]);
        if (why.empty()) continue;
        Add(kLicenceFieldMismatch, CiName(ci), absl::StrCat("names ", entitlements_[e].id, ", ", why), kLicenceClause,
            Evidence(c, {entitlements_[e].record}));
      }
    }
  }

  // What contradicts CI `c` naming entitlement `e`; empty when nothing does.
  std::string Contradiction(int c, const Entitlement& e) const {
    std::string why;
    if (!ValidOn(e, options_.as_of, &why)) return absl::StrCat("which is ", why, " (as of ", FormatDate(options_.as_of), ")");
    const std::vector<int>& seen_by = machines_of_ci_[c];
    if (seen_by.empty()) return "";
    const std::string product = ProductKey(e.publisher, e.product);
    std::vector<std::string> without;
    const Demand* demand = nullptr;
    const InventoryMachine* holder = nullptr;
    for (int m : seen_by) {
      const InventoryMachine& machine = machines_[m];
      bool installed = false;
      for (const std::string& key : machine.products) {
        const size_t bar = key.find('|');
        if (bar != std::string::npos && ProductKey(key.substr(0, bar), key.substr(bar + 1)) == product) installed = true;
      }
      if (!installed) {
        without.push_back(machine.name);
        continue;
      }
      for (const std::string& subject : {machine.name, machine.user}) {
        auto it = subject.empty() ? demands_.end() : demands_.find({MatchKey(subject), product});
        if (it == demands_.end()) continue;
        for (const Considered& considered : it->second->considered) {
          if (considered.consumed > 0 && MatchKey(considered.entitlement) == MatchKey(e.id)) return "";
        }
        if (demand == nullptr) std::tie(demand, holder) = std::make_pair(it->second, &machine);
      }
    }
    if (without.size() == seen_by.size()) {
      return absl::StrCat("but ", NamedList(without), " has no install of ", e.publisher, " ", e.product);
    }
    if (demand == nullptr) return "";  // no demand to compare with
    std::vector<std::string> consumed;
    for (const Considered& considered : demand->considered) {
      if (considered.consumed > 0) consumed.push_back(absl::StrCat(considered.entitlement, " (", considered.consumed, ")"));
    }
    const std::string what = consumed.empty()
                                 ? absl::StrCat("nothing: a shortfall of ", demand->required - demand->covered)
                                 : absl::StrCat(absl::StrJoin(consumed, ", "), " and nothing of ", e.id);
    const std::string whose = MatchKey(demand->subject) == MatchKey(holder->name)
                                  ? holder->name
                                  : absl::StrCat(demand->subject, " (user of ", holder->name, ")");
    return absl::StrCat("but the demand of ", whose, " for ", e.product, " consumed ", what);
  }

  const std::vector<InventoryMachine>& machines_;
  const std::vector<CmdbItem>& items_;
  const std::vector<Entitlement>& entitlements_;
  const ReconcileOptions& options_;
  IdentifierIndex machine_index_, ci_index_;
  std::vector<std::vector<int>> cis_of_machine_, machines_of_ci_;
  std::set<std::string> users_;                                   // MatchKeys of the machines' users
  std::map<std::string, std::vector<int>> entitlements_by_id_;    // MatchKey of the id → entitlements
  std::set<std::string> purchase_refs_;                           // MatchKeys
  std::map<std::pair<std::string, std::string>, const Demand*> demands_;  // (subject, product key)
  std::vector<SamException> out_;
};

}  // namespace

std::vector<SamException> Reconcile(const std::vector<InventoryMachine>& machines, const std::vector<CmdbItem>& items,
                                    const std::vector<Entitlement>& entitlements,
                                    const std::vector<AllocationRef>& allocations, const std::vector<Demand>& demands,
                                    const ReconcileOptions& options) {
  Reconciler reconciler(machines, items, entitlements, demands, options);
  reconciler.Machines();
  reconciler.Items();
  reconciler.Allocations(allocations);
  return reconciler.Take();
}

}  // namespace crosswalk::sam
