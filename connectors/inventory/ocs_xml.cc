#include "connectors/inventory/ocs_xml.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/inventory/xml_events.h"

namespace crosswalk::inventory {
namespace {

// One element under CONTENT (a section such as SOFTWARES or CPUS): its members by name as the
// file spells them ("NAME", "TIMEZONE/NAME" for a nested one), where it starts.
struct Section {
  std::string name;
  std::vector<std::pair<std::string, std::string>> members;
  int line = 0, column = 0;

  std::string Take(absl::string_view member) {
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (it->first == member) {
        std::string value = std::move(it->second);
        members.erase(it);
        return value;
      }
    }
    return "";
  }
};

class OcsReader {
 public:
  OcsReader(const std::string& file, std::function<void(absl::Status)>* fail) : file_(file), fail_(fail) {}

  void Start(const XmlStart& start) {
    path_.emplace_back(start.name);
    text_.clear();
    if (path_.size() == 1 && start.name != "REQUEST") {
      Fail(start.line, start.column, absl::StrCat("the root element is ", start.name, "; an agent inventory's is REQUEST"));
    } else if (path_.size() == 3 && path_[1] == "CONTENT") {
      section_ = Section{std::string(start.name), {}, start.line, start.column};
    }
    if (path_.size() == 2) where_[std::string(start.name)] = {start.line, start.column};
  }

  void Text(absl::string_view text) { text_.append(text.data(), text.size()); }

  void End() {
    const std::string value(absl::StripAsciiWhitespace(text_));
    text_.clear();
    if (path_.size() >= 4 && path_[1] == "CONTENT" && section_) {
      if (!value.empty()) section_->members.emplace_back(absl::StrJoin(path_.begin() + 3, path_.end(), "/"), value);
    } else if (path_.size() == 3 && path_[1] == "CONTENT") {
      if (section_ && section_->members.empty() && !value.empty()) {
        leaves_[section_->name] = value;  // a member of CONTENT itself: VERSIONCLIENT
      } else if (section_) {
        Finish(std::move(*section_));
      }
      section_.reset();
    } else if (path_.size() == 2 && path_[0] == "REQUEST") {
      if (path_[1] != "CONTENT") leaves_[absl::StrCat("REQUEST/", path_[1])] = value;
    }
    path_.pop_back();
  }

  // After the parse: the document, or the first error.
  absl::StatusOr<InventoryDocument> Result() {
    if (!status_.ok()) return status_;
    const std::string query = leaves_["REQUEST/QUERY"];
    if (!query.empty() && query != "INVENTORY") {
      return Error(where_["QUERY"], absl::StrCat("QUERY is ", query, "; only an INVENTORY request is an inventory"));
    }
    document_.device.id = leaves_["REQUEST/DEVICEID"];
    if (document_.device.id.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(file_, ": no DEVICEID under REQUEST: not an agent inventory"));
    }
    document_.device.tool = leaves_["VERSIONCLIENT"];
    document_.format = absl::StartsWithIgnoreCase(document_.device.tool, "FusionInventory") ? "fusioninventory-xml" : "ocs-xml";
    if (cpu_entries_ > 0) {
      document_.device.processors = sockets_ > 0 ? sockets_ : cpu_entries_;
      if (cores_ > 0) document_.device.cores = cores_;
      if (threads_ > 0) document_.device.threads = threads_;
    }
    if (!unread_.empty()) {
      document_.notes.push_back(absl::StrCat("sections not read: ", absl::StrJoin(unread_, ", ")));
    }
    return std::move(document_);
  }

 private:
  struct Position {
    int line = 0, column = 0;
  };

  absl::Status Error(Position at, absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(file_, ":", at.line, ":", at.column, ": ", what));
  }
  void Fail(int line, int column, absl::string_view what) {
    absl::Status status = Error({line, column}, what);
    if (status_.ok()) status_ = status;
    if (*fail_) (*fail_)(status);
  }

  // A whole number a count member must hold; 0 and the error recorded otherwise.
  int Count(const Section& section, absl::string_view member, const std::string& value) {
    int n = 0;
    if (value.empty()) return 0;
    if (!absl::SimpleAtoi(value, &n) || n < 0 || n > 1'000'000) {
      Fail(section.line, section.column, absl::StrCat(section.name, "/", member, " is '", value, "'; expected a whole number"));
      return 0;
    }
    return n;
  }

  void KeepRest(Section& section, ExtraFields& extra) {
    for (auto& [member, value] : section.members) extra.emplace_back(absl::StrCat(section.name, "/", member), std::move(value));
  }

  void Finish(Section section) {
    InventoryDevice& device = document_.device;
    if (section.name == "SOFTWARES") {
      DiscoveredSoftware software;
      software.line = section.line;
      software.name = section.Take("NAME");
      if (software.name.empty()) {
        Fail(section.line, section.column, "a SOFTWARES entry without NAME");
        return;
      }
      software.version = section.Take("VERSION");
      software.publisher = section.Take("PUBLISHER");
      software.arch = section.Take("ARCHITECTURE");
      if (software.arch.empty()) software.arch = section.Take("ARCH");
      software.from = section.Take("FROM");
      software.install_date = section.Take("INSTALLDATE");
      software.guid = section.Take("GUID");
      for (auto& [member, value] : section.members) software.extra.emplace_back(member, std::move(value));
      document_.software.push_back(std::move(software));
    } else if (section.name == "HARDWARE") {
      device.name = section.Take("NAME");
      device.os_name = section.Take("OSNAME");
      device.os_version = section.Take("OSVERSION");
      device.user = section.Take("LASTLOGGEDUSER");
      device.uuid = section.Take("UUID");
      std::string vm = section.Take("VMSYSTEM");
      if (!absl::EqualsIgnoreCase(vm, "Physical")) device.virtualization = std::move(vm);
      KeepRest(section, device.extra);
    } else if (section.name == "BIOS") {
      device.serial = section.Take("SSN");
      device.manufacturer = section.Take("SMANUFACTURER");
      device.model = section.Take("SMODEL");
      KeepRest(section, device.extra);
    } else if (section.name == "CPUS") {
      // One element per processor. OCS: CORES and LOGICAL_CPUS of it, NBSOCKET the machine's
      // sockets; FusionInventory: CORE and THREAD (dmidecode's core and thread counts).
      ++cpu_entries_;
      std::string cores = section.Take("CORES");
      if (cores.empty()) cores = section.Take("CORE");
      std::string threads = section.Take("LOGICAL_CPUS");
      if (threads.empty()) threads = section.Take("THREAD");
      cores_ += Count(section, "CORES", cores);
      threads_ += Count(section, "LOGICAL_CPUS", threads);
      sockets_ = std::max(sockets_, Count(section, "NBSOCKET", section.Take("NBSOCKET")));
      if (cpu_entries_ == 1) KeepRest(section, device.extra);
    } else if (section.name == "OPERATINGSYSTEM") {
      if (std::string full = section.Take("FULL_NAME"); !full.empty()) device.os_name = std::move(full);
      if (std::string version = section.Take("VERSION"); !version.empty()) device.os_version = std::move(version);
      KeepRest(section, device.extra);
    } else if (section.name == "ACCESSLOG") {
      device.last_seen = section.Take("LOGDATE");
      if (device.user.empty()) device.user = section.Take("USERID");
      KeepRest(section, device.extra);
    } else if (!section.members.empty() || section.name != "VERSIONPROVIDER") {
      unread_.insert(section.name);
    }
  }

  const std::string& file_;
  std::function<void(absl::Status)>* fail_;
  absl::Status status_;
  std::vector<std::string> path_;
  std::string text_;
  std::optional<Section> section_;
  std::map<std::string, std::string> leaves_;
  std::map<std::string, Position> where_;
  std::set<std::string> unread_;
  int cpu_entries_ = 0, cores_ = 0, threads_ = 0, sockets_ = 0;
  InventoryDocument document_;
};

}  // namespace

absl::StatusOr<InventoryDocument> ParseOcsXml(absl::string_view xml, const std::string& file) {
  std::function<void(absl::Status)> fail;
  OcsReader reader(file, &fail);
  XmlHandlers handlers;
  handlers.on_start = [&](const XmlStart& start) { reader.Start(start); };
  handlers.on_text = [&](absl::string_view text) { reader.Text(text); };
  handlers.on_end = [&](absl::string_view) { reader.End(); };
  if (absl::Status parsed = ParseXml(xml, file, handlers, &fail); !parsed.ok()) return parsed;
  return reader.Result();
}

}  // namespace crosswalk::inventory
