#include "gateway/report/sam_summary.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/numbers.h"

namespace crosswalk::report {
namespace {

std::string Text(const Record& r, const std::string& key) {
  const Attribute* a = r.FindAttribute(key);
  return a == nullptr ? "" : a->value;
}

int64_t Number(const Record& r, const std::string& key) {
  int64_t value = 0;
  return absl::SimpleAtoi(Text(r, key), &value) ? value : 0;
}

bool ListedBefore(const SamPositionRow& a, const SamPositionRow& b) {
  return std::make_tuple(-a.shortfall, a.publisher, a.product) < std::make_tuple(-b.shortfall, b.publisher, b.product);
}

}  // namespace

void SamSummarizer::Add(const Record& r) {
  if (r.provenance.source != "sam") return;
  if (r.kind == "licence-position") {
    SamPositionRow row{Text(r, "publisher"), Text(r, "product"), Text(r, "metric"), Text(r, "position_status"),
                       Number(r, "owned"),   Number(r, "consumed"), Number(r, "position"), Number(r, "shortfall"),
                       Text(r, "unlimited") == "true", r.provenance.native_id};
    ++summary_.products;
    if (row.status == "licensed") ++summary_.licensed;
    if (row.status == "under-licensed") ++summary_.under_licensed;
    if (row.status == "unlicensed") ++summary_.unlicensed;
    summary_.shortfall += row.shortfall;
    summary_.positions.push_back(std::move(row));
    if (summary_.positions.size() > 2 * max_listed_) Trim();
  } else if (r.kind == "sam-exception") {
    ++summary_.exceptions;
    const std::string kind = Text(r, "exception");
    auto it = std::find_if(summary_.exception_kinds.begin(), summary_.exception_kinds.end(),
                           [&kind](const SamExceptionKind& k) { return k.kind == kind; });
    if (it == summary_.exception_kinds.end()) {
      summary_.exception_kinds.push_back({kind, 0, {}});
      it = summary_.exception_kinds.end() - 1;
    }
    ++it->count;
    it->listed.push_back({Text(r, "subject"), Text(r, "detail"), r.provenance.native_id});
    if (it->listed.size() > 2 * max_listed_) {
      std::sort(it->listed.begin(), it->listed.end(), [](const SamExceptionRow& a, const SamExceptionRow& b) {
        return std::tie(a.subject, a.native_id) < std::tie(b.subject, b.native_id);
      });
      it->listed.resize(max_listed_);
    }
  } else {
    return;
  }
  const std::string as_of = Text(r, "as_of");
  if (as_of > summary_.as_of) summary_.as_of = as_of;
}

void SamSummarizer::Trim() {
  std::sort(summary_.positions.begin(), summary_.positions.end(), ListedBefore);
  if (summary_.positions.size() > max_listed_) summary_.positions.resize(max_listed_);
}

SamSummary SamSummarizer::Finish() {
  Trim();
  std::sort(summary_.exception_kinds.begin(), summary_.exception_kinds.end(),
            [](const SamExceptionKind& a, const SamExceptionKind& b) { return a.kind < b.kind; });
  for (SamExceptionKind& k : summary_.exception_kinds) {
    std::sort(k.listed.begin(), k.listed.end(), [](const SamExceptionRow& a, const SamExceptionRow& b) {
      return std::tie(a.subject, a.native_id) < std::tie(b.subject, b.native_id);
    });
    if (k.listed.size() > max_listed_) k.listed.resize(max_listed_);
  }
  return std::move(summary_);
}

}  // namespace crosswalk::report
