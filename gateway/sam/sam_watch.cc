#include "gateway/sam/sam_watch.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace crosswalk::sam {
namespace {

std::string HashKey(const std::string& source, const std::string& native_id) { return absl::StrCat(source, "\x1f", native_id); }

}  // namespace

void SamChanges::Committed(const std::vector<RecordToStore>& records) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const RecordToStore& item : records) {
    const Record& r = item.record;
    if (!IsSamKind(r.kind) || r.provenance.source == "sam") continue;
    std::string& hash = hashes_[HashKey(r.provenance.source, r.provenance.native_id)];
    // A record read again with other settings may differ as normalised under the same raw hash.
    if (hash == r.provenance.content_hash && !item.reread) continue;
    hash = r.provenance.content_hash;
    if (reload_) continue;
    if (changes_.size() >= kMaxPending) {
      changes_.clear();
      reload_ = true;
      continue;
    }
    changes_.push_back({false, {r.provenance.source, r.provenance.native_id}, r});
  }
}

void SamChanges::Deleted(const std::string& source, const std::vector<std::string>& native_ids) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::string& id : native_ids) {
    if (hashes_.erase(HashKey(source, id)) == 0 || reload_) continue;
    if (changes_.size() >= kMaxPending) {
      changes_.clear();
      reload_ = true;
      continue;
    }
    changes_.push_back({true, {source, id}, {}});
  }
}

void SamChanges::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  changes_.clear();
  reload_ = true;
}

void SamChanges::Known(const Record& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  hashes_[HashKey(r.provenance.source, r.provenance.native_id)] = r.provenance.content_hash;
}

SamChanges::Taken SamChanges::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  Taken taken{std::move(changes_), reload_};
  changes_.clear();
  reload_ = false;
  return taken;
}

bool SamChanges::Pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reload_ || !changes_.empty();
}

absl::StatusOr<BatchResult> SamWatchedStore::CommitBatch(const std::string& source, const std::vector<RecordToStore>& records,
                                                         const std::string& cursor) {
  auto result = ForwardingStore::CommitBatch(source, records, cursor);
  if (result.ok()) changes_->Committed(records);
  return result;
}

absl::StatusOr<DeletionResult> SamWatchedStore::DeleteRecords(const std::string& source, const std::vector<std::string>& native_ids,
                                                              const std::optional<std::string>& cursor) {
  auto result = ForwardingStore::DeleteRecords(source, native_ids, cursor);
  if (result.ok()) changes_->Deleted(source, native_ids);
  return result;
}

absl::Status SamWatchedStore::AbortRun(const std::string& source) {
  absl::Status status = ForwardingStore::AbortRun(source);
  changes_->Invalidate();  // whatever the outcome: the store may hold what it held before the run
  return status;
}

absl::StatusOr<SourceRemoval> SamWatchedStore::RemoveSource(const std::string& source, bool keep_records) {
  auto result = ForwardingStore::RemoveSource(source, keep_records);
  changes_->Invalidate();
  return result;
}

}  // namespace crosswalk::sam
