#include "gateway/sam/sam_inputs.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/sam/record_reading.h"

namespace crosswalk::sam {
namespace {

using Class = NormalisedInstall::Class;

std::string ProductKey(const std::string& publisher, const std::string& product) {
  return absl::StrCat(MatchKey(publisher), "|", MatchKey(product));
}

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
  e.allocated_to = SplitAllocations(AttributeOf(r, "allocated_to"));
  if (const std::string priority = AttributeOf(r, "consumption_priority"); !priority.empty()) {
    double value = 0;
    if (absl::SimpleAtod(priority, &value) && value >= 0 && value < 1e9) e.priority = static_cast<int>(value);
  }
  return row;
}

}  // namespace

absl::StatusOr<SamInputs> ReadSamInputs(Store& store, const SoftwareCatalogue& catalogue) {
  SamInputs inputs;
  CW_ASSIGN_OR_RETURN(inputs.view, BuildInstallView(store, catalogue, {}));
  CW_RETURN_IF_ERROR(ForEachRecord(store, "licence-entitlement", [&](const StoredRecord& stored) {
    auto row = ReadEntitlement(stored.record, catalogue);
    if (row.ok()) {
      inputs.entitlements.push_back(*std::move(row));
    } else {
      inputs.problems.emplace_back(RecordName(stored.record), row.status().message());
    }
  }));
  CW_RETURN_IF_ERROR(ForEachRecord(store, "configuration-item", [&](const StoredRecord& stored) {
    const Record& r = stored.record;
    if (r.provenance.native_kind == "device") return;
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
    inputs.cmdb.push_back(std::move(item));
  }));
  std::sort(inputs.entitlements.begin(), inputs.entitlements.end(),
            [](const EntitlementRow& a, const EntitlementRow& b) { return a.entitlement.id < b.entitlement.id; });
  std::set<std::string> entitled;  // product keys some entitlement names
  for (const EntitlementRow& row : inputs.entitlements) {
    entitled.insert(ProductKey(row.entitlement.publisher, row.entitlement.product));
  }

  std::map<std::string, std::string> user_of;  // machine name → its user
  for (const Machine& m : inputs.view.machines) {
    LicensedDevice device;
    device.key = device.name = m.name;
    device.processors = m.processors;
    device.cores = m.cores;
    device.virtual_machine = !m.virtualization.empty();
    device.cpu = m.cpu;
    inputs.devices.push_back(std::move(device));
    user_of[m.name] = m.user;
  }
  for (const InstallRow& row : inputs.view.installs) {
    // A product that needs a licence; a free one or an unrecognised title only where a register
    // names it.
    const bool named = entitled.count(ProductKey(row.publisher, row.product)) > 0;
    const bool counted = (row.kind == Class::kProduct && (row.free.empty() || named)) || (row.kind == Class::kUnrecognised && named);
    if (!counted) continue;
    LicensedInstall install;
    install.id = absl::StrCat(row.evidences.front().source, "/", row.evidences.front().native_id);
    install.device = row.device;
    install.user = user_of[row.device];
    install.publisher = row.publisher;
    install.product = row.product;
    install.version = row.version;
    install.edition = row.edition;
    inputs.installs.push_back(std::move(install));
  }
  return inputs;
}

std::vector<InventoryMachine> MachinesOf(const SamInputs& inputs) {
  std::map<std::string, std::set<std::string>> products;  // machine → "publisher|product"
  for (const LicensedInstall& install : inputs.installs) {
    products[install.device].insert(absl::StrCat(install.publisher, "|", install.product));
  }
  std::vector<InventoryMachine> out;
  out.reserve(inputs.view.machines.size());
  for (const Machine& m : inputs.view.machines) {
    InventoryMachine machine{m.name, m.host_names, m.serials, m.uuids, m.device_ids, m.records, m.last_seen, m.user,
                             m.product_installs, {}};
    const std::set<std::string>& on = products[m.name];
    machine.products.assign(on.begin(), on.end());
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

}  // namespace crosswalk::sam
