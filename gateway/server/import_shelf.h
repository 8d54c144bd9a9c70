#ifndef CROSSWALK_GATEWAY_SERVER_IMPORT_SHELF_H_
#define CROSSWALK_GATEWAY_SERVER_IMPORT_SHELF_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace crosswalk::server {

// What an import is: the client's file name and how to read the file.
struct ImportEntry {
  std::string file_name;                       // as the client named it, e.g. "チケット.csv"
  std::string preset;
  std::map<std::string, std::string> options;  // never "location" or "preset"
};

// The longest escaped name kept: with ".json" it is still a legal file name (NAME_MAX 255).
inline constexpr size_t kMaxEscapedNameBytes = 250;

// INVALID_ARGUMENT unless `file_name` is a plain file name: valid UTF-8, 1 to 200 bytes, no '/',
// no control character (NUL included), not starting with '.', and at most kMaxEscapedNameBytes
// once escaped (EscapeImportName).
absl::Status CheckImportName(absl::string_view file_name);

// `file_name` as a name on disk: every byte except ASCII letters, digits, "-_.,+=@~()[] " and the
// bytes of non-ASCII UTF-8 characters written as %XX ('%' itself included), so the mapping is
// one-to-one and no name can mean a directory or another import's file.
// REQUIRES: CheckImportName(file_name) is OK.
std::string EscapeImportName(absl::string_view file_name);

// A file arriving for import, written under the shelf's staging/ directory. Nothing is kept
// unless Keep() takes it; destroying it otherwise removes the staged bytes.
class StagedImport {
 public:
  ~StagedImport();
  StagedImport(const StagedImport&) = delete;
  StagedImport& operator=(const StagedImport&) = delete;

  // RESOURCE_EXHAUSTED when the disk is full, UNAVAILABLE for another write error.
  absl::Status Append(absl::string_view data);
  int64_t size() const { return size_; }
  // Where the bytes are (readable while staged; removed with this object).
  const std::string& path() const { return path_; }

 private:
  friend class ImportShelf;
  StagedImport(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  // Flushes the bytes to disk (fsync) and closes the file.
  absl::Status Finish();

  int fd_;
  std::string path_;
  std::string dir_;  // StageNamed: the directory of its own, removed with the file
  int64_t size_ = 0;
};

// The imports kept beside a store (README "Imports"), in a directory of their own:
//   files/<escaped name>       the imported bytes
//   sources/<escaped name>.json what the import is (ImportEntry); never a location — the file is
//                               always files/<escaped name>, so no definition can point elsewhere
//   staging/                   files arriving (emptied at open)
//   quarantine/                definitions that could not be read, moved aside at open
// A definition is written durably (fsync of the file, rename, fsync of the directory). An
// unreadable definition (empty after a full disk, not JSON, a name that is not its own) is
// quarantined with a warning and never stops the gateway from starting. The flat layout of earlier
// versions (<dir>/<name> beside <dir>/<name>.source.json) is moved into this one at open; an old
// definition whose location is not its own file is quarantined.
//
// Thread-safe.
class ImportShelf {
 public:
  // Opens (creating) the shelf at `dir`. Warnings (quarantined definitions) go to `warnings`.
  // UNAVAILABLE when the directories cannot be made.
  static absl::StatusOr<std::unique_ptr<ImportShelf>> Open(const std::string& dir,
                                                           std::vector<std::string>* warnings);

  // The imports kept, in file-name order.
  std::vector<ImportEntry> Entries() const;
  // Where the file of an import named `file_name` is kept.
  std::string FilePath(absl::string_view file_name) const;

  // A new staged file. UNAVAILABLE when it cannot be created.
  absl::StatusOr<std::unique_ptr<StagedImport>> Stage();
  // A new staged file named like the import `file_name` would be kept (EscapeImportName), in a
  // directory of its own under staging/, for a preview: read in place, never kept, and the
  // records' locations name the file as an import's would. REQUIRES: CheckImportName(file_name).
  absl::StatusOr<std::unique_ptr<StagedImport>> StageNamed(absl::string_view file_name);
  // Makes `staged` the file of `entry` and records `entry`, both durably, replacing an import of
  // the same name. On error nothing of the previous import of that name is lost except in the
  // window between the two renames (the file replaced, the old definition kept).
  absl::Status Keep(const ImportEntry& entry, std::unique_ptr<StagedImport> staged);
  // Forgets the import `file_name`: its definition, then its file, both durably. NOT_FOUND when
  // there is no such import; UNAVAILABLE for a file system error.
  absl::Status Remove(absl::string_view file_name);

 private:
  explicit ImportShelf(std::string dir) : dir_(std::move(dir)) {}
  void LoadDefinitions(std::vector<std::string>* warnings);
  void MoveFlatLayout(std::vector<std::string>* warnings);
  void Quarantine(const std::string& path, absl::string_view why, std::vector<std::string>* warnings);
  absl::Status WriteDefinition(const ImportEntry& entry);

  const std::string dir_;
  mutable std::mutex mutex_;
  std::map<std::string, ImportEntry> entries_;  // by file name
};

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_IMPORT_SHELF_H_
