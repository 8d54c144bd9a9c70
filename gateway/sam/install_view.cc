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
#include "gateway/sam/identifiers.h"

namespace crosswalk::sam {
namespace {

using Class = NormalisedInstall::Class;
constexpr Class kClasses[] = {Class::kProduct, Class::kUnrecognised, Class::kPackage, Class::kExcluded};
constexpr int kPageSize = 500;

std::string AttributeOf(const Record& record, const std::string& key) {
  const Attribute* attribute = record.FindAttribute(key);
  return attribute == nullptr ? "" : attribute->value;
}

// Every live record of `kind`, a page at a time.
absl::Status ForEachRecord(Store& store, const std::string& kind, const std::function<void(const StoredRecord&)>& visit) {
  RecordFilter filter;
  filter.kind = kind;
  filter.page_size = kPageSize;
  do {
    CW_ASSIGN_OR_RETURN(RecordPage page, store.ListRecords(filter));
    for (const StoredRecord& stored : page.records) visit(stored);
    filter.page_token = std::move(page.next_page_token);
  } while (!filter.page_token.empty());
  return absl::OkStatus();
}

// The device records, merged into machines by a union-find over their identifiers.
class Devices {
 public:
  // A device record of `source` keyed by its device id; a repeat of a key adds its identifiers.
  int Add(const std::string& source, const std::string& device_id, const std::string& host_name,
          const std::string& serial, const std::string& uuid) {
    auto [it, added] = by_key_.try_emplace(std::make_pair(source, device_id), static_cast<int>(parent_.size()));
    const int node = it->second;
    if (added) {
      parent_.push_back(node);
      names_.emplace_back();
      identifiers_.emplace_back();
      ids_.push_back(device_id);
    }
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
    std::vector<std::set<std::string>> names(parent_.size()), ids(parent_.size());
    for (int node = 0; node < static_cast<int>(parent_.size()); ++node) {
      const int root = Root(node);
      names[root].insert(names_[node].begin(), names_[node].end());
      ids[root].insert(ids_[node]);
      merged_[root].insert(identifiers_[node].begin(), identifiers_[node].end());
    }
    for (int node = 0; node < static_cast<int>(parent_.size()); ++node) {
      if (Root(node) != node) continue;
      display_[node] = !names[node].empty() ? *names[node].begin() : *ids[node].begin();
      for (const std::string& name : names[node]) merged_[node].insert(MatchKey(name));
    }
  }
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
    devices.Add(r.provenance.source, id, AttributeOf(r, "host_name"), AttributeOf(r, "serial"), AttributeOf(r, "uuid"));
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
    if (row.evidences.empty()) row = {device, n.kind, publisher, n.product, n.version, n.edition, n.arch, {}, {}};
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
