#include "gateway/server/import_shelf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gateway/core/durable_file.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"
#include "nlohmann/json.hpp"

namespace crosswalk::server {
namespace {

namespace fs = std::filesystem;

constexpr char kDefinitionSuffix[] = ".json";
constexpr char kFlatSuffix[] = ".source.json";

absl::Status SyncDirectory(const std::string& dir) { return crosswalk::SyncDirectory(dir, "the imports directory"); }

// Reads a definition file; INVALID_ARGUMENT says why it cannot be used.
absl::StatusOr<ImportEntry> ParseDefinition(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return absl::InvalidArgumentError("cannot be read");
  if (text.str().empty()) return absl::InvalidArgumentError("is empty");
  const nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return absl::InvalidArgumentError("is not a JSON object");
  ImportEntry entry;
  const auto name = json.find("file_name");
  const auto preset = json.find("preset");
  const auto options = json.find("options");
  if (name == json.end() || !name->is_string()) return absl::InvalidArgumentError("has no file_name");
  if (preset == json.end() || !preset->is_string()) return absl::InvalidArgumentError("has no preset");
  if (options == json.end() || !options->is_object()) return absl::InvalidArgumentError("has no options object");
  entry.file_name = name->get<std::string>();
  entry.preset = preset->get<std::string>();
  CW_RETURN_IF_ERROR(CheckImportName(entry.file_name));
  for (const auto& [key, value] : options->items()) {
    if (!value.is_string()) return absl::InvalidArgumentError(absl::StrCat("option '", key, "' is not a string"));
    if (key == "location" || key == "preset") return absl::InvalidArgumentError(absl::StrCat("sets '", key, "'"));
    entry.options[key] = value.get<std::string>();
  }
  return entry;
}

}  // namespace

absl::Status CheckImportName(absl::string_view file_name) {
  auto refuse = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "file name must be a plain file name (", why, "); got ", file_name.size(), " bytes"));
  };
  if (file_name.empty()) return refuse("it is empty");
  if (file_name.size() > 200) return refuse("at most 200 bytes");
  if (!IsValidUtf8(file_name)) return refuse("UTF-8 text");
  if (file_name[0] == '.') return refuse("not starting with '.'");
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\') return refuse("no directories");
    if (byte < 0x20 || byte == 0x7F) return refuse("no control characters");
  }
  // On disk the name is escaped and its definition adds ".json": both must fit NAME_MAX (255).
  if (EscapeImportName(file_name).size() > kMaxEscapedNameBytes) return refuse("too long once its punctuation is escaped");
  return absl::OkStatus();
}

std::string EscapeImportName(absl::string_view file_name) {
  std::string out;
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || absl::ascii_isalnum(byte) || std::strchr("-_.,+=@~()[] ", c) != nullptr) {
      out.push_back(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", byte);
    }
  }
  return out;
}

StagedImport::~StagedImport() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
  if (!dir_.empty()) ::rmdir(dir_.c_str());
}

absl::Status StagedImport::Append(absl::string_view data) {
  CW_RETURN_IF_ERROR(WriteAll(fd_, data, "staging the import"));
  size_ += static_cast<int64_t>(data.size());
  return absl::OkStatus();
}

absl::Status StagedImport::Finish() {
  if (::fsync(fd_) != 0) return ErrnoStatus("syncing the import to disk");
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) return ErrnoStatus("closing the staged import");
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ImportShelf>> ImportShelf::Open(const std::string& dir,
                                                               std::vector<std::string>* warnings) {
  std::unique_ptr<ImportShelf> shelf(new ImportShelf(dir));
  std::error_code error;
  // An import of the earlier flat layout named like one of the directories (a file "files") is
  // set aside first; its definition then no longer finds its file and is quarantined.
  for (const char* sub : {"files", "sources", "staging", "quarantine"}) {
    const fs::path path = fs::path(dir) / sub;
    if (fs::exists(fs::symlink_status(path, error)) && !fs::is_directory(fs::symlink_status(path, error))) {
      const fs::path aside = fs::path(dir) / absl::StrCat(sub, ".set-aside-", ::getpid());
      fs::rename(path, aside, error);
      warnings->push_back(absl::StrCat("imports: the file ", sub, " was in the way of the directory ", sub,
                                       ": moved to ", aside.filename().string()));
    }
  }
  for (const char* sub : {"files", "sources", "staging", "quarantine"}) {
    fs::create_directories(fs::path(dir) / sub, error);
    if (error) return absl::UnavailableError(absl::StrCat("imports directory ", sub, ": ", error.message()));
  }
  // Files left by an import that never finished.
  for (const auto& staged : fs::directory_iterator(fs::path(dir) / "staging", error)) fs::remove_all(staged.path(), error);
  shelf->MoveFlatLayout(warnings);
  shelf->LoadDefinitions(warnings);
  return shelf;
}

void ImportShelf::Quarantine(const std::string& path, absl::string_view why,
                             std::vector<std::string>* warnings) {
  static std::atomic<int> counter{0};
  const std::string name = fs::path(path).filename().string();
  const fs::path target = fs::path(dir_) / "quarantine" /
                          absl::StrCat(name, ".", ::getpid(), "-", ++counter);
  std::error_code error;
  fs::rename(path, target, error);
  warnings->push_back(absl::StrCat("import definition ", name, " ", why, ": moved to quarantine/",
                                   target.filename().string(), error ? absl::StrCat(" (failed: ", error.message(), ")") : ""));
}

void ImportShelf::MoveFlatLayout(std::vector<std::string>* warnings) {
  std::vector<std::string> flat;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    if (entry.is_regular_file(error) && absl::EndsWith(entry.path().filename().string(), kFlatSuffix)) {
      flat.push_back(entry.path().string());
    }
  }
  // A definition is taken only when its location is its own file beside it. Moving the data
  // files first means a data file that merely looks like a definition ("x.source.json", imported
  // by a client) is gone from the top level before definitions are judged.
  std::vector<std::pair<std::string, ImportEntry>> taken;
  for (const std::string& path : flat) {
    std::ifstream in(path, std::ios::binary);
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object() || !json.contains("name") || !json["name"].is_string() ||
        !json.contains("options") || !json["options"].is_object()) {
      continue;
    }
    const std::string name = json["name"].get<std::string>();
    if (!absl::StartsWith(name, "import:")) continue;
    ImportEntry entry;
    entry.file_name = name.substr(7);
    if (!CheckImportName(entry.file_name).ok()) continue;
    const std::string own_file = (fs::path(dir_) / entry.file_name).string();
    bool own = false;
    for (const auto& [key, value] : json["options"].items()) {
      if (!value.is_string()) continue;
      if (key == "location") own = value.get<std::string>() == own_file;
      else if (key == "preset") entry.preset = value.get<std::string>();
      else entry.options[key] = value.get<std::string>();
    }
    if (!own || path != own_file + kFlatSuffix || !fs::is_regular_file(own_file, error)) continue;
    fs::rename(own_file, fs::path(dir_) / "files" / EscapeImportName(entry.file_name), error);
    if (!error) taken.emplace_back(path, std::move(entry));
  }
  for (const auto& [path, entry] : taken) {
    if (WriteDefinition(entry).ok()) fs::remove(path, error);
  }
  for (const std::string& path : flat) {
    if (fs::exists(path, error)) Quarantine(path, "(earlier layout) does not define an import of its own file", warnings);
  }
}

void ImportShelf::LoadDefinitions(std::vector<std::string>* warnings) {
  std::error_code error;
  for (const auto& file : fs::directory_iterator(fs::path(dir_) / "sources", error)) {
    const std::string path = file.path().string();
    const std::string name = file.path().filename().string();
    if (absl::EndsWith(name, ".tmp")) {  // a definition whose write never finished
      fs::remove(path, error);
      continue;
    }
    absl::StatusOr<ImportEntry> entry = ParseDefinition(path);
    if (entry.ok() && name != EscapeImportName(entry->file_name) + kDefinitionSuffix) {
      entry = absl::InvalidArgumentError("names another file than its own");
    }
    if (!entry.ok()) {
      Quarantine(path, entry.status().message(), warnings);
      continue;
    }
    entries_[entry->file_name] = std::move(*entry);
  }
}

std::vector<ImportEntry> ImportShelf::Entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ImportEntry> entries;
  for (const auto& [name, entry] : entries_) entries.push_back(entry);
  return entries;
}

std::string ImportShelf::FilePath(absl::string_view file_name) const {
  return (fs::path(dir_) / "files" / EscapeImportName(file_name)).string();
}

absl::StatusOr<std::unique_ptr<StagedImport>> ImportShelf::Stage() {
  static std::atomic<int64_t> counter{0};
  const std::string path = (fs::path(dir_) / "staging" / absl::StrCat(::getpid(), "-", ++counter, ".part")).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("staging the import");
  return std::unique_ptr<StagedImport>(new StagedImport(fd, path));
}

absl::StatusOr<std::unique_ptr<StagedImport>> ImportShelf::StageNamed(absl::string_view file_name) {
  static std::atomic<int64_t> counter{0};
  const fs::path dir = fs::path(dir_) / "staging" / absl::StrCat(::getpid(), "-", ++counter, ".preview");
  if (::mkdir(dir.c_str(), 0700) != 0) return ErrnoStatus("staging the import");
  const std::string path = (dir / EscapeImportName(file_name)).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    absl::Status status = ErrnoStatus("staging the import");
    ::rmdir(dir.c_str());
    return status;
  }
  std::unique_ptr<StagedImport> staged(new StagedImport(fd, path));
  staged->dir_ = dir.string();
  return staged;
}

absl::Status ImportShelf::WriteDefinition(const ImportEntry& entry) {
  nlohmann::json json;
  json["file_name"] = entry.file_name;
  json["preset"] = entry.preset;
  json["options"] = entry.options;
  const std::string dir = (fs::path(dir_) / "sources").string();
  const std::string path = absl::StrCat(dir, "/", EscapeImportName(entry.file_name), kDefinitionSuffix);
  return ReplaceFileDurably(path, json.dump(2) + "\n", "the import definition");
}

absl::Status ImportShelf::Keep(const ImportEntry& entry, std::unique_ptr<StagedImport> staged) {
  CW_RETURN_IF_ERROR(CheckImportName(entry.file_name));
  CW_RETURN_IF_ERROR(staged->Finish());
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string target = FilePath(entry.file_name);
  if (::rename(staged->path_.c_str(), target.c_str()) != 0) return ErrnoStatus("keeping the import");
  staged->path_.clear();  // kept: no longer the staged file's to remove
  CW_RETURN_IF_ERROR(SyncDirectory((fs::path(dir_) / "files").string()));
  CW_RETURN_IF_ERROR(WriteDefinition(entry));
  entries_[entry.file_name] = entry;
  return absl::OkStatus();
}

absl::Status ImportShelf::Remove(absl::string_view file_name) {
  CW_RETURN_IF_ERROR(CheckImportName(file_name));
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(std::string(file_name));
  if (it == entries_.end()) return absl::NotFoundError(absl::StrCat("no import '", file_name, "'"));
  // The definition goes first and durably: after a crash in between, a file without a definition
  // is never registered, and the next open's staging sweep does not touch it, so nothing half-kept
  // becomes a source again.
  const std::string sources = (fs::path(dir_) / "sources").string();
  const std::string definition = absl::StrCat(sources, "/", EscapeImportName(file_name), kDefinitionSuffix);
  if (::unlink(definition.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("removing the import definition");
  CW_RETURN_IF_ERROR(SyncDirectory(sources));
  entries_.erase(it);
  const std::string file = FilePath(file_name);
  if (::unlink(file.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("removing the imported file");
  return SyncDirectory((fs::path(dir_) / "files").string());
}

}  // namespace crosswalk::server
