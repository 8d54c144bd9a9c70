#include "gateway/sam/sam_evidence.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"

namespace crosswalk::sam {
namespace {


// The 19770-1:2017 process area an exception is about.
std::string ProcessAreaOf(const std::string& kind) {
  if (kind == kNotInCmdb || kind == kNoRecentInventory || kind == kDuplicateDevice) return "data-management";
  if (kind == kInstallOnRetiredCi) return "retirement";
  return "license-management";
}

void Add(Record& r, const std::string& key, const std::string& value, const std::string& type = "text") {
  if (!value.empty()) r.attributes.push_back({key, type, value});
}

// What the record says, for its content hash: everything but when it was worked out.
std::string ContentHash(const Record& r) {
  Sha256 hash;
  auto field = [&hash](const std::string& text) {
    hash.Update(absl::StrCat(text.size(), ":"));
    hash.Update(text);
  };
  field(r.kind);
  field(r.title);
  field(r.status);
  for (const Attribute& a : r.attributes) {
    if (a.key == "as_of") continue;
    field(a.key);
    field(a.value);
  }
  for (const Link& l : r.links) {
    field(l.relation);
    field(l.target);
  }
  return hash.HexDigest();
}

Record Derived(const std::string& kind, const std::string& native_id, const std::string& what, int64_t now, int64_t as_of) {
  Record r;
  r.kind = kind;
  r.effective = as_of;
  r.calendar_dates = {"effective"};
  r.provenance.source = kSamSource;
  r.provenance.native_id = native_id;
  r.provenance.native_kind = kind;
  r.provenance.location = absl::StrCat("derived: ", what, " (docs/sam.md)");
  r.provenance.fetched_at = now;
  return r;
}

Record PositionRecord(const ProductPosition& p, const SamReport& report, int64_t demands, int64_t now) {
  Record r = Derived("licence-position", absl::StrCat("position/", p.publisher, "/", p.product),
                     "the effective licence position of the installs and entitlement registers", now, report.as_of);
  const std::string status = PositionStatus(p);
  r.title = absl::StrCat(p.publisher, " ", p.product, ": ", status, " (", MetricName(p.metric), ")");
  Add(r, "publisher", p.publisher);
  Add(r, "product", p.product);
  Add(r, "metric", MetricName(p.metric));
  Add(r, "owned", absl::StrCat(p.owned), "number");
  Add(r, "consumed", absl::StrCat(p.consumed), "number");
  Add(r, "position", absl::StrCat(p.position), "number");
  Add(r, "shortfall", absl::StrCat(p.shortfall), "number");
  Add(r, "demands", absl::StrCat(demands), "number");
  if (p.unlimited) Add(r, "unlimited", "true", "bool");
  Add(r, "position_status", status);
  Add(r, "notes", absl::StrJoin(p.notes, "; "));
  Add(r, "as_of", FormatDate(report.as_of), "date");
  r.links.push_back({"clause", "iso19770-1:2017#license-management"});
  for (const std::string& id : p.entitlements) {
    auto record = report.entitlement_record.find(id);
    if (record != report.entitlement_record.end()) r.links.push_back({"related", record->second});
  }
  return r;
}

Record ExceptionRecord(const SamException& e, const std::string& native_id, int64_t now, int64_t as_of) {
  Record r = Derived("sam-exception", native_id, "the CMDB reconciliation of the inventories and registers", now, as_of);
  r.title = absl::StrCat(e.kind, ": ", e.subject);
  Add(r, "exception", e.kind);
  Add(r, "subject", e.subject);
  Add(r, "detail", e.detail);
  Add(r, "as_of", FormatDate(as_of), "date");
  r.links.push_back({"clause", absl::StrCat("iso20000-1:2018#", e.clause)});
  r.links.push_back({"clause", absl::StrCat("iso19770-1:2017#", ProcessAreaOf(e.kind))});
  for (const std::string& record : e.evidence) r.links.push_back({"related", record});
  return r;
}

}  // namespace

std::vector<Record> EvidenceRecords(const SamReport& report, const std::vector<SamException>& exceptions, int64_t now) {
  std::vector<Record> records;
  std::map<std::pair<std::string, std::string>, int64_t> demands;
  for (const Demand& d : report.position.demands) ++demands[{d.publisher, d.product}];
  for (const ProductPosition& p : report.position.products) {
    records.push_back(PositionRecord(p, report, demands[{p.publisher, p.product}], now));
  }
  std::map<std::string, int> seen;  // several exceptions of one kind and subject: /2, /3 …
  for (const SamException& e : exceptions) {
    std::string id = absl::StrCat("exception/", e.kind, "/", e.subject);
    if (const int n = ++seen[id]; n > 1) absl::StrAppend(&id, "/", n);
    records.push_back(ExceptionRecord(e, id, now, report.as_of));
  }
  for (Record& r : records) r.provenance.content_hash = ContentHash(r);
  return records;
}

absl::StatusOr<EvidenceWrite> WriteEvidence(Store& store, const std::vector<Record>& records) {
  EvidenceWrite write;
  std::vector<RecordToStore> batch;
  std::set<std::string> kept;
  batch.reserve(records.size());
  for (const Record& r : records) {
    kept.insert(r.provenance.native_id);
    RecordToStore item;
    item.record = r;
    batch.push_back(std::move(item));
  }
  if (!batch.empty()) {
    CW_ASSIGN_OR_RETURN(const BatchResult result, store.CommitBatch(kSamSource, batch, ""));
    write.created = result.created;
    write.updated = result.updated;
    write.unchanged = result.unchanged;
  }
  std::vector<std::string> gone;
  std::string after;
  while (true) {
    CW_ASSIGN_OR_RETURN(const std::vector<std::string> ids, store.ListNativeIds(kSamSource, after, 1000));
    for (const std::string& id : ids) {
      if (!kept.count(id)) gone.push_back(id);
    }
    if (ids.size() < 1000) break;
    after = ids.back();
  }
  if (!gone.empty()) {
    CW_ASSIGN_OR_RETURN(const DeletionResult deleted, store.DeleteRecords(kSamSource, gone, std::nullopt));
    write.deleted = deleted.deleted;
  }
  return write;
}

}  // namespace crosswalk::sam
