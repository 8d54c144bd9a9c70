#ifndef CROSSWALK_GATEWAY_SAM_LICENCE_POSITION_H_
#define CROSSWALK_GATEWAY_SAM_LICENCE_POSITION_H_

// The effective licence position (issue 13 Deliver 4): per product and metric, what is owned,
// what the installations consume and the difference — and for every installation's demand, each
// entitlement considered, what it gave and why the others were rejected. A pure computation over
// normalised installs, devices and entitlements (no store, no clock: `as_of` is given).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace crosswalk::sam {

enum class Metric {
  kDevice,         // one licence per device running the product, however many installs
  kUser,           // one per named user of the product
  kCore,           // Microsoft per core: ≥ 8 per processor and ≥ 16 per server, in 2-core packs;
                   // SQL Server on a virtual machine: its cores, at least 4
  kProcessor,      // Oracle processor: physical cores × the core factor, rounded up
  kNamedUserPlus,  // Oracle NUP: named users, at least 25 per processor
  kConcurrent,     // peak simultaneous users, when usage data exists
  kSite,           // unlimited within the organisation: covers every demand
};

// "device", "user", "core", "processor", "nup", "concurrent", "site".
const char* MetricName(Metric metric);
// The metric a register writes, English or Japanese ("per core", "コア", "デバイス", "指名ユーザー",
// "Named User Plus", "同時接続", "サイト", "無制限" …). INVALID_ARGUMENT naming the words known.
absl::StatusOr<Metric> ParseMetric(const std::string& text);

struct LicensedDevice {
  std::string key;   // the device's identity (install.device refers to it)
  std::string name;
  int processors = 0;  // sockets; 0 unknown
  int cores = 0;       // physical cores over all processors (a VM: its virtual cores); 0 unknown
  bool virtual_machine = false;
  std::string cpu;     // processor model, for the core factor table
};

struct LicensedInstall {
  std::string id;        // evidence, e.g. the install record's native id
  std::string device;    // LicensedDevice::key
  std::string user;      // the device's or install's user, for per-user metrics
  std::string publisher, product, version, edition;
};

struct Entitlement {
  std::string id;
  std::string publisher, product;
  std::string version_scope;  // "2019": that version, older ones only with downgrade rights; empty: any
  std::string edition;        // empty: any edition
  Metric metric = Metric::kDevice;
  int64_t quantity = 0;
  std::optional<int64_t> valid_from, valid_to;  // Unix seconds of the first and last valid day
  bool downgrade = false;
  // Upgrade rights (software assurance): a newer version than version_scope is covered while
  // maintenance runs (to maintenance_end, the last day; none: without end).
  bool upgrade = false;
  std::optional<int64_t> maintenance_end;
  std::vector<std::string> allocated_to;  // device keys, device names or users; empty: the pool
  int priority = 0;                       // lower is consumed first; 0 comes after every set one
  std::string purchase_ref;  // the purchase (order) reference it was bought under; may be empty
  std::string record;        // "source/native_id" of its register record, for evidence
};

// True when `e` is valid on the day of `as_of` (Unix seconds; valid_to is the last valid day,
// inclusive); otherwise false with `why` set: "not valid before 2025-04-01", "expired on 2025-01-14".
bool ValidOn(const Entitlement& e, int64_t as_of, std::string* why);

struct PositionOptions {
  int64_t as_of = 0;  // Unix seconds: entitlements not valid on this day are not counted
  // Oracle's core factor by processor model (a substring, case-insensitive), the first that
  // matches; `default_core_factor` otherwise (Oracle: 0.5 for most x86).
  std::vector<std::pair<std::string, double>> core_factors;
  double default_core_factor = 0.5;
  // Peak concurrent users per product key ("publisher|product"), for the concurrent metric.
  std::map<std::string, int64_t> concurrent_peaks;
};

// One entitlement as one demand saw it.
struct Considered {
  std::string entitlement;
  int64_t consumed = 0;
  std::string rejected;  // why it gave nothing: "expired on 2025-01-14", "version 2016 … no downgrade rights", "used up", …

  bool operator==(const Considered&) const = default;
};

// What one device (or user) needs of one product, and where it came from.
struct Demand {
  std::string publisher, product;
  Metric metric = Metric::kDevice;
  std::string subject;               // the device name or the user
  std::string basis;                 // how `required` was worked out: "2 processors × 8 cores minimum = 16 …"
  int64_t required = 0;
  int64_t covered = 0;
  std::vector<std::string> installs;  // the installs behind it
  std::vector<Considered> considered;

  bool operator==(const Demand&) const = default;
};

struct ProductPosition {
  std::string publisher, product;
  Metric metric = Metric::kDevice;
  int64_t owned = 0;        // valid entitlements' quantities (site: 0 and `unlimited`)
  bool unlimited = false;
  int64_t consumed = 0;     // licences the installations need (every demand's `required`)
  int64_t shortfall = 0;    // of those, what no entitlement covered
  int64_t position = 0;     // owned − consumed (negative: under-licensed); 0 when unlimited
  std::vector<std::string> entitlements;  // every entitlement of the product, valid or not
  std::vector<std::string> notes;         // "no usage data: the concurrent metric cannot be counted"

  bool operator==(const ProductPosition&) const = default;
};

struct LicencePosition {
  std::vector<ProductPosition> products;  // by publisher, product
  std::vector<Demand> demands;            // by publisher, product, then in the order of their first install

  bool operator==(const LicencePosition&) const = default;
};

// Computes the position. Products are matched on publisher and product as normalised (compared
// case-insensitively). A product's demands are counted in the metric of its first valid
// entitlement in consumption order (per device when it has none: every such device is a
// shortfall). Consumption order for a demand: entitlements allocated to its subject first, then
// unlimited ones, then by priority, then the earliest end of validity, then id. An entitlement
// is rejected when it is not valid on as_of, is of another metric, edition or version (an older
// version only with downgrade rights), is allocated to others, or is used up.
LicencePosition ComputePosition(const std::vector<LicensedDevice>& devices, const std::vector<LicensedInstall>& installs,
                                const std::vector<Entitlement>& entitlements, const PositionOptions& options);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_LICENCE_POSITION_H_
