#include "gateway/sam/licence_position.h"

#include <iterator>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/product_position.h"

namespace crosswalk::sam {

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
  DeviceLookup lookup;
  for (const LicensedDevice& d : devices) lookup.Add(d);
  // Each product's installs and entitlements in input order. Installs name few distinct products:
  // each spelling is folded into its key once.
  struct Inputs {
    std::vector<const LicensedInstall*> installs;
    std::vector<const Entitlement*> entitlements;
  };
  std::map<std::string, Inputs> products;
  absl::flat_hash_map<std::pair<absl::string_view, absl::string_view>, Inputs*> by_spelling;
  for (const LicensedInstall& i : installs) {
    auto [spelling, added] = by_spelling.try_emplace(std::make_pair(absl::string_view(i.publisher), absl::string_view(i.product)), nullptr);
    if (added) spelling->second = &products[ProductKey(i.publisher, i.product)];
    spelling->second->installs.push_back(&i);
  }
  for (const Entitlement& e : entitlements) products[ProductKey(e.publisher, e.product)].entitlements.push_back(&e);

  LicencePosition result;
  for (const auto& [key, inputs] : products) {
    ProductResult product = ComputeProductPosition(key, inputs.installs, inputs.entitlements, lookup, options);
    result.products.push_back(std::move(product.position));
    std::move(product.demands.begin(), product.demands.end(), std::back_inserter(result.demands));
  }
  return result;
}

}  // namespace crosswalk::sam
