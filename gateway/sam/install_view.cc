#include "gateway/sam/install_view.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/identifiers.h"
#include "gateway/sam/record_reading.h"

namespace crosswalk::sam {
namespace {

using Class = NormalisedInstall::Class;
constexpr Class kClasses[] = {Class::kProduct, Class::kUnrecognised, Class::kPackage, Class::kExcluded};

// What one device record says for licensing.
struct DeviceFacts {
  std::string record;  // "source/native id"
  std::string host_name, serial, uuid, device_id;
  int processors = 0, cores = 0;
  std::string virtualization, vm_host, user, cpu;
  std::optional<int64_t> seen;
};

int NumberAttribute(const Record& record, const std::string& key) {
  int value = 0;
  const Attribute* attribute = record.FindAttribute(key);
  return attribute != nullptr && absl::SimpleAtoi(attribute->value, &value) && value > 0 ? value : 0;
}

DeviceFacts FactsOf(const Record& r, const std::string& device_id) {
  DeviceFacts facts;
  facts.record = RecordName(r);
  facts.host_name = AttributeOf(r, "host_name");
  facts.serial = AttributeOf(r, "serial");
  facts.uuid = AttributeOf(r, "uuid");
  facts.device_id = device_id;
  facts.processors = NumberAttribute(r, "processors");
  facts.cores = NumberAttribute(r, "cores");
  facts.virtualization = AttributeOf(r, "virtualization");
  facts.vm_host = AttributeOf(r, "vm_host");
  facts.user = AttributeOf(r, "user");
  facts.cpu = AttributeOf(r, "cpu");
  if (facts.cpu.empty()) facts.cpu = AttributeOf(r, "processor_model");
  if (auto seen = ParseTimestamp(AttributeOf(r, "last_seen")); seen.ok()) {
    facts.seen = *seen;
  } else if (r.provenance.fetched_at > 0) {
    facts.seen = r.provenance.fetched_at;
  }
  return facts;
}

// Adds `value` to the sorted, distinct `list`.
void Insert(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  auto at = std::lower_bound(list.begin(), list.end(), value);
  if (at == list.end() || *at != value) list.insert(at, value);
}

// The device records, merged into machines by a union-find over their identifiers.
class Devices {
 public:
  // A device record of `source` keyed by its device id; a repeat of a key adds its identifiers.
  int Add(const std::string& source, const std::string& device_id, const std::string& host_name,
          const std::string& serial, const std::string& uuid, std::optional<DeviceFacts> facts = std::nullopt) {
    auto [it, added] = by_key_.try_emplace(std::make_pair(source, device_id), static_cast<int>(parent_.size()));
    const int node = it->second;
    if (added) {
      parent_.push_back(node);
      names_.emplace_back();
      identifiers_.emplace_back();
      ids_.push_back(device_id);
      facts_.emplace_back();
    }
    if (facts) facts_[node].push_back(std::move(*facts));
    if (!host_name.empty()) names_[node].insert(host_name);
    identifiers_[node].insert(MatchKey(device_id));
    const std::pair<char, const std::string*> shared[] = {{'u', &uuid}, {'s', &serial}, {'h', &host_name}};
    for (const auto& [type, value] : shared) {
      if (value->empty()) continue;
      const std::string key = MatchKey(*value);
      if (key.empty() || (type != 'h' && IsPlaceholderIdentifier(key))) continue;
      identifiers_[node].insert(key);
      auto [first, fresh] = first_with_.try_emplace(absl::StrCat(std::string(1, type), ":", key), node);
      if (!fresh) Union(first->second, node);
    }
    return node;
  }

  // The node of (source, device id), or a new one when no device record has it.
  int Find(const std::string& source, const std::string& device_id, const std::string& fallback_name) {
    if (auto it = by_key_.find(std::make_pair(source, device_id)); it != by_key_.end()) return it->second;
    return Add(source, device_id, fallback_name, "", "");
  }

  int Root(int node) {
    while (parent_[node] != node) node = parent_[node] = parent_[parent_[node]];
    return node;
  }

  // Per root: the display name and the identifiers of every record merged into it.
  void Finish() {
    display_.assign(parent_.size(), "");
    merged_.assign(parent_.size(), {});
    members_.assign(parent_.size(), {});
    std::vector<std::set<std::string>> names(parent_.size()), ids(parent_.size());
    for (int node = 0; node < static_cast<int>(parent_.size()); ++node) {
      const int root = Root(node);
      members_[root].push_back(node);
      names[root].insert(names_[node].begin(), names_[node].end());
      ids[root].insert(ids_[node]);
      merged_[root].insert(identifiers_[node].begin(), identifiers_[node].end());
    }
    std::map<std::string, int> taken;  // display name → how many machines have it so far
    for (int node = 0; node < static_cast<int>(parent_.size()); ++node) {
      if (Root(node) != node) continue;
      display_[node] = !names[node].empty() ? *names[node].begin() : *ids[node].begin();
      if (const int n = ++taken[display_[node]]; n > 1) absl::StrAppend(&display_[node], " (", n, ")");
      for (const std::string& name : names[node]) merged_[node].insert(MatchKey(name));
    }
  }

  // The machine of `root`: every merged record's facts (`installs` set by the caller).
  Machine MachineOf(int root) {
    Machine machine;
    machine.name = display_[root];
    std::optional<int64_t> user_seen;
    for (const int node : members_[root]) {
      Insert(machine.device_ids, ids_[node]);
      for (const DeviceFacts& f : facts_[node]) {
        Insert(machine.records, f.record);
        Insert(machine.host_names, f.host_name);
        Insert(machine.serials, f.serial);
        Insert(machine.uuids, f.uuid);
        machine.processors = std::max(machine.processors, f.processors);
        machine.cores = std::max(machine.cores, f.cores);
        if (machine.virtualization.empty()) machine.virtualization = f.virtualization;
        if (machine.vm_host.empty()) machine.vm_host = f.vm_host;
        if (machine.cpu.empty()) machine.cpu = f.cpu;
        if (!f.user.empty() && (!user_seen || f.seen.value_or(0) > *user_seen)) {
          machine.user = f.user;
          user_seen = f.seen.value_or(0);
        }
        if (f.seen && (!machine.last_seen || *f.seen > *machine.last_seen)) machine.last_seen = f.seen;
      }
    }
    return machine;
  }
  int size() const { return static_cast<int>(parent_.size()); }
  const std::string& Display(int root) const { return display_[root]; }
  bool Matches(int root, const std::string& key) const { return merged_[root].count(key) > 0; }

 private:
  void Union(int a, int b) {
    a = Root(a);
    b = Root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

  std::map<std::pair<std::string, std::string>, int> by_key_;  // (source, device id) → node
  std::map<std::string, int> first_with_;                       // "u:<uuid>", "s:<serial>", "h:<name>" → node
  std::vector<int> parent_;
  std::vector<std::set<std::string>> names_;        // host names as written
  std::vector<std::set<std::string>> identifiers_;  // MatchKeys of every identifier
  std::vector<std::string> ids_;
  std::vector<std::vector<DeviceFacts>> facts_;  // per node: its device records
  std::vector<std::vector<int>> members_;          // per root: the nodes merged into it
  std::vector<std::string> display_;
  std::vector<std::set<std::string>> merged_;
};

struct Pending {
  int device;
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
  Devices devices;
  CW_RETURN_IF_ERROR(ForEachRecord(store, "configuration-item", [&devices](const StoredRecord& stored) {
    const Record& r = stored.record;
    if (r.provenance.native_kind != "device") return;
    std::string id = AttributeOf(r, "device_id");
    if (id.empty()) id = r.provenance.native_id;
    devices.Add(r.provenance.source, id, AttributeOf(r, "host_name"), AttributeOf(r, "serial"), AttributeOf(r, "uuid"),
                FactsOf(r, id));
  }));
  std::vector<Pending> pending;
  CW_RETURN_IF_ERROR(ForEachRecord(store, "software-installation", [&](const StoredRecord& stored) {
    const Record& r = stored.record;
    std::string ci;
    for (const Link& link : r.links) {
      if (link.relation == "ci") ci = link.target;
    }
    const std::string device_id = AttributeOf(r, "device_id");
    const int device = devices.Find(r.provenance.source, device_id, ci);
    DiscoveredInstall discovered{AttributeOf(r, "raw_name"), AttributeOf(r, "version"), AttributeOf(r, "publisher"),
                                 AttributeOf(r, "arch"),     AttributeOf(r, "from"),    AttributeOf(r, "edition")};
    if (discovered.raw_name.empty()) discovered.raw_name = r.title;
    InstallEvidence evidence{r.provenance.source, r.provenance.native_id, discovered.raw_name,
                             discovered.from,     AttributeOf(r, "format"), AttributeOf(r, "evidence")};
    pending.push_back({device, catalogue.Normalise(discovered), std::move(evidence)});
  }));
  devices.Finish();

  const std::string device_key = MatchKey(filter.device);
  // The root after the display name: two machines never share a row, even when one's device id is
  // the other's host name.
  using Key = std::tuple<std::string, int, Class, std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, InstallRow> rows;
  for (Pending& p : pending) {
    const int root = devices.Root(p.device);
    if (!device_key.empty() && !devices.Matches(root, device_key)) continue;
    const NormalisedInstall& n = p.normalised;
    if (only && n.kind != *only) continue;
    const std::string& device = devices.Display(root);
    const std::string publisher = n.kind == Class::kPackage ? std::string() : n.publisher;
    InstallRow& row = rows[Key{device, root, n.kind, publisher, n.product, n.version, n.edition, n.arch}];
    if (row.evidences.empty()) row = {device, n.kind, publisher, n.product, n.version, n.edition, n.arch, n.free, {}, {}};
    p.evidence.publisher = n.publisher;
    for (const std::string& rule : n.rules) {
      if (std::find(row.rules.begin(), row.rules.end(), rule) == row.rules.end()) row.rules.push_back(rule);
    }
    row.evidences.push_back(std::move(p.evidence));
  }
  pending.clear();

  InstallView view;
  std::map<int, int64_t> product_installs;  // root → product rows
  for (const auto& [key, row] : rows) {
    if (row.kind == Class::kProduct) ++product_installs[std::get<1>(key)];
  }
  for (int node = 0; node < devices.size(); ++node) {
    if (devices.Root(node) != node || (!device_key.empty() && !devices.Matches(node, device_key))) continue;
    Machine machine = devices.MachineOf(node);
    machine.product_installs = product_installs[node];
    view.machines.push_back(std::move(machine));
  }
  std::sort(view.machines.begin(), view.machines.end(), [](const Machine& a, const Machine& b) { return a.name < b.name; });
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
