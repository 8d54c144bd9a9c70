#include "gateway/core/organisation_text.h"

#include "absl/strings/str_cat.h"

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

}  // namespace crosswalk
