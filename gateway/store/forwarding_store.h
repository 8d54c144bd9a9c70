#ifndef CROSSWALK_GATEWAY_STORE_FORWARDING_STORE_H_
#define CROSSWALK_GATEWAY_STORE_FORWARDING_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/status_macros.h"
#include "gateway/store/store.h"

namespace crosswalk {

// A Store that passes every call to another (leveldb's EnvWrapper): subclasses see each call
// before it goes through (Before: a non-OK status is returned instead of calling the target) and
// after (After: gets the target's status and returns the one the caller sees). Used for the
// store-file guard and for fault injection in tests.
//
// Thread-safe when the target and the hooks are.
class ForwardingStore : public Store {
 public:
  enum class Call { kCommitBatch, kBeginRun, kRunPending, kFinishRun, kAbortRun, kGetCursor, kListRecords,
                    kGetRecord, kHistory, kListUnmapped, kCounts, kAddSyncRun, kLastRuns,
                    kRemoveSource, kDeleteRecords, kListNativeIds, kRunsSinceReconciliation, kTryLeaseSource };
  // True for the calls that write.
  static bool Writes(Call call) {
    return call == Call::kCommitBatch || call == Call::kBeginRun || call == Call::kFinishRun ||
           call == Call::kAbortRun || call == Call::kAddSyncRun || call == Call::kRemoveSource ||
           call == Call::kDeleteRecords;
  }

  explicit ForwardingStore(std::unique_ptr<Store> target) : target_(std::move(target)) {}

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source, const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override {
    return Forward(Call::kCommitBatch, [&] { return target_->CommitBatch(source, records, cursor); });
  }
  // Not a fault point: it neither reads nor writes the store.
  std::shared_ptr<const PreparedRecord> Prepare(const Record& record) const override {
    return target_->Prepare(record);
  }
  absl::Status BeginRun(const std::string& source) override {
    return Forward(Call::kBeginRun, [&] { return target_->BeginRun(source); });
  }
  absl::StatusOr<bool> RunPending(const std::string& source) override {
    return Forward(Call::kRunPending, [&] { return target_->RunPending(source); });
  }
  absl::Status FinishRun(const std::string& source) override {
    return Forward(Call::kFinishRun, [&] { return target_->FinishRun(source); });
  }
  absl::Status AbortRun(const std::string& source) override {
    return Forward(Call::kAbortRun, [&] { return target_->AbortRun(source); });
  }
  absl::StatusOr<DeletionResult> DeleteRecords(const std::string& source, const std::vector<std::string>& native_ids,
                                               const std::optional<std::string>& cursor) override {
    return Forward(Call::kDeleteRecords, [&] { return target_->DeleteRecords(source, native_ids, cursor); });
  }
  absl::StatusOr<std::vector<std::string>> ListNativeIds(const std::string& source, const std::string& after,
                                                         int limit) override {
    return Forward(Call::kListNativeIds, [&] { return target_->ListNativeIds(source, after, limit); });
  }
  absl::StatusOr<int64_t> RunsSinceReconciliation(const std::string& source) override {
    return Forward(Call::kRunsSinceReconciliation, [&] { return target_->RunsSinceReconciliation(source); });
  }
  absl::StatusOr<std::string> GetCursor(const std::string& source) override {
    return Forward(Call::kGetCursor, [&] { return target_->GetCursor(source); });
  }
  absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) override {
    return Forward(Call::kListRecords, [&] { return target_->ListRecords(filter); });
  }
  absl::StatusOr<StoredRecord> GetRecord(const std::string& source, const std::string& native_id) override {
    return Forward(Call::kGetRecord, [&] { return target_->GetRecord(source, native_id); });
  }
  absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source, const std::string& native_id) override {
    return Forward(Call::kHistory, [&] { return target_->History(source, native_id); });
  }
  absl::StatusOr<UnmappedPage> ListUnmapped(const UnmappedFilter& filter) override {
    return Forward(Call::kListUnmapped, [&] { return target_->ListUnmapped(filter); });
  }
  absl::StatusOr<SourceCounts> Counts(const std::string& source) override {
    return Forward(Call::kCounts, [&] { return target_->Counts(source); });
  }
  absl::StatusOr<SourceRemoval> RemoveSource(const std::string& source, bool keep_records) override {
    return Forward(Call::kRemoveSource, [&] { return target_->RemoveSource(source, keep_records); });
  }
  absl::StatusOr<std::unique_ptr<SourceLease>> TryLeaseSource(const std::string& source) override {
    return Forward(Call::kTryLeaseSource, [&] { return target_->TryLeaseSource(source); });
  }
  absl::Status AddSyncRun(const SyncRunRecord& run) override {
    return Forward(Call::kAddSyncRun, [&] { return target_->AddSyncRun(run); });
  }
  absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() override {
    return Forward(Call::kLastRuns, [&] { return target_->LastRuns(); });
  }

 protected:
  virtual absl::Status Before(Call) { return absl::OkStatus(); }
  virtual absl::Status After(Call, absl::Status result) { return result; }

 private:
  static const absl::Status& StatusOf(const absl::Status& status) { return status; }
  template <typename T>
  static const absl::Status& StatusOf(const absl::StatusOr<T>& result) { return result.status(); }

  template <typename Fn>
  auto Forward(Call call, Fn fn) -> decltype(fn()) {
    CW_RETURN_IF_ERROR(Before(call));
    auto result = fn();
    absl::Status seen = After(call, StatusOf(result));
    if (!seen.ok()) return seen;
    return result;
  }

  std::unique_ptr<Store> target_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_FORWARDING_STORE_H_
