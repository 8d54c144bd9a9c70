#include "gateway/sam/machine_identity.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/identifiers.h"
#include "gateway/sam/record_reading.h"

namespace crosswalk::sam {
namespace {

int NumberAttribute(const Record& record, const std::string& key) {
  int value = 0;
  const Attribute* attribute = record.FindAttribute(key);
  return attribute != nullptr && absl::SimpleAtoi(attribute->value, &value) && value > 0 ? value : 0;
}

// Adds `value` to the sorted, distinct `list`.
void Insert(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  auto at = std::lower_bound(list.begin(), list.end(), value);
  if (at == list.end() || *at != value) list.insert(at, value);
}

// Device nodes (one per source and device id) merged by a union-find over their identifiers.
class UnionFind {
 public:
  int Node(const std::string& source, const std::string& device_id) {
    auto [it, added] = by_key_.try_emplace(std::make_pair(source, device_id), static_cast<int>(parent_.size()));
    if (added) {
      parent_.push_back(it->second);
      entries_.emplace_back();
      fallback_.emplace_back();
      ids_.push_back(device_id);
    }
    return it->second;
  }

  void AddEntry(const DeviceEntry& e) {
    const int node = Node(e.source, e.device_id);
    entries_[node].push_back(&e);
    Share(node, 'u', e.uuid);
    Share(node, 's', e.serial);
    Share(node, 'h', e.host_name);
  }

  // An install's device: a node of its own when no device record has it, named by the install's
  // ci link (and one machine with a device of that host name).
  void AddRef(const DeviceRef& ref) {
    if (by_key_.count({ref.source, ref.device_id}) > 0) return;
    const int node = Node(ref.source, ref.device_id);
    fallback_[node] = ref.fallback_name;
    Share(node, 'h', ref.fallback_name);
  }

  int Root(int node) {
    while (parent_[node] != node) node = parent_[node] = parent_[parent_[node]];
    return node;
  }
  int size() const { return static_cast<int>(parent_.size()); }
  const std::map<std::pair<std::string, std::string>, int>& by_key() const { return by_key_; }
  const std::vector<const DeviceEntry*>& entries(int node) const { return entries_[node]; }
  const std::string& fallback(int node) const { return fallback_[node]; }
  const std::string& id(int node) const { return ids_[node]; }

 private:
  // Merges `node` with the first node that had the same identifier of this type.
  void Share(int node, char type, const std::string& value) {
    const std::string key = MatchKey(value);
    if (key.empty() || (type != 'h' && IsPlaceholderIdentifier(key))) return;
    auto [first, fresh] = first_with_.try_emplace(absl::StrCat(std::string(1, type), ":", key), node);
    if (!fresh) Union(first->second, node);
  }

  void Union(int a, int b) {
    a = Root(a);
    b = Root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

  std::map<std::pair<std::string, std::string>, int> by_key_;  // (source, device id) → node
  std::map<std::string, int> first_with_;                       // "u:<uuid>", "s:<serial>", "h:<name>" → node
  std::vector<int> parent_;
  std::vector<std::vector<const DeviceEntry*>> entries_;
  std::vector<std::string> fallback_;  // a node without entries: its install's ci link
  std::vector<std::string> ids_;
};

}  // namespace

bool IsDeviceRecord(const Record& record) {
  if (record.kind != "configuration-item") return false;
  return record.provenance.native_kind == "device" || record.FindAttribute("last_seen") != nullptr;
}

bool IsCmdbRecord(const Record& record) {
  return record.kind == "configuration-item" && record.provenance.native_kind != "device";
}

DeviceEntry DeviceEntryOf(const Record& r) {
  DeviceEntry e;
  e.source = r.provenance.source;
  e.native_id = r.provenance.native_id;
  e.device_id = AttributeOf(r, "device_id");
  if (e.device_id.empty()) e.device_id = r.provenance.native_id;
  e.host_name = AttributeOf(r, "host_name");
  e.serial = AttributeOf(r, "serial");
  const bool cmdb = IsCmdbRecord(r);
  if (cmdb && e.host_name.empty()) e.host_name = r.title;
  if (cmdb && e.serial.empty()) e.serial = AttributeOf(r, "serial_number");
  e.uuid = AttributeOf(r, "uuid");
  e.processors = NumberAttribute(r, "processors");
  e.cores = NumberAttribute(r, "cores");
  // A CMDB that counts cores per processor (ServiceNow's cpu_core_count): all of them.
  if (e.cores == 0) e.cores = NumberAttribute(r, "cores_per_processor") * std::max(e.processors, 1);
  e.virtualization = AttributeOf(r, "virtualization");
  e.vm_host = AttributeOf(r, "vm_host");
  e.user = AttributeOf(r, "user");
  e.cpu = AttributeOf(r, "cpu");
  if (e.cpu.empty()) e.cpu = AttributeOf(r, "processor_model");
  if (auto seen = ParseTimestamp(AttributeOf(r, "last_seen")); seen.ok()) {
    e.seen = *seen;
  } else if (!cmdb && r.provenance.fetched_at > 0) {
    e.seen = r.provenance.fetched_at;
  }
  return e;
}

bool SameIdentity(const DeviceEntry& a, const DeviceEntry& b) {
  return std::tie(a.source, a.device_id, a.host_name, a.serial, a.uuid) == std::tie(b.source, b.device_id, b.host_name, b.serial, b.uuid);
}

DeviceRef DeviceRefOf(const Record& r) {
  DeviceRef ref{r.provenance.source, AttributeOf(r, "device_id"), ""};
  for (const Link& link : r.links) {
    if (link.relation == "ci") ref.fallback_name = link.target;
  }
  // Without a device id (an install record of another source's shape), the CI it links to names
  // its device; without either, it is a device of its own — never one device of every such install.
  if (ref.device_id.empty()) ref.device_id = !ref.fallback_name.empty() ? ref.fallback_name : absl::StrCat("record:", r.provenance.native_id);
  return ref;
}

MachineIdentity::MachineIdentity(std::vector<const DeviceEntry*> devices, std::vector<DeviceRef> refs) {
  std::sort(devices.begin(), devices.end(), [](const DeviceEntry* a, const DeviceEntry* b) {
    return std::tie(a->source, a->device_id, a->native_id) < std::tie(b->source, b->device_id, b->native_id);
  });
  std::sort(refs.begin(), refs.end(), [](const DeviceRef& a, const DeviceRef& b) {
    return std::tie(a.source, a.device_id, a.fallback_name) < std::tie(b.source, b.device_id, b.fallback_name);
  });
  UnionFind nodes;
  for (const DeviceEntry* e : devices) nodes.AddEntry(*e);
  for (const DeviceRef& ref : refs) nodes.AddRef(ref);

  // Per root, in node order: the machine of every node merged into it.
  std::map<int, int> machine_of_root;
  std::vector<std::vector<int>> members;
  for (int node = 0; node < nodes.size(); ++node) {
    auto [it, added] = machine_of_root.try_emplace(nodes.Root(node), static_cast<int>(members.size()));
    if (added) members.emplace_back();
    members[it->second].push_back(node);
  }
  std::vector<Machine> machines(members.size());
  std::vector<std::set<std::string>> keys(members.size());
  std::map<std::string, int> taken;  // display name → how many machines have it so far
  for (size_t m = 0; m < members.size(); ++m) {
    Machine& machine = machines[m];
    std::set<std::string> names, ids;
    std::optional<int64_t> user_seen;
    for (const int node : members[m]) {
      ids.insert(nodes.id(node));
      Insert(machine.device_ids, nodes.id(node));
      keys[m].insert(MatchKey(nodes.id(node)));
      if (!nodes.fallback(node).empty()) names.insert(nodes.fallback(node));
      for (const DeviceEntry* f : nodes.entries(node)) {
        Insert(machine.records, absl::StrCat(f->source, "/", f->native_id));
        if (!f->host_name.empty()) names.insert(f->host_name);
        Insert(machine.host_names, f->host_name);
        Insert(machine.serials, f->serial);
        Insert(machine.uuids, f->uuid);
        for (const std::string* value : {&f->serial, &f->uuid}) {
          const std::string key = MatchKey(*value);
          if (!key.empty() && !IsPlaceholderIdentifier(key)) keys[m].insert(key);
        }
        machine.processors = std::max(machine.processors, f->processors);
        machine.cores = std::max(machine.cores, f->cores);
        if (machine.virtualization.empty()) machine.virtualization = f->virtualization;
        if (machine.vm_host.empty()) machine.vm_host = f->vm_host;
        if (machine.cpu.empty()) machine.cpu = f->cpu;
        if (!f->user.empty() && (!user_seen || f->seen.value_or(0) > *user_seen)) {
          machine.user = f->user;
          user_seen = f->seen.value_or(0);
        }
        if (f->seen && (!machine.last_seen || *f->seen > *machine.last_seen)) machine.last_seen = f->seen;
      }
    }
    for (const std::string& name : names) keys[m].insert(MatchKey(name));
    machine.name = !names.empty() ? *names.begin() : *ids.begin();
    if (const int n = ++taken[machine.name]; n > 1) absl::StrAppend(&machine.name, " (", n, ")");
  }
  // By name; the (source, device id) → machine map follows.
  std::vector<int> order(machines.size());
  for (size_t m = 0; m < order.size(); ++m) order[m] = static_cast<int>(m);
  std::sort(order.begin(), order.end(), [&machines](int a, int b) { return machines[a].name < machines[b].name; });
  std::vector<int> position(machines.size());
  for (size_t p = 0; p < order.size(); ++p) {
    position[order[p]] = static_cast<int>(p);
    machines_.push_back(std::move(machines[order[p]]));
    keys_.emplace_back(keys[order[p]].begin(), keys[order[p]].end());
  }
  for (const auto& [key, node] : nodes.by_key()) machine_of_[key] = position[machine_of_root.at(nodes.Root(node))];
}

int MachineIdentity::MachineOf(const std::string& source, const std::string& device_id) const {
  auto it = machine_of_.find({source, device_id});
  return it == machine_of_.end() ? -1 : it->second;
}

bool MachineIdentity::Matches(int machine, const std::string& match_key) const {
  return std::binary_search(keys_[machine].begin(), keys_[machine].end(), match_key);
}

}  // namespace crosswalk::sam
