// Gateway::Sync, RefreshSam and SamReport: the SAM state kept between syncs and the SAM evidence
// records kept current after the syncs that change what they are worked out from.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/sam/sam_report.h"
#include "gateway/server/gateway.h"

namespace crosswalk::server {
namespace {

// What tells one stored sync run from another of the same source (times are whole seconds: two
// runs may end in the same one).
std::string Fingerprint(const SyncRunRecord& run) {
  const BatchResult& t = run.totals;
  return absl::StrCat(run.started, "/", run.finished, "/", run.outcome, "/", t.created, "/", t.updated, "/", t.unchanged, "/",
                      t.deleted, "/", run.skipped, "/", run.message);
}

}  // namespace

absl::StatusOr<SyncRunRecord> Gateway::Sync(const SourceDefinition& source, const ProgressFn& progress, bool full) {
  CW_ASSIGN_OR_RETURN(SyncRunRecord run, sync_->Run(source, progress, full));
  {
    std::lock_guard<std::mutex> lock(sam_mutex_);
    own_runs_[source.config.name] = Fingerprint(run);
  }
  if (!sam_changes_.Pending()) return run;
  const absl::Status refreshed = RefreshSam().status();
  if (!refreshed.ok() && !absl::IsUnavailable(refreshed)) {
    std::fprintf(stderr, "crosswalkd: the SAM evidence was not refreshed after the sync of %s: %s\n",
                 source.config.name.c_str(), std::string(refreshed.message()).c_str());
    absl::StrAppend(&run.message, run.message.empty() ? "" : "; ", "the SAM evidence was not refreshed: ", refreshed.message());
  }
  return run;
}

absl::StatusOr<bool> Gateway::ForeignRunsLocked() {
  CW_ASSIGN_OR_RETURN(const std::vector<SyncRunRecord> runs, store_->LastRuns());
  bool foreign = false;
  std::map<std::string, std::string> seen;
  for (const SyncRunRecord& run : runs) {
    const std::string fingerprint = Fingerprint(run);
    seen[run.source] = fingerprint;
    const auto before = sam_runs_seen_.find(run.source);
    const auto own = own_runs_.find(run.source);
    if ((before == sam_runs_seen_.end() || before->second != fingerprint) && (own == own_runs_.end() || own->second != fingerprint)) {
      foreign = true;
    }
  }
  sam_runs_seen_ = std::move(seen);
  return foreign;
}

absl::Status Gateway::UpdateSamLocked(int64_t today) {
  sam::SamChanges::Taken taken = sam_changes_.Take();
  CW_ASSIGN_OR_RETURN(const bool foreign, ForeignRunsLocked());
  if (sam_state_ == nullptr || taken.reload || today != sam_loaded_day_ || foreign) {
    // Changes taken above are in the store: the load reads them.
    auto state = std::make_unique<sam::SamState>(software_.get(), config_.sam_stale_days, &core_factors_);
    CW_RETURN_IF_ERROR(state->Load(*store_, [this](const Record& record) { sam_changes_.Known(record); }));
    sam_state_ = std::move(state);
    sam_loaded_day_ = today;
    sam_report_.reset();
    sam_loaded_ = true;
    return absl::OkStatus();
  }
  for (const sam::SamChange& change : taken.changes) {
    if (change.erased) {
      sam_state_->Erase(change.key);
    } else {
      sam_state_->Put(change.record);
    }
  }
  if (!taken.changes.empty()) sam_report_.reset();
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const sam::SamReport>> Gateway::SamReportLocked(int64_t as_of) {
  CW_ASSIGN_OR_RETURN(const int64_t today, sam::ParseAsOf("", clock_->NowSeconds()));
  CW_RETURN_IF_ERROR(UpdateSamLocked(today));
  if (as_of != today) return std::make_shared<const sam::SamReport>(sam_state_->ReportAt(as_of));
  if (sam_report_ == nullptr) {
    sam_report_ = std::make_shared<const sam::SamReport>(sam_state_->Report(today));
    const int64_t machines = sam_state_->last_machines_recomputed();
    sam_how_ = sam_loaded_      ? "the estate read from the store"
               : machines < 0 ? "the whole position worked out again"
                              : absl::StrCat(machines, machines == 1 ? " machine" : " machines", " read again");
    sam_loaded_ = false;
  } else {
    sam_how_ = "nothing changed";
  }
  return sam_report_;
}

absl::StatusOr<std::shared_ptr<const sam::SamReport>> Gateway::SamReport(int64_t as_of) {
  std::lock_guard<std::mutex> lock(sam_mutex_);
  return SamReportLocked(as_of);
}

absl::StatusOr<sam::EvidenceWrite> Gateway::RefreshSam() {
  std::lock_guard<std::mutex> lock(sam_mutex_);
  CW_ASSIGN_OR_RETURN(std::unique_ptr<SourceLease> lease, store_->TryLeaseSource(sam::kSamSource));
  if (lease == nullptr) return absl::UnavailableError("another gateway sharing the store is refreshing the SAM evidence");
  const int64_t now = clock_->NowSeconds();
  CW_ASSIGN_OR_RETURN(const int64_t today, sam::ParseAsOf("", now));
  CW_ASSIGN_OR_RETURN(const std::shared_ptr<const sam::SamReport> report, SamReportLocked(today));
  CW_RETURN_IF_ERROR(lease->Check());
  CW_ASSIGN_OR_RETURN(const sam::EvidenceWrite written, sam::WriteEvidence(*store_, sam::EvidenceRecords(*report, report->exceptions, now)));
  std::fprintf(stderr, "crosswalkd: SAM evidence refreshed (%s): %lld new, %lld changed, %lld unchanged, %lld deleted\n",
               sam_how_.c_str(),
               static_cast<long long>(written.created), static_cast<long long>(written.updated),
               static_cast<long long>(written.unchanged), static_cast<long long>(written.deleted));
  return written;
}

}  // namespace crosswalk::server
