#ifndef CROSSWALK_GATEWAY_SERVER_SOURCE_SHELF_H_
#define CROSSWALK_GATEWAY_SERVER_SOURCE_SHELF_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk::server {

// The sources added on a running gateway (`crosswalk sources add`, Sources.Add), kept in one JSON
// file beside the store (<store>.sources.json):
//   {"version": 1, "sources": [{"name", "type", "schedule", "on_error", "options": {key: value}}]}
// The file holds no secret (options name secret files and variables, never their content). It is
// replaced durably on every change (ReplaceFileDurably), so after a crash it holds the sources
// before or after the change, never a part.
//
// Thread-safe.
class SourceShelf {
 public:
  // Opens the shelf kept at `path` (no file: no sources). INVALID_ARGUMENT naming the file, and
  // the entry and member at fault, when it cannot be read: crosswalkd then refuses to start rather
  // than silently stop syncing a source it was given.
  static absl::StatusOr<std::unique_ptr<SourceShelf>> Open(const std::string& path);

  // The sources kept, in the order they were added; each with `added` set.
  std::vector<SourceDefinition> Entries() const;
  // Keeps `source` (durably) after the others. ALREADY_EXISTS when one of that name is kept;
  // RESOURCE_EXHAUSTED or UNAVAILABLE when the file cannot be written (nothing changed).
  absl::Status Add(SourceDefinition source);
  // Forgets the source `name` (durably). NOT_FOUND when none of that name is kept.
  absl::Status Remove(const std::string& name);

 private:
  explicit SourceShelf(std::string path) : path_(std::move(path)) {}
  absl::Status Write(const std::vector<SourceDefinition>& sources) const;

  const std::string path_;
  mutable std::mutex mutex_;
  std::vector<SourceDefinition> sources_;
};

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_SOURCE_SHELF_H_
