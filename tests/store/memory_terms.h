#ifndef CROSSWALK_TESTS_STORE_MEMORY_TERMS_H_
#define CROSSWALK_TESTS_STORE_MEMORY_TERMS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/store/body_terms.h"

namespace crosswalk {

// A body term table in memory, for tests of the body encoding: ids 1, 2, … in the order terms are
// first asked for.
class MemoryTerms : public TermIds, public TermTexts {
 public:
  absl::StatusOr<int64_t> IdOf(absl::string_view term) override {
    if (std::optional<int64_t> id = cache_.Find(term)) return *id;
    cache_.Add(++last_, std::string(term));
    return last_;
  }
  absl::StatusOr<const BodyTerm*> TermOf(int64_t id) override {
    if (const BodyTerm* term = cache_.Get(id)) return term;
    return absl::DataLossError(absl::StrCat("no body term ", id));
  }
  const BodyTermCache& cache() const { return cache_; }

 private:
  BodyTermCache cache_;
  int64_t last_ = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_STORE_MEMORY_TERMS_H_
