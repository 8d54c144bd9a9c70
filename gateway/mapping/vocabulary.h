#ifndef CROSSWALK_GATEWAY_MAPPING_VOCABULARY_H_
#define CROSSWALK_GATEWAY_MAPPING_VOCABULARY_H_

#include <optional>
#include "absl/strings/string_view.h"
#include <vector>

// The closed vocabularies of the mapping data (mappings/README.md). Each enum has a Parse that
// accepts exactly the spelling used in the CSV files and a Name that gives it back.
namespace crosswalk::mapping {

// NIST IR 8477 set-theory relationships plus OSCAL 1.2's equivalent-to, read as
// "from_ref is <relationship> to_ref".
enum class Relationship {
  kEqual,
  kEquivalent,
  kSubsetOf,
  kSupersetOf,
  kIntersectsWith,
  kNoRelationship,
};

enum class Rationale { kSyntactic, kSemantic, kFunctional };

// Where a row comes from: the JIPDEC guide, a standards body's published table, our reading, or
// the organisation's own decision (kept by crosswalkd, never written in a data file). Ordered from
// the most to the least general authority: a path's basis is the largest of its rows'.
enum class Basis { kSeed, kPublished, kDerived, kOrganisation };

enum class Confidence { kHigh, kMedium, kLow };

absl::string_view Name(Relationship value);
absl::string_view Name(Rationale value);
absl::string_view Name(Basis value);
absl::string_view Name(Confidence value);

std::optional<Relationship> ParseRelationship(absl::string_view text);
std::optional<Rationale> ParseRationale(absl::string_view text);
std::optional<Basis> ParseBasis(absl::string_view text);
std::optional<Confidence> ParseConfidence(absl::string_view text);

// The spellings each Parse accepts, for error messages.
std::vector<absl::string_view> RelationshipNames();
std::vector<absl::string_view> RationaleNames();
std::vector<absl::string_view> BasisNames();
std::vector<absl::string_view> ConfidenceNames();

// The relationship read the other way round: "B is Inverse(r) to A" when "A is r to B".
Relationship Inverse(Relationship value);

// Kinds of catalog item.
const std::vector<absl::string_view>& ItemKinds();

// The `source` labels a seed row may carry after "JIP-ITSMS112-2.1 " (DESIGN.md §5, contract).
inline constexpr absl::string_view kSeedDocument = "JIP-ITSMS112-2.1";
const std::vector<absl::string_view>& SeedLabels();

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_VOCABULARY_H_
