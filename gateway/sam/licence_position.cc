#include "gateway/sam/licence_position.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gateway/core/unicode.h"

namespace crosswalk::sam {
namespace {

std::string ProductKey(const std::string& publisher, const std::string& product) {
  return absl::StrCat(MatchKey(publisher), "|", MatchKey(product));
}

bool ContainsFolded(const std::string& text, const std::string& part) { return absl::StrContains(MatchKey(text), MatchKey(part)); }

std::string Day(int64_t seconds) { return absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(seconds), absl::UTCTimeZone()); }

// Versions compared by their numbers ("2016" < "2019", "12.2" < "19"); -2 when either has none.
int CompareVersions(const std::string& a, const std::string& b) {
  auto numbers = [](const std::string& text) {
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
  };
  const std::vector<int64_t> x = numbers(a), y = numbers(b);
  if (x.empty() || y.empty()) return -2;
  return x < y ? -1 : (x == y ? 0 : 1);
}

bool AllocatedTo(const Entitlement& e, const std::string& subject, const std::string& alias) {
  for (const std::string& target : e.allocated_to) {
    if (MatchKey(target) == MatchKey(subject) || (!alias.empty() && MatchKey(target) == MatchKey(alias))) return true;
  }
  return false;
}

int64_t EvenUp(int64_t n) { return n % 2 == 0 ? n : n + 1; }

// The consumption order for a demand of `subject`: allocated to it, unlimited, by priority, by
// the earliest end of validity, by id.
std::vector<const Entitlement*> InOrder(std::vector<const Entitlement*> list, const std::string& subject,
                                        const std::string& alias) {
  auto rank = [&](const Entitlement* e) {
    return std::make_tuple(AllocatedTo(*e, subject, alias) ? 0 : 1, e->metric == Metric::kSite ? 0 : 1,
                           e->priority > 0 ? e->priority : 1 << 30, e->valid_to.value_or(INT64_MAX), e->id);
  };
  std::stable_sort(list.begin(), list.end(), [&](const Entitlement* a, const Entitlement* b) { return rank(a) < rank(b); });
  return list;
}

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

}  // namespace

bool ValidOn(const Entitlement& e, int64_t as_of, std::string* why) {
  if (e.valid_from && as_of < *e.valid_from) {
    *why = absl::StrCat("not valid before ", Day(*e.valid_from));
    return false;
  }
  if (e.valid_to && as_of > *e.valid_to + 86399) {
    *why = absl::StrCat("expired on ", Day(*e.valid_to));
    return false;
  }
  return true;
}

const char* MetricName(Metric metric) {
  switch (metric) {
    case Metric::kDevice: return "device";
    case Metric::kUser: return "user";
    case Metric::kCore: return "core";
    case Metric::kProcessor: return "processor";
    case Metric::kNamedUserPlus: return "nup";
    case Metric::kConcurrent: return "concurrent";
    case Metric::kSite: return "site";
  }
  return "device";
}

absl::StatusOr<Metric> ParseMetric(const std::string& text) {
  static const std::vector<std::pair<Metric, std::vector<std::string>>> words = {
      {Metric::kNamedUserPlus, {"nup", "named user plus", "ネームドユーザープラス"}},
      {Metric::kDevice, {"device", "per device", "devices", "pc", "デバイス", "端末", "台"}},
      {Metric::kUser, {"user", "per user", "named user", "users", "ユーザー", "指名ユーザー", "ユーザ", "人"}},
      {Metric::kCore, {"core", "per core", "cores", "core pack", "2-core pack", "コア", "コアライセンス"}},
      {Metric::kProcessor, {"processor", "per processor", "cpu", "プロセッサ", "プロセッサー"}},
      {Metric::kConcurrent, {"concurrent", "concurrent user", "concurrent users", "同時接続", "同時使用", "同時利用"}},
      {Metric::kSite, {"site", "site licence", "site license", "unlimited", "enterprise", "サイト", "サイトライセンス", "無制限", "包括"}},
  };
  const std::string key = MatchKey(text);
  for (const auto& [metric, spellings] : words) {
    for (const std::string& spelling : spellings) {
      if (key == MatchKey(spelling)) return metric;
    }
  }
  return absl::InvalidArgumentError(absl::StrCat("metric '", text, "' is not one crosswalk counts: device (デバイス), user (指名ユーザー), "
                                                 "core (コア), processor (プロセッサ), nup (Named User Plus), concurrent (同時接続), "
                                                 "site (サイト, 無制限)"));
}

LicencePosition ComputePosition(const std::vector<LicensedDevice>& devices, const std::vector<LicensedInstall>& installs,
                                const std::vector<Entitlement>& entitlements, const PositionOptions& options) {
  std::map<std::string, const LicensedDevice*> device_by_key;
  std::map<std::string, std::string> key_by_name;  // a demand's subject is the device's name
  for (const LicensedDevice& d : devices) {
    device_by_key[d.key] = &d;
    key_by_name.emplace(d.name, d.key);
  }
  std::map<std::string, const LicensedInstall*> install_by_id;
  for (const LicensedInstall& i : installs) install_by_id.emplace(i.id, &i);
  std::map<std::string, std::vector<const LicensedInstall*>> installs_by_product;
  std::map<std::string, std::pair<std::string, std::string>> names;
  for (const LicensedInstall& i : installs) {
    const std::string key = ProductKey(i.publisher, i.product);
    installs_by_product[key].push_back(&i);
    names.emplace(key, std::make_pair(i.publisher, i.product));
  }
  std::map<std::string, std::vector<const Entitlement*>> entitlements_by_product;
  for (const Entitlement& e : entitlements) {
    const std::string key = ProductKey(e.publisher, e.product);
    entitlements_by_product[key].push_back(&e);
    names.emplace(key, std::make_pair(e.publisher, e.product));
  }

  LicencePosition result;
  for (const auto& [key, name] : names) {
    ProductPosition position;
    position.publisher = name.first;
    position.product = name.second;
    const std::vector<const Entitlement*> owned = InOrder(entitlements_by_product[key], "", "");
    std::string unused;
    position.metric = Metric::kDevice;
    bool metric_set = false;
    for (const Entitlement* e : owned) {
      if (ValidOn(*e, options.as_of, &unused)) {
        position.metric = e->metric;
        metric_set = true;
        break;
      }
    }
    if (!metric_set && !owned.empty()) position.metric = owned.front()->metric;
    const bool site = position.metric == Metric::kSite;
    std::map<std::string, int64_t> remaining;
    for (const Entitlement* e : owned) {
      position.entitlements.push_back(e->id);
      if (!ValidOn(*e, options.as_of, &unused)) continue;
      remaining[e->id] = e->quantity;
      if (e->metric == Metric::kSite) position.unlimited = true;
      if (e->metric == position.metric && e->metric != Metric::kSite) position.owned += e->quantity;
    }

    // The demands: per device, per user, or one for the product.
    std::vector<Demand> demands;
    std::map<std::string, size_t> by_subject;
    auto demand_for = [&](const std::string& subject, int64_t required, const std::string& basis) -> Demand& {
      auto [it, added] = by_subject.emplace(subject, demands.size());
      if (added) {
        Demand d;
        d.publisher = position.publisher;
        d.product = position.product;
        d.metric = position.metric;
        d.subject = subject;
        d.required = required;
        d.basis = basis;
        demands.push_back(std::move(d));
      }
      return demands[it->second];
    };
    const std::vector<const LicensedInstall*>& on = installs_by_product[key];
    const Metric metric = site ? Metric::kDevice : position.metric;
    if (metric == Metric::kNamedUserPlus || metric == Metric::kConcurrent) {
      std::set<std::string> users, counted_devices;
      int64_t processors = 0;
      for (const LicensedInstall* i : on) {
        if (!i->user.empty()) users.insert(MatchKey(i->user));
        if (counted_devices.insert(i->device).second) {
          auto d = device_by_key.find(i->device);
          processors += d != device_by_key.end() ? std::max(d->second->processors, 1) : 1;
        }
      }
      if (metric == Metric::kNamedUserPlus) {
        const int64_t need = std::max<int64_t>(static_cast<int64_t>(users.size()), 25 * processors);
        Demand& d = demand_for("named users", need, absl::StrCat(users.size(), " named users, at least 25 per processor × ", processors,
                                                                " processors = ", need));
        for (const LicensedInstall* i : on) d.installs.push_back(i->id);
      } else if (auto peak = options.concurrent_peaks.find(key); peak != options.concurrent_peaks.end()) {
        Demand& d = demand_for("peak concurrent users", peak->second, absl::StrCat("peak of ", peak->second, " users at once (usage data)"));
        for (const LicensedInstall* i : on) d.installs.push_back(i->id);
      } else if (!on.empty()) {
        position.notes.push_back("no usage data: the concurrent metric cannot be counted; nothing is consumed");
      }
    } else {
      for (const LicensedInstall* i : on) {
        auto found = device_by_key.find(i->device);
        LicensedDevice fallback;
        fallback.key = fallback.name = i->device;
        const LicensedDevice& device = found != device_by_key.end() ? *found->second : fallback;
        const std::string device_name = device.name.empty() ? device.key : device.name;
        if (metric == Metric::kUser) {
          const std::string subject = i->user.empty() ? absl::StrCat(device_name, " (no user known)") : i->user;
          demand_for(subject, 1, i->user.empty() ? "1 per device whose user is not known" : "1 per named user").installs.push_back(i->id);
        } else if (metric == Metric::kCore || metric == Metric::kProcessor) {
          const auto [need, basis] = DeviceNeed(metric, device, position.product, options);
          demand_for(device_name, need, basis).installs.push_back(i->id);
        } else {
          demand_for(device_name, 1, "1 per device, however many installs").installs.push_back(i->id);
        }
      }
    }

    // Consumption.
    for (Demand& demand : demands) {
      const auto named = key_by_name.find(demand.subject);
      const std::string alias = named != key_by_name.end() ? named->second : "";
      int64_t need = demand.required;
      // The demand's first install speaks for its version and edition.
      const auto first_of = install_by_id.find(demand.installs.empty() ? "" : demand.installs.front());
      const LicensedInstall* first = first_of != install_by_id.end() ? first_of->second : nullptr;
      for (const Entitlement* e : InOrder(entitlements_by_product[key], demand.subject, alias)) {
        Considered c{e->id, 0, ""};
        std::string why;
        if (!ValidOn(*e, options.as_of, &why)) {
          c.rejected = why;
        } else if (need == 0) {
          c.rejected = "not needed: the demand was covered";
        } else if (e->metric != demand.metric && e->metric != Metric::kSite) {
          c.rejected = absl::StrCat("counts per ", MetricName(e->metric), "; this demand is per ", MetricName(demand.metric));
        } else if (!e->allocated_to.empty() && !AllocatedTo(*e, demand.subject, alias)) {
          c.rejected = absl::StrCat("allocated to ", absl::StrJoin(e->allocated_to, ", "));
        } else if (first != nullptr && !e->edition.empty() && !first->edition.empty() &&
                   MatchKey(e->edition) != MatchKey(first->edition)) {
          c.rejected = absl::StrCat("edition ", e->edition, ", installed ", first->edition);
        } else if (first != nullptr && !e->version_scope.empty() && !first->version.empty() &&
                   CompareVersions(first->version, e->version_scope) > 0) {
          c.rejected = absl::StrCat("version ", first->version, " is newer than the entitlement's ", e->version_scope);
        } else if (first != nullptr && !e->version_scope.empty() && !first->version.empty() &&
                   CompareVersions(first->version, e->version_scope) == -1 && !e->downgrade) {
          c.rejected = absl::StrCat("version ", first->version, " is older than the entitlement's ", e->version_scope,
                                    " and it has no downgrade rights");
        } else if (e->metric == Metric::kSite) {
          c.consumed = need;
          need = 0;
        } else if (remaining[e->id] <= 0) {
          c.rejected = "used up by earlier demands";
        } else {
          c.consumed = std::min(need, remaining[e->id]);
          remaining[e->id] -= c.consumed;
          need -= c.consumed;
        }
        demand.considered.push_back(std::move(c));
      }
      demand.covered = demand.required - need;
      position.consumed += demand.required;
      position.shortfall += need;
    }
    position.position = position.unlimited ? 0 : position.owned - position.consumed;
    result.products.push_back(std::move(position));
    for (Demand& d : demands) result.demands.push_back(std::move(d));
  }
  return result;
}

}  // namespace crosswalk::sam
