#ifndef CROSSWALK_GATEWAY_NORMALIZE_NORMALIZER_H_
#define CROSSWALK_GATEWAY_NORMALIZE_NORMALIZER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"
#include "gateway/normalize/rule_set.h"

namespace crosswalk {

// Resolves a ref as written in a source ("5.1", "A.5.1", "a.5.1") to the catalog's own ref, or
// std::nullopt when the catalog has no such item. `prefer_annex` asks for the Annex A control when
// both "A.<ref>" and "<ref>" exist (statement-of-applicability rows name controls, not clauses).
// Returns the canonical catalog id in `catalog_id` (aliases such as jisq27001:2023 resolved).
using CatalogRefResolver = std::function<std::optional<std::string>(
    const std::string& catalog, const std::string& ref, bool prefer_annex, std::string* catalog_id)>;

struct UnmappedValue {
  std::string field;
  std::string raw_value;
};

struct NormalizedRecord {
  Record record;
  std::vector<UnmappedValue> unmapped;
};

// Translates raw records into the 20000-1 vocabulary (DESIGN.md §6). Thread-safe: holds no
// mutable state.
class Normalizer {
 public:
  // REQUIRES: `rules` outlives the normaliser.
  Normalizer(const RuleSet* rules, CatalogRefResolver resolver);

  // The canonical record, with the native value and rule of every translated field in its
  // provenance. A value no rule knows stays out of the canonical field, is kept in provenance and
  // attributes, and is listed in `unmapped`. INVALID_ARGUMENT, naming the record's location, the
  // field's position and role and what was expected, for a value that cannot be read at all (a
  // date that is not a date, a number that is not a number, a missing native id).
  // `with_hash` false skips the content hash (a caller that stores nothing needs none).
  absl::StatusOr<NormalizedRecord> Normalize(const RawRecord& raw, const SourceShape& shape,
                                             int64_t fetched_at, bool with_hash = true) const;

 private:
  const RuleSet* rules_;
  CatalogRefResolver resolver_;
};

// SHA-256 over the raw record's native kind and fields in order: equal for equal content, so a
// re-read of an unchanged row never makes a new version.
std::string RawContentHash(const RawRecord& raw, const SourceShape& shape);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_NORMALIZE_NORMALIZER_H_
