#include "gateway/store/file_guarded_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"

namespace crosswalk {
namespace {

class FileGuardedStore : public Store {
 public:
  FileGuardedStore(std::unique_ptr<Store> inner, std::string path, dev_t device, ino_t inode)
      : inner_(std::move(inner)), path_(std::move(path)), device_(device), inode_(inode) {}

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source, const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->CommitBatch(source, records, cursor);
  }
  absl::Status BeginRun(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->BeginRun(source);
  }
  absl::StatusOr<bool> RunPending(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->RunPending(source);
  }
  absl::Status FinishRun(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->FinishRun(source);
  }
  absl::Status AbortRun(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->AbortRun(source);
  }
  absl::StatusOr<std::string> GetCursor(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->GetCursor(source);
  }
  absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->ListRecords(filter);
  }
  absl::StatusOr<StoredRecord> GetRecord(const std::string& source, const std::string& native_id) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->GetRecord(source, native_id);
  }
  absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source, const std::string& native_id) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->History(source, native_id);
  }
  absl::StatusOr<std::vector<UnmappedCount>> ListUnmapped(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->ListUnmapped(source);
  }
  absl::StatusOr<SourceCounts> Counts(const std::string& source) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->Counts(source);
  }
  absl::Status AddSyncRun(const SyncRunRecord& run) override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->AddSyncRun(run);
  }
  absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() override {
    CW_RETURN_IF_ERROR(Check());
    return inner_->LastRuns();
  }

 private:
  absl::Status Check() const {
    struct stat now {};
    const bool gone = ::stat(path_.c_str(), &now) != 0;
    if (!gone && now.st_dev == device_ && now.st_ino == inode_) return absl::OkStatus();
    const char* what = gone ? "was removed" : "was replaced by another file";
    return absl::DataLossError(absl::StrCat("the store file ", path_, " ", what,
                                            " while crosswalkd was running: nothing more is read or written; "
                                            "restore the file or restart crosswalkd"));
  }

  std::unique_ptr<Store> inner_;
  const std::string path_;
  const dev_t device_;
  const ino_t inode_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> GuardStoreFile(std::unique_ptr<Store> inner, const std::string& path) {
  struct stat opened {};
  if (::stat(path.c_str(), &opened) != 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot stat the store file: ", std::strerror(errno)));
  }
  return std::unique_ptr<Store>(new FileGuardedStore(std::move(inner), path, opened.st_dev, opened.st_ino));
}

}  // namespace crosswalk
