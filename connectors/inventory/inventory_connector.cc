#include "connectors/inventory/inventory_connector.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/files/open_file.h"
#include "connectors/http_source.h"
#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

constexpr int64_t kDefaultMaxFileBytes = 64 << 20;
constexpr int64_t kMaxFileBytesLimit = 512 << 20;
constexpr char kDone[] = "done";

// A file's name as records and messages show it: relative to the location folder.
struct InventoryFile {
  std::string path;
  std::string name;
};

absl::StatusOr<std::vector<InventoryFile>> ListFiles(const std::string& location) {
  std::error_code error;
  const auto status = std::filesystem::status(location, error);
  if (error || !std::filesystem::exists(status)) {
    return absl::NotFoundError(absl::StrCat(location, ": no such file or folder"));
  }
  if (!std::filesystem::is_directory(status)) {
    return std::vector<InventoryFile>{{location, std::filesystem::path(location).filename().string()}};
  }
  std::vector<InventoryFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(location, error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || !entry.is_regular_file(error)) continue;
    files.push_back({entry.path().string(), name});
  }
  if (error) return absl::UnavailableError(absl::StrCat(location, ": cannot list the folder: ", error.message()));
  std::sort(files.begin(), files.end(), [](const InventoryFile& a, const InventoryFile& b) { return a.name < b.name; });
  return files;
}

absl::StatusOr<std::string> ReadBounded(const std::string& path, int64_t max_bytes) {
  CW_ASSIGN_OR_RETURN(files::OpenFile file, files::OpenFile::Open(path));
  struct stat info;
  if (fstat(file.fd(), &info) != 0) return absl::UnavailableError(absl::StrCat(path, ": cannot stat the file"));
  if (info.st_size > max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", info.st_size, " bytes, more than max_file_bytes (", max_bytes,
                                                   "); raise it for this source if the file is an inventory"));
  }
  std::string bytes;
  bytes.resize(static_cast<size_t>(info.st_size));
  size_t at = 0;
  while (at < bytes.size()) {
    CW_ASSIGN_OR_RETURN(const size_t n, file.ReadAt(at, bytes.data() + at, bytes.size() - at));
    if (n == 0) break;
    at += n;
  }
  bytes.resize(at);
  return bytes;
}

RawField Role(const std::string& role, const std::string& value, const std::string& type = "text") {
  RawField field;
  field.role = role;
  field.type = type;
  field.value = value;
  return field;
}

// One of the connector's own attributes (docs/sam.md "What is stored"): a role the SAM views
// read, not an unknown column.
void AddAttribute(RawRecord& record, const std::string& key, const std::string& value, const std::string& type = "text") {
  if (!value.empty()) record.fields.push_back(Role(key, value, type));
}

// A member of the format this connector does not map: kept as written and counted as unknown.
void AddExtra(RawRecord& record, const std::string& key, const std::string& value) {
  if (value.empty()) return;
  RawField field = Role(key, value);
  field.extra = true;
  field.header = key;
  record.fields.push_back(std::move(field));
}

// The device's key: what the file says, else the source's `device` option, else the file's name
// without its extension.
std::string DeviceKey(const InventoryDocument& document, const std::string& option, const InventoryFile& file) {
  if (!document.device.id.empty()) return document.device.id;
  if (!option.empty()) return option;
  return std::filesystem::path(file.name).stem().string();
}

RawRecord DeviceRecord(const InventoryDocument& document, const std::string& key, const InventoryFile& file) {
  const InventoryDevice& d = document.device;
  RawRecord record;
  record.native_id = absl::StrCat("device/", key);
  record.native_kind = "device";
  record.location = file.name;
  record.fields.push_back(Role("title", d.name.empty() ? key : d.name));
  AddAttribute(record, "device_id", key);
  AddAttribute(record, "format", document.format);
  AddAttribute(record, "host_name", d.name);
  AddAttribute(record, "serial", d.serial);
  AddAttribute(record, "uuid", d.uuid);
  AddAttribute(record, "manufacturer", d.manufacturer);
  AddAttribute(record, "model", d.model);
  AddAttribute(record, "os_name", d.os_name);
  AddAttribute(record, "os_version", d.os_version);
  if (d.processors) AddAttribute(record, "processors", absl::StrCat(*d.processors), "number");
  if (d.cores) AddAttribute(record, "cores", absl::StrCat(*d.cores), "number");
  if (d.threads) AddAttribute(record, "threads", absl::StrCat(*d.threads), "number");
  AddAttribute(record, "virtualization", d.virtualization);
  AddAttribute(record, "vm_host", d.host);
  AddAttribute(record, "user", d.user);
  AddAttribute(record, "last_seen", d.last_seen);
  AddAttribute(record, "tool", d.tool);
  if (d.partial) AddAttribute(record, "partial", "yes");
  AddAttribute(record, "software_entries", absl::StrCat(document.software.size()), "number");
  for (const auto& [name, value] : d.extra) AddExtra(record, name, value);
  return record;
}

RawRecord InstallRecord(const DiscoveredSoftware& s, const std::string& native_id, const std::string& device_key,
                        const InventoryDocument& document, const InventoryFile& file) {
  RawRecord record;
  record.native_id = native_id;
  record.native_kind = "software-installation";
  record.location = s.line > 0 ? absl::StrCat(file.name, " line ", s.line) : file.name;
  record.fields.push_back(Role("title", s.name));
  record.fields.push_back(Role("ci", document.device.name.empty() ? device_key : document.device.name));
  AddAttribute(record, "device_id", device_key);
  AddAttribute(record, "raw_name", s.name);
  AddAttribute(record, "version", s.version);
  AddAttribute(record, "publisher", s.publisher);
  AddAttribute(record, "arch", s.arch);
  AddAttribute(record, "from", s.from);
  AddAttribute(record, "install_date", s.install_date);
  AddAttribute(record, "guid", s.guid);
  AddAttribute(record, "tag_id", s.tag_id);
  AddAttribute(record, "edition", s.edition);
  AddAttribute(record, "evidence", s.evidence);
  AddAttribute(record, "format", document.format);
  for (const auto& [name, value] : s.extra) AddExtra(record, name, value);
  return record;
}

// Every record of one document, in file order: the device first.
std::vector<RawRecord> RecordsOf(const InventoryDocument& document, const std::string& device_option, const InventoryFile& file) {
  const std::string key = DeviceKey(document, device_option, file);
  std::vector<RawRecord> records;
  records.push_back(DeviceRecord(document, key, file));
  std::map<std::string, int> seen;
  for (const DiscoveredSoftware& s : document.software) {
    std::string id = absl::StrCat("install/", key, "/", s.name, "/", s.version, "/", s.arch);
    if (const int n = ++seen[id]; n > 1) absl::StrAppend(&id, "#", n);
    records.push_back(InstallRecord(s, id, key, document, file));
  }
  return records;
}

class InventoryConnector : public Connector, public IdLister {
 public:
  InventoryConnector(std::string source, std::string location, std::string format, std::string device, int64_t max_file_bytes,
                     ReconcilePolicy policy, const ConnectorDeps& deps)
      : source_(std::move(source)), location_(std::move(location)), format_(std::move(format)), device_(std::move(device)),
        max_file_bytes_(max_file_bytes), policy_(policy), deps_(deps) {}

  absl::Status Start(const std::string& cursor) override {
    CW_ASSIGN_OR_RETURN(files_, ListFiles(location_));
    if (files_.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(location_, ": the folder holds no inventory file"));
    }
    Sha256 digest;
    for (const InventoryFile& file : files_) {
      CW_ASSIGN_OR_RETURN(const std::string bytes, ReadBounded(file.path, max_file_bytes_));
      digest.Update(absl::StrCat(file.name, "\n", bytes.size(), "\n", Sha256Hex(bytes), "\n"));
    }
    digest_ = digest.HexDigest();
    next_file_ = 0;
    pending_.clear();
    position_ = 0;
    skip_ = 0;
    finished_ = false;
    notes_.clear();
    const std::vector<std::string> parts = absl::StrSplit(cursor, ':');
    if (parts.size() == 2 && parts[0] == digest_) {
      if (parts[1] == kDone) finished_ = true;
      else if (!absl::SimpleAtoi(parts[1], &skip_)) skip_ = 0;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage page;
    while (!finished_ && static_cast<int>(page.records.size()) < max_records) {
      if (pending_.empty()) {
        if (next_file_ == files_.size()) {
          finished_ = true;
          break;
        }
        CW_RETURN_IF_ERROR(ReadNextFile());
        continue;
      }
      RawRecord record = std::move(pending_.front());
      pending_.erase(pending_.begin());
      ++position_;
      if (position_ <= skip_) continue;
      page.records.push_back(std::move(record));
    }
    page.position = position_ > skip_ ? position_ - skip_ : 0;
    page.done = finished_;
    if (finished_) {
      // What the parsers noted, once per run however many files said it.
      for (const auto& [note, files] : notes_) {
        page.notes.push_back(files.size() == 1 ? absl::StrCat(files.front(), ": ", note)
                                               : absl::StrCat(note, " (", files.size(), " files, first ", files.front(), ")"));
      }
      notes_.clear();
    }
    page.next_cursor = absl::StrCat(digest_, ":", finished_ ? std::string(kDone) : absl::StrCat(position_));
    return page;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;  // each record's provenance names its source
    shape.vocabulary = "inventory";
    shape.effective_from = {"effective"};
    return shape;
  }

  IdLister* ids() override { return this; }

  absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override {
    partial_devices_.clear();
    CW_ASSIGN_OR_RETURN(const std::vector<InventoryFile> files, ListFiles(location_));
    for (const InventoryFile& file : files) {
      CW_ASSIGN_OR_RETURN(const std::string bytes, ReadBounded(file.path, max_file_bytes_));
      absl::StatusOr<InventoryDocument> document = ParseInventory(format_, bytes, file.name);
      // A file that cannot be read lists nothing: its records must not look deleted.
      if (!document.ok()) return absl::FailedPreconditionError(absl::StrCat("id listing: ", document.status().message()));
      const std::string key = DeviceKey(*document, device_, file);
      if (document->device.partial) partial_devices_.insert(key);
      for (const RawRecord& record : RecordsOf(*document, device_, file)) CW_RETURN_IF_ERROR(each(record.native_id));
    }
    return absl::OkStatus();
  }

  // An install of a device whose inventory is partial is still there: the partial file does not
  // say otherwise. Everything else was listed by ListIds.
  absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override {
    std::vector<std::string> present;
    for (const std::string& id : ids) {
      for (const std::string& device : partial_devices_) {
        if (absl::StartsWith(id, absl::StrCat("install/", device, "/"))) {
          present.push_back(id);
          break;
        }
      }
    }
    return present;
  }

  ReconcilePolicy policy() const override { return policy_; }

 private:
  absl::Status ReadNextFile() {
    const InventoryFile& file = files_[next_file_++];
    absl::StatusOr<std::string> bytes = ReadBounded(file.path, max_file_bytes_);
    absl::StatusOr<InventoryDocument> document =
        bytes.ok() ? ParseInventory(format_, *bytes, file.name) : absl::StatusOr<InventoryDocument>(bytes.status());
    if (!document.ok()) {
      // A file that cannot be read is one bad record (on_error decides); its records stay stored.
      if (deps_.bad_records == nullptr) return document.status();
      return deps_.bad_records->Report(document.status());
    }
    for (const std::string& note : document->notes) notes_[note].push_back(file.name);
    pending_ = RecordsOf(*document, device_, file);
    return absl::OkStatus();
  }

  const std::string source_, location_, format_, device_;
  const int64_t max_file_bytes_;
  const ReconcilePolicy policy_;
  const ConnectorDeps deps_;
  std::vector<InventoryFile> files_;
  std::string digest_;
  size_t next_file_ = 0;
  std::vector<RawRecord> pending_;
  int64_t position_ = 0, skip_ = 0;
  bool finished_ = false;
  std::map<std::string, std::vector<std::string>> notes_;  // note → the files that gave it
  std::set<std::string> partial_devices_;
};

}  // namespace

const std::vector<std::string>& InventoryFormats() {
  static const std::vector<std::string> formats = {"ocs-xml", "fusioninventory-xml", "glpi-inventory", "swid", "cyclonedx", "spdx"};
  return formats;
}

ConnectorFactory InventoryConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "inventory";
  factory.description =
      "software inventory files, one device and its software per file: ocsinventory-agent and FusionInventory XML, "
      "GLPI inventory JSON, ISO/IEC 19770-2 SWID tags, CycloneDX and SPDX SBOMs (docs/sam.md)";
  std::vector<std::string> formats = {"auto"};
  formats.insert(formats.end(), InventoryFormats().begin(), InventoryFormats().end());
  factory.keys = {
      {.name = "location", .description = "an inventory file, or a folder of them (its files, not sub-folders)",
       .type = ConfigKeyType::kPath, .required = true},
      {.name = "format", .description = "how the files are written; auto: by extension and content",
       .type = ConfigKeyType::kChoice, .default_value = "auto", .choices = formats},
      {.name = "device", .description = "the device of files that do not name one (a SWID tag, an SBOM); default: the file's name"},
      {.name = "max_file_bytes", .description = "the largest inventory file read",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultMaxFileBytes), .min = 1, .max = kMaxFileBytesLimit},
      {.name = "reconcile_every",
       .description = "after each N-th successful run, software no longer in a device's full inventory and devices whose "
                      "file is gone are marked deleted (0: never)",
       .type = ConfigKeyType::kInteger, .default_value = "1", .min = 0, .max = 1000},
      {.name = "max_delete_share", .description = "percent of the source's stored records one reconciliation may delete",
       .type = ConfigKeyType::kInteger, .default_value = "10", .min = 0, .max = 100},
  };
  factory.create = [](const SourceConfig& config, const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    const std::string* location = FindOption(config, "location");
    const std::string* format = FindOption(config, "format");
    const std::string* device = FindOption(config, "device");
    CW_ASSIGN_OR_RETURN(const int64_t max_bytes, IntegerOption(config, "max_file_bytes", 1, kMaxFileBytesLimit, kDefaultMaxFileBytes));
    CW_ASSIGN_OR_RETURN(const int64_t every, IntegerOption(config, "reconcile_every", 0, 1000, 1));
    CW_ASSIGN_OR_RETURN(const int64_t share, IntegerOption(config, "max_delete_share", 0, 100, 10));
    ReconcilePolicy policy{static_cast<int>(every), static_cast<int>(share)};
    return std::make_unique<InventoryConnector>(config.name, location != nullptr ? *location : "", format != nullptr ? *format : "auto",
                                                device != nullptr ? *device : "", max_bytes, policy, deps);
  };
  return factory;
}

}  // namespace crosswalk::inventory
