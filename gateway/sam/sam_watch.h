#ifndef CROSSWALK_GATEWAY_SAM_SAM_WATCH_H_
#define CROSSWALK_GATEWAY_SAM_SAM_WATCH_H_

// Which SAM records changed in the store since the SAM state last looked: the gateway's store is
// wrapped in a SamWatchedStore, which hands every committed batch, deletion, undone run and
// removed source to a SamChanges. So the state follows the syncs one record at a time instead of
// reading the estate again (issue 13 Deliver 9).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/sam/sam_inputs.h"
#include "gateway/store/forwarding_store.h"

namespace crosswalk::sam {

// One change: a record the store now holds, or (erased) one it no longer does.
struct SamChange {
  bool erased = false;
  RecordKey key;
  Record record;  // when not erased
};

// The SAM changes since the last Take, in the order the store took them. Thread-safe.
class SamChanges {
 public:
  // At most this many changes are kept between two Takes; more, and the state reads the store
  // again instead (a first sync of a large estate, say).
  static constexpr size_t kMaxPending = 50000;

  // Records committed: those of a SAM kind whose content hash is not the one last seen for their
  // key (a folder read again commits its unchanged records too).
  void Committed(const std::vector<RecordToStore>& records);
  // Records of `source` marked deleted.
  void Deleted(const std::string& source, const std::vector<std::string>& native_ids);
  // A change the watch cannot follow record by record (a run undone, a source removed): the state
  // reads the store again.
  void Invalidate();
  // The content hash a record the state read from the store has (so that committing it again
  // unchanged is no change).
  void Known(const Record& record);

  struct Taken {
    std::vector<SamChange> changes;
    bool reload = false;  // the changes are incomplete: read the store again
  };
  Taken Take();
  // True when a Take would return a change or a reload.
  bool Pending() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> hashes_;  // "source\x1fnative id" → content hash
  std::vector<SamChange> changes_;
  bool reload_ = false;
};

// A Store that tells `changes` what is written through it.
class SamWatchedStore : public ForwardingStore {
 public:
  // REQUIRES: `changes` outlives the store.
  SamWatchedStore(std::unique_ptr<Store> target, SamChanges* changes) : ForwardingStore(std::move(target)), changes_(changes) {}

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source, const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override;
  absl::StatusOr<DeletionResult> DeleteRecords(const std::string& source, const std::vector<std::string>& native_ids,
                                               const std::optional<std::string>& cursor) override;
  absl::Status AbortRun(const std::string& source) override;
  absl::StatusOr<SourceRemoval> RemoveSource(const std::string& source, bool keep_records) override;

 private:
  SamChanges* changes_;
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_WATCH_H_
