#include "gateway/sam/sam_inputs.h"

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/product_position.h"
#include "gateway/sam/record_reading.h"

namespace crosswalk::sam {
namespace {

using Class = NormalisedInstall::Class;

// The devices or users a register's "allocated to" names.
std::vector<std::string> SplitAllocations(const std::string& text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, absl::ByAnyChar(",;/\n"))) {
    // 、 (U+3001) is three bytes: split on it as a whole.
    for (absl::string_view piece : absl::StrSplit(part, "、")) {
      const std::string value(absl::StripAsciiWhitespace(piece));
      if (!value.empty()) out.push_back(value);
    }
  }
  return out;
}

// One entitlement record as the position counts it; INVALID_ARGUMENT naming the field otherwise.
absl::StatusOr<EntitlementRow> ReadEntitlement(const Record& r, const SoftwareCatalogue& catalogue) {
  EntitlementRow row;
  row.title = r.title;
  Entitlement& e = row.entitlement;
  e.id = r.provenance.native_id;
  e.record = RecordName(r);
  e.purchase_ref = AttributeOf(r, "purchase_ref");
  auto metric = ParseMetric(AttributeOf(r, "metric"));
  if (!metric.ok()) return absl::InvalidArgumentError(absl::StrCat(e.record, ": ", metric.status().message()));
  e.metric = *metric;
  const std::string quantity = AttributeOf(r, "quantity");
  double amount = 0;
  if (e.metric != Metric::kSite) {
    if (!absl::SimpleAtod(quantity, &amount) || amount < 0 || amount != static_cast<double>(static_cast<int64_t>(amount))) {
      return absl::InvalidArgumentError(absl::StrCat(e.record, ": quantity '", quantity.substr(0, 32),
                                                     "' is not a whole number of licences"));
    }
  }
  e.quantity = static_cast<int64_t>(amount);
  // The register's product read as the installs are, so the two meet: its edition column wins
  // over one the title carries.
  DiscoveredInstall as_install;
  as_install.raw_name = r.title;
  as_install.publisher = AttributeOf(r, "publisher");
  const NormalisedInstall n = catalogue.Normalise(as_install);
  e.publisher = n.publisher;
  e.product = n.product;
  e.edition = AttributeOf(r, "edition");
  if (e.edition.empty()) e.edition = n.edition;
  e.version_scope = AttributeOf(r, "version_scope");
  if (e.version_scope.empty()) e.version_scope = n.version;
  e.valid_from = r.effective;
  if (const std::string to = AttributeOf(r, "valid_to"); !to.empty()) {
    auto parsed = ParseTimestamp(to);
    if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(e.record, ": valid_to '", to.substr(0, 32), "' is not a date"));
    e.valid_to = *parsed;
  }
  e.downgrade = AttributeOf(r, "downgrade_rights") == "true";
  e.upgrade = AttributeOf(r, "upgrade_rights") == "true";
  if (const std::string end = AttributeOf(r, "maintenance_end"); !end.empty()) {
    auto parsed = ParseTimestamp(end);
    if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(e.record, ": maintenance_end '", end.substr(0, 32), "' is not a date"));
    e.maintenance_end = *parsed;
  }
  e.allocated_to = SplitAllocations(AttributeOf(r, "allocated_to"));
  if (const std::string priority = AttributeOf(r, "consumption_priority"); !priority.empty()) {
    double value = 0;
    if (absl::SimpleAtod(priority, &value) && value >= 0 && value < 1e9) e.priority = static_cast<int>(value);
  }
  return row;
}

// What one install record says, as the software rules read it.
InstallEntry InstallEntryOf(const Record& r, const SoftwareCatalogue& catalogue) {
  const NormalisedInstall n = catalogue.Normalise(DiscoveredInstallOf(r));
  return {DeviceRefOf(r), n.kind, n.publisher, n.product, n.version, n.edition, n.arch, !n.free.empty()};
}

CmdbItem CmdbItemOf(const Record& r) {
  CmdbItem item;
  item.record = RecordName(r);
  item.id = r.provenance.native_id;
  item.name = r.title;
  item.ci_class = AttributeOf(r, "class");
  if (item.ci_class.empty()) item.ci_class = r.provenance.native_kind;
  item.status = r.status;
  item.serial = AttributeOf(r, "serial_number");
  if (item.serial.empty()) item.serial = AttributeOf(r, "serial");
  item.uuid = AttributeOf(r, "uuid");
  item.software_licence = AttributeOf(r, "software_licence");
  item.last_verified = r.effective ? r.effective : r.updated;
  return item;
}

}  // namespace

bool IsSamKind(const std::string& kind) {
  return kind == "configuration-item" || kind == "software-installation" || kind == "licence-entitlement" || kind == "licence-usage";
}

void EraseEntry(SamEntries& entries, const RecordKey& key) {
  entries.devices.erase(key);
  entries.installs.erase(key);
  entries.entitlements.erase(key);
  entries.unreadable.erase(key);
  entries.cmdb.erase(key);
  entries.usage.erase(key);
}

void PutEntry(SamEntries& entries, const Record& r, const SoftwareCatalogue& catalogue) {
  if (!IsSamKind(r.kind)) return;
  const RecordKey key(r.provenance.source, r.provenance.native_id);
  EraseEntry(entries, key);  // a record may change kind
  if (r.kind == "software-installation") {
    entries.installs[key] = InstallEntryOf(r, catalogue);
  } else if (r.kind == "licence-entitlement") {
    auto row = ReadEntitlement(r, catalogue);
    if (row.ok()) {
      entries.entitlements[key] = *std::move(row);
    } else {
      entries.unreadable[key] = std::string(row.status().message());
    }
  } else if (r.kind == "licence-usage") {
    DiscoveredInstall as_install;
    as_install.raw_name = r.title;
    as_install.publisher = AttributeOf(r, "publisher");
    const NormalisedInstall n = catalogue.Normalise(as_install);
    double peak = 0;
    absl::SimpleAtod(AttributeOf(r, "peak_users"), &peak);
    entries.usage[key] = {n.publisher, n.product, static_cast<int64_t>(std::max(peak, 0.0)), r.effective, RecordName(r)};
  } else {
    // A live tool's discovered CI is both a machine and a CMDB CI (IsDeviceRecord).
    if (IsDeviceRecord(r)) entries.devices[key] = DeviceEntryOf(r);
    if (IsCmdbRecord(r)) entries.cmdb[key] = CmdbItemOf(r);
  }
}

absl::StatusOr<SamEntries> ReadSamEntries(Store& store, const SoftwareCatalogue& catalogue,
                                          const std::function<void(const Record&)>& seen) {
  SamEntries entries;
  for (const char* kind : {"configuration-item", "software-installation", "licence-entitlement", "licence-usage"}) {
    CW_RETURN_IF_ERROR(ForEachRecord(store, kind, [&](const StoredRecord& stored) {
      PutEntry(entries, stored.record, catalogue);
      if (seen) seen(stored.record);
    }));
  }
  return entries;
}

std::set<std::string> EntitledProducts(const std::vector<EntitlementRow>& entitlements) {
  std::set<std::string> entitled;
  for (const EntitlementRow& row : entitlements) entitled.insert(ProductKey(row.entitlement.publisher, row.entitlement.product));
  return entitled;
}

std::vector<LicensedInstall> MachineInstalls(const Machine& machine,
                                             const std::vector<std::pair<const RecordKey*, const InstallEntry*>>& installs,
                                             const std::set<std::string>& entitled, int64_t* product_rows) {
  // One row per (class, publisher, product, version, edition, arch) — a package's publisher aside —
  // named by its first record.
  using Row = std::tuple<Class, std::string, std::string, std::string, std::string, std::string>;
  std::map<Row, std::pair<const RecordKey*, const InstallEntry*>> rows;
  for (const auto& [key, e] : installs) {
    const Row row{e->kind, e->kind == Class::kPackage ? std::string() : e->publisher, e->product, e->version, e->edition, e->arch};
    auto [it, added] = rows.try_emplace(row, key, e);
    if (!added && *key < *it->second.first) it->second = {key, e};
  }
  std::vector<LicensedInstall> out;
  int64_t products = 0;
  for (const auto& [row, first] : rows) {
    const InstallEntry& e = *first.second;
    if (e.kind == Class::kProduct) ++products;
    // A product that needs a licence; a free one or an unrecognised title only where a register
    // names it.
    const bool named = entitled.count(ProductKey(e.publisher, e.product)) > 0;
    const bool counted = (e.kind == Class::kProduct && (!e.free || named)) || (e.kind == Class::kUnrecognised && named);
    if (!counted) continue;
    LicensedInstall install;
    install.id = absl::StrCat(first.first->first, "/", first.first->second);
    install.device = machine.name;
    install.user = machine.user;
    install.publisher = e.publisher;
    install.product = e.product;
    install.version = e.version;
    install.edition = e.edition;
    out.push_back(std::move(install));
  }
  if (product_rows != nullptr) *product_rows = products;
  return out;
}

void FillRegisters(const SamEntries& entries, SamInputs& inputs) {
  for (const auto& [key, row] : entries.entitlements) inputs.entitlements.push_back(row);
  std::sort(inputs.entitlements.begin(), inputs.entitlements.end(),
            [](const EntitlementRow& a, const EntitlementRow& b) { return a.entitlement.id < b.entitlement.id; });
  for (const auto& [key, problem] : entries.unreadable) inputs.problems.emplace_back(absl::StrCat(key.first, "/", key.second), problem);
  for (const auto& [key, item] : entries.cmdb) inputs.cmdb.push_back(item);
  for (const auto& [key, usage] : entries.usage) inputs.usage.push_back(usage);
}

PositionOptions OptionsFor(const SamInputs& inputs, int64_t as_of, const CoreFactorTable* core_factors) {
  PositionOptions options;
  options.as_of = as_of;
  if (core_factors != nullptr) {
    options.core_factors = core_factors->factors;
    options.default_core_factor = core_factors->default_factor;
  }
  for (const UsageEntry& u : inputs.usage) {
    if (!u.measured || *u.measured > as_of || *u.measured <= as_of - int64_t{kUsageWindowDays} * 86400) continue;
    int64_t& peak = options.concurrent_peaks[ProductKey(u.publisher, u.product)];
    peak = std::max(peak, u.peak);
  }
  return options;
}

std::unique_ptr<MachineIdentity> IdentityOf(const SamEntries& entries) {
  std::vector<const DeviceEntry*> devices;
  for (const auto& [key, e] : entries.devices) devices.push_back(&e);
  std::vector<DeviceRef> refs;
  for (const auto& [key, e] : entries.installs) refs.push_back(e.device);
  return std::make_unique<MachineIdentity>(std::move(devices), std::move(refs));
}

SamInputs DeriveInputs(const SamEntries& entries, std::unique_ptr<MachineIdentity>* identity_out) {
  SamInputs inputs;
  FillRegisters(entries, inputs);
  std::unique_ptr<MachineIdentity> identity = IdentityOf(entries);
  std::vector<std::vector<std::pair<const RecordKey*, const InstallEntry*>>> on(identity->machines().size());
  for (const auto& [key, e] : entries.installs) on[identity->MachineOf(e.device.source, e.device.device_id)].emplace_back(&key, &e);

  const std::set<std::string> entitled = EntitledProducts(inputs.entitlements);
  inputs.machines = identity->machines();
  for (size_t m = 0; m < inputs.machines.size(); ++m) {
    Machine& machine = inputs.machines[m];
    for (LicensedInstall& install : MachineInstalls(machine, on[m], entitled, &machine.product_installs)) {
      inputs.installs.push_back(std::move(install));
    }
    inputs.devices.push_back(DeviceOf(machine));
  }
  if (identity_out != nullptr) *identity_out = std::move(identity);
  return inputs;
}

absl::StatusOr<SamInputs> ReadSamInputs(Store& store, const SoftwareCatalogue& catalogue) {
  CW_ASSIGN_OR_RETURN(const SamEntries entries, ReadSamEntries(store, catalogue));
  return DeriveInputs(entries);
}

std::vector<InventoryMachine> MachinesOf(const SamInputs& inputs) {
  std::map<std::string, std::set<std::string>> products;  // machine → "publisher|product"
  for (const LicensedInstall& install : inputs.installs) {
    products[install.device].insert(absl::StrCat(install.publisher, "|", install.product));
  }
  std::vector<InventoryMachine> out;
  out.reserve(inputs.machines.size());
  for (const Machine& m : inputs.machines) {
    InventoryMachine machine{m.name, m.host_names, m.serials, m.uuids, m.device_ids, m.records, m.last_seen, m.user,
                             m.product_installs, {}};
    const std::set<std::string>& installed = products[m.name];
    machine.products.assign(installed.begin(), installed.end());
    out.push_back(std::move(machine));
  }
  return out;
}

std::vector<AllocationRef> AllocationsOf(const SamInputs& inputs) {
  std::vector<AllocationRef> out;
  for (const EntitlementRow& row : inputs.entitlements) {
    for (const std::string& target : row.entitlement.allocated_to) {
      out.push_back({row.entitlement.id, row.entitlement.record, target});
    }
  }
  return out;
}

std::vector<Entitlement> EntitlementsOf(const SamInputs& inputs) {
  std::vector<Entitlement> out;
  out.reserve(inputs.entitlements.size());
  for (const EntitlementRow& row : inputs.entitlements) out.push_back(row.entitlement);
  return out;
}

LicensedDevice DeviceOf(const Machine& m) {
  LicensedDevice device;
  device.key = device.name = m.name;
  device.processors = m.processors;
  device.cores = m.cores;
  device.virtual_machine = !m.virtualization.empty();
  device.cpu = m.cpu;
  return device;
}

}  // namespace crosswalk::sam
