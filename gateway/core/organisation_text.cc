#include "gateway/core/organisation_text.h"

#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk {

const char* VerdictName(MappingDecision::Verdict verdict) {
  switch (verdict) {
    case MappingDecision::Verdict::kConfirm: return "confirm";
    case MappingDecision::Verdict::kReject: return "reject";
    case MappingDecision::Verdict::kAdd: return "add";
  }
  return "confirm";
}

absl::StatusOr<MappingDecision::Verdict> ParseVerdict(absl::string_view text) {
  for (auto verdict : {MappingDecision::Verdict::kConfirm, MappingDecision::Verdict::kReject,
                       MappingDecision::Verdict::kAdd}) {
    if (text == VerdictName(verdict)) return verdict;
  }
  return absl::InvalidArgumentError(absl::StrCat("decision '", text, "' is not confirm, reject or add"));
}

bool IsAssessmentStatus(absl::string_view text) {
  for (absl::string_view status : {"covered", "partial", "candidate", "nonconforming", "not-covered"}) {
    if (text == status) return true;
  }
  return false;
}

absl::StatusOr<int64_t> ParseIsoDate(absl::string_view text) {
  const auto invalid = [&] {
    return absl::InvalidArgumentError(absl::StrCat("'", TruncateUtf8(text, kQuotedTextBytes), "' is not a date YYYY-MM-DD"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return invalid();
  }
  if (text.substr(0, 4) == "0000") return invalid();
  // ParseTimestamp checks the month and the day of the month.
  absl::StatusOr<int64_t> seconds = ParseTimestamp(text);
  if (!seconds.ok()) return invalid();
  return *seconds;
}

}  // namespace crosswalk
