#include "gateway/sam/product_position.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::sam {
namespace {

bool ContainsFolded(const std::string& text, const std::string& part) { return absl::StrContains(MatchKey(text), MatchKey(part)); }

// Empty when `e` is valid on as_of, else why not.
std::string InvalidOn(const Entitlement& e, int64_t as_of) {
  if (e.valid_from && as_of < *e.valid_from) return absl::StrCat("not valid before ", FormatDate(*e.valid_from));
  if (e.valid_to && as_of > *e.valid_to + 86399) return absl::StrCat("expired on ", FormatDate(*e.valid_to));
  return "";
}

// A version's numbers ("12.2.0" → 12, 2, 0): versions compare by them ("2016" < "2019", "12.2" < "19").
std::vector<int64_t> VersionNumbers(const std::string& text) {
  std::vector<int64_t> out;
  for (absl::string_view part : absl::StrSplit(text, absl::ByAnyChar(".-_ :+"), absl::SkipEmpty())) {
    int64_t n = 0;
    std::string digits;
    for (char c : part) {
      if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits.push_back(c); else break;
    }
    if (!digits.empty() && digits.size() < 18 && absl::SimpleAtoi(digits, &n)) out.push_back(n);
  }
  return out;
}

// Each version's numbers, worked out once: a product's installs repeat few versions.
class VersionCache {
 public:
  const std::vector<int64_t>& Of(const std::string& version) {
    auto [it, added] = numbers_.try_emplace(version);
    if (added) it->second = VersionNumbers(version);
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<int64_t>> numbers_;  // nodes: a returned reference stays valid
};

// -1, 0, 1; -2 when either version has no numbers.
int CompareVersions(const std::vector<int64_t>& x, const std::vector<int64_t>& y) {
  if (x.empty() || y.empty()) return -2;
  return x < y ? -1 : (x == y ? 0 : 1);
}

int64_t EvenUp(int64_t n) { return n % 2 == 0 ? n : n + 1; }

double CoreFactor(const PositionOptions& options, const std::string& cpu) {
  for (const auto& [model, factor] : options.core_factors) {
    if (!model.empty() && ContainsFolded(cpu, model)) return factor;
  }
  return options.default_core_factor;
}

// What one device needs under a per-core or per-processor metric, and how that was worked out.
std::pair<int64_t, std::string> DeviceNeed(Metric metric, const LicensedDevice& d, const std::string& product,
                                           const PositionOptions& options) {
  if (metric == Metric::kCore) {
    const bool sql = ContainsFolded(product, "sql server");
    if (d.virtual_machine) {
      const int64_t minimum = sql ? 4 : 8;
      const int64_t need = EvenUp(std::max<int64_t>(minimum, d.cores));
      return {need, absl::StrCat("virtual machine, ", d.cores, " virtual cores, at least ", minimum, ", in 2-core packs = ", need,
                                 sql ? "" : " (assumed: licensed per VM, not through its host)")};
    }
    if (sql) {
      // SQL Server on a physical server: every physical core, at least 4 per processor (not
      // Windows Server's 8 per processor and 16 per server).
      if (d.cores <= 0) return {4, "cores unknown: the minimum of 4 for one processor"};
      const int64_t processors = std::max(d.processors, 1);
      const int64_t need = EvenUp(std::max<int64_t>(4 * processors, d.cores));
      return {need, absl::StrCat("physical, ", d.cores, " cores, at least 4 per processor × ", processors, ", in 2-core packs = ", need)};
    }
    if (d.cores <= 0 || d.processors <= 0) return {16, "cores or processors unknown: the per-server minimum of 16"};
    const int64_t per_processor = std::max<int64_t>(8, (d.cores + d.processors - 1) / d.processors);
    const int64_t need = EvenUp(std::max<int64_t>(16, per_processor * d.processors));
    return {need, absl::StrCat(d.processors, " processors × max(8, ", (d.cores + d.processors - 1) / d.processors,
                               " cores), at least 16 per server, in 2-core packs = ", need)};
  }
  // Oracle processor: cores × core factor, rounded up.
  const double factor = CoreFactor(options, d.cpu);
  const int64_t cores = d.cores > 0 ? d.cores : std::max(d.processors, 1);
  const int64_t need = static_cast<int64_t>(std::ceil(cores * factor - 1e-9));
  return {need, absl::StrCat(cores, d.cores > 0 ? " cores" : " (cores unknown: processors)", " × core factor ", factor,
                             " rounded up = ", need, d.virtual_machine ? " (virtual cores: soft partitioning may need the host's)" : "")};
}

// One entitlement with what every demand of the product reads of it, worked out once.
struct Candidate {
  const Entitlement* e = nullptr;
  std::string invalid;                   // empty: valid on as_of
  std::vector<std::string> target_keys;  // MatchKey of allocated_to
  std::string edition_key;
  std::vector<int64_t> scope;  // VersionNumbers(version_scope)
  std::string no_upgrade;      // why a newer version is not covered: "it has no upgrade rights", "its maintenance ended on …"
  std::string other_metric;    // why it gives nothing to the product's demands, when it counts in another metric
  std::string allocated_text;  // "allocated to pc1, pc2"
  size_t slot = 0;             // what is left of it, shared by entitlements of one id

  bool AllocatedTo(const std::string& subject_key, const std::string* alias_key) const {
    for (const std::string& target : target_keys) {
      if (target == subject_key || (alias_key != nullptr && target == *alias_key)) return true;
    }
    return false;
  }
};

// The consumption order for a demand: allocated to it first, then `pool` order (unlimited, by
// priority, by the earliest end of validity, by id).
std::vector<const Candidate*> InOrder(const std::vector<const Candidate*>& pool, const std::string& subject_key,
                                      const std::string* alias_key) {
  std::vector<const Candidate*> out;
  out.reserve(pool.size());
  for (const Candidate* c : pool) {
    if (c->AllocatedTo(subject_key, alias_key)) out.push_back(c);
  }
  for (const Candidate* c : pool) {
    if (!c->AllocatedTo(subject_key, alias_key)) out.push_back(c);
  }
  return out;
}

// Why `c` does not cover the edition or version of `first`, a demand's first install whose
// version's numbers are `installed` (empty: it covers them).
std::string Mismatch(const Candidate& c, const LicensedInstall* first, const std::vector<int64_t>& installed) {
  const Entitlement& e = *c.e;
  if (first == nullptr) return "";
  if (!e.edition.empty() && !first->edition.empty() && c.edition_key != MatchKey(first->edition)) {
    return absl::StrCat("edition ", e.edition, ", installed ", first->edition);
  }
  if (e.version_scope.empty() || first->version.empty()) return "";
  const int order = CompareVersions(installed, c.scope);
  if (order > 0 && !c.no_upgrade.empty()) {
    return absl::StrCat("version ", first->version, " is newer than the entitlement's ", e.version_scope, " and ", c.no_upgrade);
  }
  if (order == -1 && !e.downgrade) {
    return absl::StrCat("version ", first->version, " is older than the entitlement's ", e.version_scope, " and it has no downgrade rights");
  }
  return "";
}

}  // namespace

bool ValidOn(const Entitlement& e, int64_t as_of, std::string* why) {
  *why = InvalidOn(e, as_of);
  return why->empty();
}

std::string ProductKey(const std::string& publisher, const std::string& product) {
  return absl::StrCat(MatchKey(publisher), "|", MatchKey(product));
}

ProductResult ComputeProductPosition(const std::string& key, const std::vector<const LicensedInstall*>& installs,
                                     const std::vector<const Entitlement*>& entitlements, const DeviceLookup& devices,
                                     const PositionOptions& options) {
  ProductResult result;
  ProductPosition& position = result.position;
  if (!installs.empty()) {
    position.publisher = installs.front()->publisher;
    position.product = installs.front()->product;
  } else if (!entitlements.empty()) {
    position.publisher = entitlements.front()->publisher;
    position.product = entitlements.front()->product;
  }

  std::vector<Candidate> candidates(entitlements.size());
  std::unordered_map<std::string, size_t> slot_by_id;
  bool any_allocated = false, any_scoped = false;
  VersionCache versions;
  for (size_t n = 0; n < entitlements.size(); ++n) {
    Candidate& c = candidates[n];
    c.e = entitlements[n];
    c.invalid = InvalidOn(*c.e, options.as_of);
    for (const std::string& target : c.e->allocated_to) c.target_keys.push_back(MatchKey(target));
    any_allocated = any_allocated || !c.target_keys.empty();
    any_scoped = any_scoped || !c.e->version_scope.empty();
    c.edition_key = MatchKey(c.e->edition);
    c.scope = versions.Of(c.e->version_scope);
    // A newer version is covered by upgrade rights (software assurance) while maintenance runs.
    if (!c.e->upgrade) {
      c.no_upgrade = "it has no upgrade rights";
    } else if (c.e->maintenance_end && options.as_of > *c.e->maintenance_end + 86399) {
      c.no_upgrade = absl::StrCat("its maintenance (upgrade rights) ended on ", FormatDate(*c.e->maintenance_end));
    }
    c.slot = slot_by_id.emplace(c.e->id, slot_by_id.size()).first->second;
    if (!c.target_keys.empty()) c.allocated_text = absl::StrCat("allocated to ", absl::StrJoin(c.e->allocated_to, ", "));
  }
  std::vector<const Candidate*> pool;
  for (const Candidate& c : candidates) pool.push_back(&c);
  auto rank = [](const Candidate* c) {
    const Entitlement& e = *c->e;
    return std::make_tuple(e.metric == Metric::kSite ? 0 : 1, e.priority > 0 ? e.priority : 1 << 30, e.valid_to.value_or(INT64_MAX),
                           std::cref(e.id));
  };
  std::stable_sort(pool.begin(), pool.end(), [&](const Candidate* a, const Candidate* b) { return rank(a) < rank(b); });

  // The product's metric: its first valid entitlement's in the order of a demand of no subject.
  const std::string no_subject = MatchKey("");
  const std::vector<const Candidate*> owned = InOrder(pool, no_subject, nullptr);
  position.metric = Metric::kDevice;
  const auto first_valid = std::find_if(owned.begin(), owned.end(), [](const Candidate* c) { return c->invalid.empty(); });
  if (first_valid != owned.end()) {
    position.metric = (*first_valid)->e->metric;
  } else if (!owned.empty()) {
    position.metric = owned.front()->e->metric;
  }
  for (Candidate& c : candidates) {
    if (c.e->metric != position.metric && c.e->metric != Metric::kSite) {
      c.other_metric = absl::StrCat("counts per ", MetricName(c.e->metric), "; this demand is per ", MetricName(position.metric));
    }
  }
  std::vector<int64_t> remaining(slot_by_id.size(), 0);
  for (const Candidate* c : owned) {
    position.entitlements.push_back(c->e->id);
    if (!c->invalid.empty()) continue;
    remaining[c->slot] = c->e->quantity;
    if (c->e->metric == Metric::kSite) position.unlimited = true;
    if (c->e->metric == position.metric && c->e->metric != Metric::kSite) position.owned += c->e->quantity;
  }

  // The demands: per device, per user, or one for the product; each with its first install.
  std::vector<Demand>& demands = result.demands;
  demands.reserve(std::max<size_t>(installs.size(), 1));  // no reallocation: by_subject views the subjects
  std::vector<const LicensedInstall*> first_install;
  absl::flat_hash_map<absl::string_view, size_t> by_subject;
  auto add_demand = [&](std::string subject, int64_t required, std::string basis, const LicensedInstall* first) -> Demand& {
    Demand d;
    d.publisher = position.publisher;
    d.product = position.product;
    d.metric = position.metric;
    d.subject = std::move(subject);
    d.required = required;
    d.basis = std::move(basis);
    demands.push_back(std::move(d));
    first_install.push_back(first);
    by_subject.emplace(demands.back().subject, demands.size() - 1);
    return demands.back();
  };
  auto existing = [&](absl::string_view subject) -> Demand* {
    const auto found = by_subject.find(subject);
    return found == by_subject.end() ? nullptr : &demands[found->second];
  };
  const Metric metric = position.metric == Metric::kSite ? Metric::kDevice : position.metric;
  if (metric == Metric::kNamedUserPlus || metric == Metric::kConcurrent) {
    std::set<std::string> users;
    std::unordered_set<std::string> counted_devices;
    int64_t processors = 0;
    for (const LicensedInstall* i : installs) {
      if (!i->user.empty()) users.insert(MatchKey(i->user));
      if (counted_devices.insert(i->device).second) {
        auto d = devices.by_key.find(i->device);
        processors += d != devices.by_key.end() ? std::max(d->second->processors, 1) : 1;
      }
    }
    const LicensedInstall* first = installs.empty() ? nullptr : installs.front();
    Demand* d = nullptr;
    if (metric == Metric::kNamedUserPlus) {
      const int64_t need = std::max<int64_t>(static_cast<int64_t>(users.size()), 25 * processors);
      d = &add_demand("named users", need,
                      absl::StrCat(users.size(), " named users, at least 25 per processor × ", processors, " processors = ", need), first);
    } else if (auto peak = options.concurrent_peaks.find(key); peak != options.concurrent_peaks.end()) {
      d = &add_demand("peak concurrent users", peak->second, absl::StrCat("peak of ", peak->second, " users at once (usage data)"), first);
    } else if (!installs.empty()) {
      position.notes.push_back("no usage data: the concurrent metric cannot be counted; nothing is consumed");
    }
    if (d != nullptr) {
      for (const LicensedInstall* i : installs) d->installs.push_back(i->id);
    }
  } else {
    for (const LicensedInstall* i : installs) {
      const auto found = devices.by_key.find(i->device);
      const LicensedDevice* device = found != devices.by_key.end() ? found->second : nullptr;
      const std::string& device_name = device != nullptr && !device->name.empty() ? device->name : i->device;
      const bool unknown_user = metric == Metric::kUser && i->user.empty();
      const std::string no_user = unknown_user ? absl::StrCat(device_name, " (no user known)") : "";
      const std::string& subject = metric != Metric::kUser ? device_name : unknown_user ? no_user : i->user;
      if (Demand* d = existing(subject)) {
        d->installs.push_back(i->id);
      } else if (metric == Metric::kUser) {
        add_demand(subject, 1, i->user.empty() ? "1 per device whose user is not known" : "1 per named user", i)
            .installs.push_back(i->id);
      } else if (metric == Metric::kCore || metric == Metric::kProcessor) {
        LicensedDevice fallback;
        if (device == nullptr) fallback.key = fallback.name = i->device;
        auto [need, basis] = DeviceNeed(metric, device != nullptr ? *device : fallback, position.product, options);
        add_demand(subject, need, std::move(basis), i).installs.push_back(i->id);
      } else {
        add_demand(subject, 1, "1 per device, however many installs", i).installs.push_back(i->id);
      }
    }
  }

  // Consumption, demand by demand in order.
  for (size_t n = 0; n < demands.size(); ++n) {
    Demand& demand = demands[n];
    const LicensedInstall* first = first_install[n];
    // Allocations name the subject or, for a device's name, the device's key.
    std::string subject_key, alias_key;
    bool has_alias = false;
    if (any_allocated) {
      subject_key = MatchKey(demand.subject);
      const auto named = devices.key_by_name.find(demand.subject);
      has_alias = named != devices.key_by_name.end() && !named->second.empty();
      if (has_alias) alias_key = MatchKey(named->second);
    }
    static const std::vector<int64_t> kNoVersion;
    const std::vector<int64_t>& installed = any_scoped && first != nullptr ? versions.Of(first->version) : kNoVersion;
    const std::vector<const Candidate*> order = any_allocated ? InOrder(pool, subject_key, has_alias ? &alias_key : nullptr) : pool;
    int64_t need = demand.required;
    demand.considered.reserve(order.size());
    for (const Candidate* c : order) {
      Considered considered{c->e->id, 0, ""};
      if (!c->invalid.empty()) {
        considered.rejected = c->invalid;
      } else if (need == 0) {
        considered.rejected = "not needed: the demand was covered";
      } else if (!c->other_metric.empty()) {
        considered.rejected = c->other_metric;
      } else if (!c->target_keys.empty() && !c->AllocatedTo(subject_key, has_alias ? &alias_key : nullptr)) {
        considered.rejected = c->allocated_text;
      } else if (std::string why = Mismatch(*c, first, installed); !why.empty()) {
        considered.rejected = std::move(why);
      } else if (c->e->metric == Metric::kSite) {
        considered.consumed = need;
        need = 0;
      } else if (remaining[c->slot] <= 0) {
        considered.rejected = "used up by earlier demands";
      } else {
        considered.consumed = std::min(need, remaining[c->slot]);
        remaining[c->slot] -= considered.consumed;
        need -= considered.consumed;
      }
      demand.considered.push_back(std::move(considered));
    }
    demand.covered = demand.required - need;
    position.consumed += demand.required;
    position.shortfall += need;
  }
  position.position = position.unlimited ? 0 : position.owned - position.consumed;
  return result;
}

}  // namespace crosswalk::sam
