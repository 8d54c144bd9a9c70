// Gateway::Sync and Gateway::RefreshSam: the SAM evidence records kept current after the syncs
// that change what they are worked out from.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/sam/sam_report.h"
#include "gateway/server/gateway.h"

namespace crosswalk::server {
namespace {

// True when `source` holds a live record of a kind the SAM views read.
absl::StatusOr<bool> HoldsSamRecords(Store& store, const std::string& source) {
  for (const char* kind : {"configuration-item", "software-installation", "licence-entitlement"}) {
    RecordFilter filter;
    filter.source = source;
    filter.kind = kind;
    filter.page_size = 1;
    CW_ASSIGN_OR_RETURN(const RecordPage page, store.ListRecords(filter));
    if (!page.records.empty()) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<SyncRunRecord> Gateway::Sync(const SourceDefinition& source, const ProgressFn& progress, bool full) {
  CW_ASSIGN_OR_RETURN(SyncRunRecord run, sync_->Run(source, progress, full));
  const BatchResult& t = run.totals;
  if (t.created + t.updated + t.deleted == 0) return run;
  auto holds = HoldsSamRecords(*store_, source.config.name);
  if (holds.ok() && !*holds && t.deleted == 0) return run;
  absl::Status refreshed = holds.status();
  if (refreshed.ok()) refreshed = RefreshSam().status();
  if (!refreshed.ok() && !absl::IsUnavailable(refreshed)) {
    std::fprintf(stderr, "crosswalkd: the SAM evidence was not refreshed after the sync of %s: %s\n",
                 source.config.name.c_str(), std::string(refreshed.message()).c_str());
    absl::StrAppend(&run.message, run.message.empty() ? "" : "; ", "the SAM evidence was not refreshed: ", refreshed.message());
  }
  return run;
}

absl::StatusOr<sam::EvidenceWrite> Gateway::RefreshSam() {
  std::lock_guard<std::mutex> lock(sam_mutex_);
  CW_ASSIGN_OR_RETURN(std::unique_ptr<SourceLease> lease, store_->TryLeaseSource(sam::kSamSource));
  if (lease == nullptr) return absl::UnavailableError("another gateway sharing the store is refreshing the SAM evidence");
  const int64_t now = clock_->NowSeconds();
  CW_ASSIGN_OR_RETURN(const int64_t today, sam::ParseAsOf("", now));
  CW_ASSIGN_OR_RETURN(const sam::SamReport report, sam::BuildSamReport(*store_, *software_, today));
  CW_RETURN_IF_ERROR(lease->Check());
  return sam::WriteEvidence(*store_, sam::EvidenceRecords(report, report.exceptions, now));
}

}  // namespace crosswalk::server
