#include "connectors/inventory/glpi_inventory.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/inventory/json_file.h"
#include "gateway/core/status_macros.h"
#include "nlohmann/json.hpp"

namespace crosswalk::inventory {
namespace {

using nlohmann::json;

// Above any real processor's cores or threads: a larger count is a defect, not a machine.
constexpr int64_t kMaxCount = 1'000'000;

// A scalar as text: strings trimmed, booleans and numbers as JSON writes them.
std::string ScalarText(const json& value) {
  if (value.is_string()) return std::string(absl::StripAsciiWhitespace(value.get_ref<const std::string&>()));
  return value.dump();
}

// A licence key reduced to its last 5 characters: "*****-HQRJR"; "*****" for a key that short.
std::string MaskedKey(absl::string_view key) {
  if (key.empty()) return "";
  size_t start = key.size();
  for (int characters = 0; start > 0 && characters < 5;) {
    --start;
    if ((static_cast<unsigned char>(key[start]) & 0xC0) != 0x80) ++characters;
  }
  if (start == 0) return "*****";
  return absl::StrCat("*****-", key.substr(start));
}

// The extra names whose values are Windows product keys (secrets, never kept whole).
bool IsLicenceKey(absl::string_view name) {
  return name == "hardware.winprodkey" || (absl::StartsWith(name, "licenseinfos[") && absl::EndsWith(name, "].key"));
}

class GlpiReader {
 public:
  // `file` read from `text_bytes` bytes.
  GlpiReader(const JsonFile& file, size_t text_bytes) : file_(file), extra_budget_(8 * text_bytes + 65536) {}

  absl::StatusOr<InventoryDocument> Read() {
    const json& root = file_.value;
    if (!root.is_object()) return file_.Error("", "expected a JSON object at the top");
    InventoryDocument document;
    document.format = "glpi-inventory";
    InventoryDevice& device = document.device;
    CW_ASSIGN_OR_RETURN(device.id, Text(&root, "deviceid", ""));
    if (device.id.empty()) return file_.Error("deviceid", "required: the agent's device id");
    CW_ASSIGN_OR_RETURN(const json* content, ObjectMember(file_, root, "", "content"));
    if (content == nullptr) return file_.Error("content", "required: an object with the inventory");
    CW_ASSIGN_OR_RETURN(const json* partial,
                        TypedMember(file_, root, "", "partial", json::value_t::boolean, "expected true or false"));
    device.partial = partial != nullptr && partial->get<bool>();
    // Other top-level members ("itemtype", "action", "tag", …) keep their own names.
    for (const auto& [key, member] : root.items()) {
      if (key != "deviceid" && key != "content" && key != "partial") CW_RETURN_IF_ERROR(Flatten(key, member, &device.extra));
    }

    CW_ASSIGN_OR_RETURN(device.tool, Text(content, "versionclient", "content"));
    if (device.tool.empty()) return file_.Error("content.versionclient", "required: the agent's name and version");
    CW_RETURN_IF_ERROR(ReadDevice(*content, &document));
    CW_RETURN_IF_ERROR(ReadCpus(*content, &document));
    CW_RETURN_IF_ERROR(ReadSoftware(*content, &document.software));

    // Sections this parser does not map are named once; other scalars are kept.
    static const std::set<std::string> kRead = {"versionclient", "hardware", "bios", "operatingsystem", "accesslog",
                                                "users", "licenseinfos", "cpus", "softwares"};
    std::vector<std::string> not_read;
    for (const auto& [key, member] : content->items()) {
      if (kRead.count(key) != 0) continue;
      if (member.is_object() || member.is_array()) {
        not_read.push_back(key);
      } else {
        CW_RETURN_IF_ERROR(Flatten(absl::StrCat("content.", key), member, &device.extra));
      }
    }
    if (!not_read.empty()) document.notes.push_back(absl::StrCat("content sections not read: ", absl::StrJoin(not_read, ", ")));
    return document;
  }

 private:
  // Every scalar under `value` into `extra` as `name`, "name.member" and "name[index]" (depth is
  // bounded by the parse); null, {} and [] hold nothing. Each value's name repeats its parents'
  // names, so names and values together may take at most 8 times the file (plus 64 KiB): a file
  // that makes them longer (a huge member name over many values) is refused, not expanded.
  absl::Status Flatten(const std::string& name, const json& value, ExtraFields* extra) {
    if (value.is_object()) {
      for (const auto& [key, member] : value.items()) CW_RETURN_IF_ERROR(Flatten(absl::StrCat(name, ".", key), member, extra));
    } else if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) CW_RETURN_IF_ERROR(Flatten(absl::StrCat(name, "[", i, "]"), value[i], extra));
    } else if (!value.is_null()) {
      std::string text = ScalarText(value);
      if (name.size() + text.size() > extra_budget_) {
        size_t shown = std::min<size_t>(name.size(), 200);
        while (shown > 0 && shown < name.size() && (static_cast<unsigned char>(name[shown]) & 0xC0) == 0x80) --shown;
        return file_.Error(name.substr(0, shown), "member names and values too long to keep (over 8 times the file)");
      }
      extra_budget_ -= name.size() + text.size();
      extra->emplace_back(name, IsLicenceKey(name) ? MaskedKey(text) : std::move(text));
    }
    return absl::OkStatus();
  }

  // The members of `section` (may be null) not in `used`, flattened as "prefix.key".
  absl::Status FlattenRest(absl::string_view prefix, const json* section, const std::set<std::string>& used,
                           ExtraFields* extra) {
    if (section == nullptr) return absl::OkStatus();
    for (const auto& [key, member] : section->items()) {
      if (used.count(key) == 0) CW_RETURN_IF_ERROR(Flatten(absl::StrCat(prefix, ".", key), member, extra));
    }
    return absl::OkStatus();
  }

  // `object[key]` when it is an array; nullptr when the member is absent or null.
  absl::StatusOr<const json*> Array(const json& object, const std::string& parent, const char* key) const {
    return TypedMember(file_, object, parent, key, json::value_t::array, "expected an array");
  }

  // `section[key]` as trimmed text; "" when `section` is null or the member absent or null.
  absl::StatusOr<std::string> Text(const json* section, const char* key, const std::string& parent) const {
    if (section == nullptr) return std::string();
    return StringMember(file_, *section, parent, key);
  }

  // The first of `keys` with a non-empty text in `section`, which joins `used` ("" and nothing
  // used when none has one).
  absl::StatusOr<std::string> FirstText(const json* section, const std::string& parent,
                                        std::initializer_list<const char*> keys, std::set<std::string>* used) const {
    for (const char* key : keys) {
      CW_ASSIGN_OR_RETURN(std::string text, Text(section, key, parent));
      if (!text.empty()) {
        used->insert(key);
        return text;
      }
    }
    return std::string();
  }

  absl::Status ReadDevice(const json& content, InventoryDocument* document) {
    InventoryDevice& device = document->device;
    CW_ASSIGN_OR_RETURN(const json* hardware, ObjectMember(file_, content, "content", "hardware"));
    CW_ASSIGN_OR_RETURN(const json* bios, ObjectMember(file_, content, "content", "bios"));
    CW_ASSIGN_OR_RETURN(const json* os, ObjectMember(file_, content, "content", "operatingsystem"));
    CW_ASSIGN_OR_RETURN(const json* accesslog, ObjectMember(file_, content, "content", "accesslog"));
    CW_ASSIGN_OR_RETURN(const json* users, Array(content, "content", "users"));
    CW_ASSIGN_OR_RETURN(const json* licences, Array(content, "content", "licenseinfos"));

    std::set<std::string> hardware_used = {"name", "uuid", "lastloggeduser"};
    std::set<std::string> bios_used = {"ssn"};
    std::set<std::string> os_used = {"version"};
    CW_ASSIGN_OR_RETURN(device.name, Text(hardware, "name", "content.hardware"));
    if (device.name.empty()) {
      CW_ASSIGN_OR_RETURN(device.name, Text(os, "fqdn", "content.operatingsystem"));
      if (!device.name.empty()) os_used.insert("fqdn");
    }
    CW_ASSIGN_OR_RETURN(device.uuid, Text(hardware, "uuid", "content.hardware"));
    CW_ASSIGN_OR_RETURN(device.serial, Text(bios, "ssn", "content.bios"));
    // The system's maker and model; without them the motherboard's (bios.mmanufacturer, .mmodel):
    // self-built machines and some hypervisors fill only the board's, the nearest the file gives.
    CW_ASSIGN_OR_RETURN(device.manufacturer, FirstText(bios, "content.bios", {"smanufacturer", "mmanufacturer"}, &bios_used));
    if (bios_used.count("mmanufacturer") != 0) {
      document->notes.push_back("manufacturer is the motherboard's (bios.mmanufacturer): no bios.smanufacturer");
    }
    CW_ASSIGN_OR_RETURN(device.model, FirstText(bios, "content.bios", {"smodel", "mmodel"}, &bios_used));
    if (bios_used.count("mmodel") != 0) document->notes.push_back("model is the motherboard's (bios.mmodel): no bios.smodel");
    CW_ASSIGN_OR_RETURN(device.os_name, FirstText(os, "content.operatingsystem", {"full_name", "name"}, &os_used));
    CW_ASSIGN_OR_RETURN(device.os_version, Text(os, "version", "content.operatingsystem"));
    // "Physical" stays in extra as hardware.vmsystem: it says physical, where an empty field only
    // says nothing.
    CW_ASSIGN_OR_RETURN(std::string vmsystem, Text(hardware, "vmsystem", "content.hardware"));
    if (absl::EqualsIgnoreCase(vmsystem, "Physical")) {
      device.extra.emplace_back("hardware.vmsystem", vmsystem);
    } else {
      device.virtualization = vmsystem;
    }
    hardware_used.insert("vmsystem");
    CW_ASSIGN_OR_RETURN(device.user, Text(hardware, "lastloggeduser", "content.hardware"));
    if (device.user.empty() && users != nullptr && !users->empty()) {
      if (!(*users)[0].is_object()) return file_.Error("content.users[0]", "expected an object");
      CW_ASSIGN_OR_RETURN(device.user, Text(&(*users)[0], "login", "content.users[0]"));
    }
    CW_ASSIGN_OR_RETURN(device.last_seen, Text(accesslog, "logdate", "content.accesslog"));

    CW_RETURN_IF_ERROR(FlattenRest("hardware", hardware, hardware_used, &device.extra));
    CW_RETURN_IF_ERROR(FlattenRest("bios", bios, bios_used, &device.extra));
    CW_RETURN_IF_ERROR(FlattenRest("operatingsystem", os, os_used, &device.extra));
    CW_RETURN_IF_ERROR(FlattenRest("accesslog", accesslog, {"logdate"}, &device.extra));
    if (users != nullptr) CW_RETURN_IF_ERROR(Flatten("users", *users, &device.extra));
    if (licences != nullptr) CW_RETURN_IF_ERROR(Flatten("licenseinfos", *licences, &device.extra));
    return absl::OkStatus();
  }

  // `entry[key]` as a count: an integer, or a decimal string of one (agents converting from XML
  // write those); nullopt when absent or null.
  absl::StatusOr<std::optional<int64_t>> Count(const json& entry, const char* key, const std::string& parent) const {
    const auto found = entry.find(key);
    if (found == entry.end() || found->is_null()) return std::optional<int64_t>();
    int64_t count = -1;
    if (found->is_number_unsigned()) {
      count = static_cast<int64_t>(std::min<uint64_t>(found->get<uint64_t>(), kMaxCount + 1));
    } else if (found->is_number_integer()) {
      count = found->get<int64_t>();
    } else if (!found->is_string() || !absl::SimpleAtoi(found->get_ref<const std::string&>(), &count)) {
      return file_.Error(MemberPath(parent, key), "expected a whole number");
    }
    if (count < 0 || count > kMaxCount) return file_.Error(MemberPath(parent, key), absl::StrCat("expected a count from 0 to ", kMaxCount));
    return std::optional<int64_t>(count);
  }

  absl::Status ReadCpus(const json& content, InventoryDocument* document) const {
    CW_ASSIGN_OR_RETURN(const json* cpus, Array(content, "content", "cpus"));
    if (cpus == nullptr || cpus->empty()) return absl::OkStatus();
    int64_t cores = 0, threads = 0;
    bool all_cores = true, all_threads = true, per_core = false;
    for (size_t i = 0; i < cpus->size(); ++i) {
      const std::string path = absl::StrCat("content.cpus[", i, "]");
      const json& entry = (*cpus)[i];
      if (!entry.is_object()) return file_.Error(path, "expected an object");
      CW_ASSIGN_OR_RETURN(std::optional<int64_t> core, Count(entry, "core", path));
      if (!core.has_value()) {
        CW_ASSIGN_OR_RETURN(core, Count(entry, "corecount", path));
      }
      CW_ASSIGN_OR_RETURN(std::optional<int64_t> thread, Count(entry, "thread", path));
      if (thread.has_value() && core.has_value() && *thread < *core) {
        *thread *= *core;
        per_core = true;
      }
      if (core.has_value()) cores += *core; else all_cores = false;
      if (thread.has_value()) threads += *thread; else all_threads = false;
    }
    constexpr int64_t kMax = std::numeric_limits<int>::max();
    if (cores > kMax || threads > kMax) return file_.Error("content.cpus", "core or thread counts add up beyond a count");
    document->device.processors = static_cast<int>(cpus->size());
    if (all_cores) document->device.cores = static_cast<int>(cores);
    if (all_threads) document->device.threads = static_cast<int>(threads);
    if (!all_cores) document->notes.push_back("cpus entries without core or corecount: cores not counted");
    if (!all_threads) document->notes.push_back("cpus entries without thread: threads not counted");
    if (per_core) document->notes.push_back("cpus thread below core: read as threads per core (thread × core)");
    return absl::OkStatus();
  }

  absl::Status ReadSoftware(const json& content, std::vector<DiscoveredSoftware>* software) {
    CW_ASSIGN_OR_RETURN(const json* entries, Array(content, "content", "softwares"));
    if (entries == nullptr) return absl::OkStatus();
    static const std::set<std::string> kMapped = {"name", "version", "publisher", "arch", "from", "install_date", "guid"};
    software->reserve(entries->size());
    for (size_t i = 0; i < entries->size(); ++i) {
      const std::string path = absl::StrCat("content.softwares[", i, "]");
      const json& entry = (*entries)[i];
      if (!entry.is_object()) return file_.Error(path, "expected an object");
      DiscoveredSoftware item;
      CW_ASSIGN_OR_RETURN(item.name, Text(&entry, "name", path));
      if (item.name.empty()) return file_.Error(path, absl::StrCat("software entry ", i + 1, " has no name"));
      CW_ASSIGN_OR_RETURN(item.version, Text(&entry, "version", path));
      CW_ASSIGN_OR_RETURN(item.publisher, Text(&entry, "publisher", path));
      CW_ASSIGN_OR_RETURN(item.arch, Text(&entry, "arch", path));
      CW_ASSIGN_OR_RETURN(item.from, Text(&entry, "from", path));
      CW_ASSIGN_OR_RETURN(item.install_date, Text(&entry, "install_date", path));
      CW_ASSIGN_OR_RETURN(item.guid, Text(&entry, "guid", path));
      item.line = file_.PositionOf(path).line;  // 0 when the scan could not tell
      for (const auto& [key, member] : entry.items()) {
        if (kMapped.count(key) == 0) CW_RETURN_IF_ERROR(Flatten(key, member, &item.extra));
      }
      software->push_back(std::move(item));
    }
    return absl::OkStatus();
  }

  const JsonFile& file_;
  size_t extra_budget_;  // bytes `Flatten` may still keep
};

}  // namespace

absl::StatusOr<InventoryDocument> ParseGlpiInventory(absl::string_view json, const std::string& file) {
  // Software entries are the lists whose element lines are kept.
  CW_ASSIGN_OR_RETURN(const JsonFile read, ReadJsonFile(json, file, {"softwares"}));
  return GlpiReader(read, json.size()).Read();
}

}  // namespace crosswalk::inventory
