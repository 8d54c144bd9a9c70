#include "gateway/sam/install_view.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/record_reading.h"

namespace crosswalk::sam {
namespace {

using Class = NormalisedInstall::Class;
constexpr Class kClasses[] = {Class::kProduct, Class::kUnrecognised, Class::kPackage, Class::kExcluded};

struct Pending {
  DeviceRef device;
  NormalisedInstall normalised;
  InstallEvidence evidence;
};

}  // namespace

absl::StatusOr<InstallView> BuildInstallView(Store& store, const SoftwareCatalogue& catalogue, const InstallFilter& filter) {
  std::optional<Class> only;
  if (!filter.kind.empty()) {
    for (Class kind : kClasses) {
      if (filter.kind == ClassName(kind)) only = kind;
    }
    if (!only) {
      return absl::InvalidArgumentError(absl::StrCat("unknown class '", filter.kind.substr(0, 64),
                                                     "' (product, unrecognised, package or excluded)"));
    }
  }
  std::vector<DeviceEntry> entries;
  CW_RETURN_IF_ERROR(ForEachRecord(store, "configuration-item", [&entries](const StoredRecord& stored) {
    if (IsDeviceRecord(stored.record)) entries.push_back(DeviceEntryOf(stored.record));
  }));
  std::vector<Pending> pending;
  CW_RETURN_IF_ERROR(ForEachRecord(store, "software-installation", [&](const StoredRecord& stored) {
    const Record& r = stored.record;
    DiscoveredInstall discovered = DiscoveredInstallOf(r);
    InstallEvidence evidence{r.provenance.source, r.provenance.native_id, discovered.raw_name,
                             discovered.from,     AttributeOf(r, "format"), AttributeOf(r, "evidence")};
    pending.push_back({DeviceRefOf(r), catalogue.Normalise(discovered), std::move(evidence)});
  }));
  std::vector<const DeviceEntry*> devices;
  for (const DeviceEntry& e : entries) devices.push_back(&e);
  std::vector<DeviceRef> refs;
  for (const Pending& p : pending) refs.push_back(p.device);
  const MachineIdentity identity(std::move(devices), std::move(refs));

  const std::string device_key = MatchKey(filter.device);
  // The machine after its name: two machines never share a row.
  using Key = std::tuple<std::string, int, Class, std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, InstallRow> rows;
  for (Pending& p : pending) {
    const int machine = identity.MachineOf(p.device.source, p.device.device_id);
    if (!device_key.empty() && !identity.Matches(machine, device_key)) continue;
    const NormalisedInstall& n = p.normalised;
    if (only && n.kind != *only) continue;
    const std::string& device = identity.machines()[machine].name;
    const std::string publisher = n.kind == Class::kPackage ? std::string() : n.publisher;
    InstallRow& row = rows[Key{device, machine, n.kind, publisher, n.product, n.version, n.edition, n.arch}];
    if (row.evidences.empty()) row = {device, n.kind, publisher, n.product, n.version, n.edition, n.arch, n.free, n.reason, {}, {}};
    p.evidence.publisher = n.publisher;
    for (const std::string& rule : n.rules) {
      if (std::find(row.rules.begin(), row.rules.end(), rule) == row.rules.end()) row.rules.push_back(rule);
    }
    row.evidences.push_back(std::move(p.evidence));
  }
  pending.clear();

  InstallView view;
  struct Title {
    std::string publisher;  // a package's: the first of its installs' that has one
    int64_t installs = 0;
    std::set<int> devices;
  };
  std::map<std::tuple<Class, std::string, std::string>, Title> titles;  // keyed as the rows are
  for (auto& [key, row] : rows) {
    std::sort(row.evidences.begin(), row.evidences.end(), [](const InstallEvidence& a, const InstallEvidence& b) {
      return std::tie(a.source, a.native_id) < std::tie(b.source, b.native_id);
    });
    for (const InstallEvidence& evidence : row.evidences) {
      if (!row.publisher.empty()) break;
      row.publisher = evidence.publisher;
    }
    Title& title = titles[{row.kind, std::get<3>(key), row.product}];
    if (title.publisher.empty()) title.publisher = row.publisher;
    ++title.installs;
    title.devices.insert(std::get<1>(key));
    view.installs.push_back(std::move(row));
  }
  for (const auto& [key, title] : titles) {
    view.titles.push_back({std::get<0>(key), title.publisher, std::get<2>(key), title.installs,
                           static_cast<int64_t>(title.devices.size())});
  }
  std::stable_sort(view.titles.begin(), view.titles.end(), [](const TitleCount& a, const TitleCount& b) {
    return std::tie(b.installs, b.devices) < std::tie(a.installs, a.devices);
  });
  return view;
}

}  // namespace crosswalk::sam
