#include "absl/strings/string_view.h"
#include "gateway/mapping/vocabulary.h"

#include <array>
#include <utility>

namespace crosswalk::mapping {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<E, absl::string_view>, N>;

constexpr Table<Relationship, 6> kRelationships = {{
    {Relationship::kEqual, "equal"},
    {Relationship::kEquivalent, "equivalent"},
    {Relationship::kSubsetOf, "subset-of"},
    {Relationship::kSupersetOf, "superset-of"},
    {Relationship::kIntersectsWith, "intersects-with"},
    {Relationship::kNoRelationship, "no-relationship"},
}};
constexpr Table<Rationale, 3> kRationales = {{
    {Rationale::kSyntactic, "syntactic"},
    {Rationale::kSemantic, "semantic"},
    {Rationale::kFunctional, "functional"},
}};
constexpr Table<Basis, 4> kBases = {{
    {Basis::kSeed, "seed"},
    {Basis::kPublished, "published"},
    {Basis::kDerived, "derived"},
    {Basis::kOrganisation, "organisation"},
}};
constexpr Table<Confidence, 3> kConfidences = {{
    {Confidence::kHigh, "high"},
    {Confidence::kMedium, "medium"},
    {Confidence::kLow, "low"},
}};

template <typename E, size_t N>
absl::string_view NameIn(const Table<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> ParseIn(const Table<E, N>& table, absl::string_view text) {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::vector<absl::string_view> NamesIn(const Table<E, N>& table) {
  std::vector<absl::string_view> names;
  for (const auto& entry : table) names.push_back(entry.second);
  return names;
}

}  // namespace

absl::string_view Name(Relationship value) { return NameIn(kRelationships, value); }
absl::string_view Name(Rationale value) { return NameIn(kRationales, value); }
absl::string_view Name(Basis value) { return NameIn(kBases, value); }
absl::string_view Name(Confidence value) { return NameIn(kConfidences, value); }

std::optional<Relationship> ParseRelationship(absl::string_view text) {
  return ParseIn(kRelationships, text);
}
std::optional<Rationale> ParseRationale(absl::string_view text) { return ParseIn(kRationales, text); }
std::optional<Basis> ParseBasis(absl::string_view text) { return ParseIn(kBases, text); }
std::optional<Confidence> ParseConfidence(absl::string_view text) {
  return ParseIn(kConfidences, text);
}

std::vector<absl::string_view> RelationshipNames() { return NamesIn(kRelationships); }
std::vector<absl::string_view> RationaleNames() { return NamesIn(kRationales); }
std::vector<absl::string_view> BasisNames() { return NamesIn(kBases); }
std::vector<absl::string_view> ConfidenceNames() { return NamesIn(kConfidences); }

Relationship Inverse(Relationship value) {
  switch (value) {
    case Relationship::kSubsetOf:
      return Relationship::kSupersetOf;
    case Relationship::kSupersetOf:
      return Relationship::kSubsetOf;
    default:
      return value;  // the others are symmetric
  }
}

const std::vector<absl::string_view>& ItemKinds() {
  static const auto* kinds = new std::vector<absl::string_view>{
      "annex",   "domain",   "objective", "control", "clause", "process", "process-group",
      "process-area", "function", "stage", "practice", "practice-group", "tier"};
  return *kinds;
}

const std::vector<absl::string_view>& SeedLabels() {
  static const auto* labels = new std::vector<absl::string_view>{
      "Table 5-1", "Figure 5-5", "Section 6.2", "Figure 6-1", "Table 7-7", "Table A-1",
      "Table B-1", "Section 8.4", "Section 8.7", "Table 1-1", "Table 7-8"};
  return *labels;
}

}  // namespace crosswalk::mapping
