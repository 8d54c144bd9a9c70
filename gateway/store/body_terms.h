#ifndef CROSSWALK_GATEWAY_STORE_BODY_TERMS_H_
#define CROSSWALK_GATEWAY_STORE_BODY_TERMS_H_

// Body terms: text that recurs across the stored bodies of a store — an origin as [field, native
// value, rule id], an attribute's key, a location without its line number — kept once in the
// store's body_terms table (id, term) and referred to by id from body v3 (docs/store.md "The stored
// record"). A term's id never changes and a term is never removed, so what a process has read once
// stays true for its life; ids come from the table, so several gateways over one PostgreSQL agree.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/record.h"

namespace crosswalk {

// A term as a body refers to it. `origin` is set when the text is an origin's JSON triple.
struct BodyTerm {
  std::string text;
  std::optional<FieldOrigin> origin;
};

// The most terms a store adds to its table. Beyond it, new text is written out in the bodies: the
// table, and every process's cache of it, stays bounded even when a source's translated values
// never repeat (about 4 MiB of terms at most, each at most 256 bytes).
constexpr int64_t kMaxBodyTerms = 16'384;

// What an encoder asks of the store: the id of `term`, or 0 when the text is to be written out
// (the table is full). NOT_FOUND when the term has no id the encoder may use yet (a preparation
// outside the store's transaction knows committed terms only); other errors are the store's.
class TermIds {
 public:
  virtual ~TermIds() = default;
  virtual absl::StatusOr<int64_t> IdOf(absl::string_view term) = 0;
};

// What a decoder asks of the store: the term with `id`. DATA_LOSS when the store has no such term.
// The pointer stays valid as long as the cache it came from.
class TermTexts {
 public:
  virtual ~TermTexts() = default;
  virtual absl::StatusOr<const BodyTerm*> TermOf(int64_t id) = 0;
};

// The committed terms a store has seen, shared by its encoders and decoders; thread-safe.
class BodyTermCache {
 public:
  std::optional<int64_t> Find(absl::string_view term) const;
  const BodyTerm* Get(int64_t id) const;
  // Records a committed term; returns it as cached.
  const BodyTerm* Add(int64_t id, std::string term);
  // How many terms the store's table holds, as far as this process knows: set when the store
  // opens, grown by what its transactions commit.
  void SetTableSize(int64_t size);
  void GrowTableSize(int64_t added);
  bool TableFull() const;

 private:
  mutable std::shared_mutex mutex_;
  int64_t table_size_ = 0;
  absl::flat_hash_map<std::string, int64_t> ids_;
  absl::node_hash_map<int64_t, BodyTerm> terms_;  // nodes never move: Get's pointers stay valid
};

// Encodes with committed terms only: what Store::Prepare uses off the store's transaction.
class CommittedTermIds : public TermIds {
 public:
  explicit CommittedTermIds(const BodyTermCache& cache) : cache_(cache) {}
  absl::StatusOr<int64_t> IdOf(absl::string_view term) override;

 private:
  const BodyTermCache& cache_;
};

// The terms of one write transaction: known ones from the cache, new ones through `insert` (which
// adds the term to the table, or finds it there, and returns its id) while the table is not full. What the transaction adds or
// reads reaches the cache only by Commit(), after the transaction committed: a transaction rolled
// back leaves the cache as it was, so an id the table may hand out again is never cached wrongly.
class TransactionTerms : public TermIds, public TermTexts {
 public:
  using Insert = std::function<absl::StatusOr<int64_t>(absl::string_view term)>;
  using Select = std::function<absl::StatusOr<std::string>(int64_t id)>;  // NOT_FOUND: no such id
  TransactionTerms(BodyTermCache& cache, Insert insert, Select select)
      : cache_(cache), insert_(std::move(insert)), select_(std::move(select)) {}
  absl::StatusOr<int64_t> IdOf(absl::string_view term) override;
  absl::StatusOr<const BodyTerm*> TermOf(int64_t id) override;
  // Call once the transaction has committed.
  void Commit();

 private:
  BodyTermCache& cache_;
  Insert insert_;
  Select select_;
  absl::flat_hash_map<std::string, int64_t> pending_;
  absl::node_hash_map<int64_t, BodyTerm> read_;  // terms read inside the transaction
};

// Reads terms through the cache, asking `select` (the term text of an id, NOT_FOUND when the table
// has none) on a miss.
class CachedTermTexts : public TermTexts {
 public:
  using Select = std::function<absl::StatusOr<std::string>(int64_t id)>;
  CachedTermTexts(BodyTermCache& cache, Select select) : cache_(cache), select_(std::move(select)) {}
  absl::StatusOr<const BodyTerm*> TermOf(int64_t id) override;

 private:
  BodyTermCache& cache_;
  Select select_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_BODY_TERMS_H_
