#include "gateway/store/body_terms.h"

#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_cursor.h"

namespace crosswalk {
namespace {

// An origin term is the JSON array [field, native value, rule id]; any other text is not one.
std::optional<FieldOrigin> ParseOrigin(absl::string_view text) {
  if (text.empty() || text.front() != '[') return std::nullopt;
  JsonCursor in(text);
  std::string items[3];
  int count = 0;
  if (!in.StringArray(items, 3, &count) || !in.AtEnd() || count != 3) return std::nullopt;
  return FieldOrigin{std::move(items[0]), std::move(items[1]), std::move(items[2])};
}

// A term as readers use it: its text, and the origin it spells when it is one.
BodyTerm MakeBodyTerm(std::string text) {
  std::optional<FieldOrigin> origin = ParseOrigin(text);
  return BodyTerm{std::move(text), std::move(origin)};
}

absl::Status MissingTerm(int64_t id) {
  return absl::DataLossError(absl::StrCat("stored record is not readable: it refers to body term ", id,
                                          ", which the store does not hold"));
}

}  // namespace

std::optional<int64_t> BodyTermCache::Find(absl::string_view term) const {
  std::shared_lock lock(mutex_);
  auto it = ids_.find(term);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const BodyTerm* BodyTermCache::Get(int64_t id) const {
  std::shared_lock lock(mutex_);
  auto it = terms_.find(id);
  return it == terms_.end() ? nullptr : &it->second;
}

const BodyTerm* BodyTermCache::Add(int64_t id, std::string term) {
  std::unique_lock lock(mutex_);
  auto [it, added] = terms_.try_emplace(id);
  if (added) {
    ids_.emplace(term, id);
    it->second = MakeBodyTerm(std::move(term));
  }
  return &it->second;
}

void BodyTermCache::SetTableSize(int64_t size) {
  std::unique_lock lock(mutex_);
  table_size_ = size;
}

void BodyTermCache::GrowTableSize(int64_t added) {
  std::unique_lock lock(mutex_);
  table_size_ += added;
}

bool BodyTermCache::TableFull() const {
  std::shared_lock lock(mutex_);
  return table_size_ >= kMaxBodyTerms;
}

absl::StatusOr<int64_t> CommittedTermIds::IdOf(absl::string_view term) {
  if (std::optional<int64_t> id = cache_.Find(term)) return *id;
  return absl::NotFoundError("term not committed yet");
}

absl::StatusOr<int64_t> TransactionTerms::IdOf(absl::string_view term) {
  if (std::optional<int64_t> id = cache_.Find(term)) return *id;
  if (auto it = pending_.find(term); it != pending_.end()) return it->second;
  if (cache_.TableFull()) return 0;
  absl::StatusOr<int64_t> id = insert_(term);
  if (!id.ok()) return id.status();
  pending_.emplace(term, *id);
  return *id;
}

absl::StatusOr<const BodyTerm*> TransactionTerms::TermOf(int64_t id) {
  if (const BodyTerm* term = cache_.Get(id)) return term;
  if (auto it = read_.find(id); it != read_.end()) return &it->second;
  absl::StatusOr<std::string> text = select_(id);
  if (absl::IsNotFound(text.status())) return MissingTerm(id);
  if (!text.ok()) return text.status();
  return &(read_[id] = MakeBodyTerm(std::move(*text)));
}

void TransactionTerms::Commit() {
  cache_.GrowTableSize(static_cast<int64_t>(pending_.size()));
  for (auto& [term, id] : pending_) cache_.Add(id, term);
  pending_.clear();
  read_.clear();
}

absl::StatusOr<const BodyTerm*> CachedTermTexts::TermOf(int64_t id) {
  if (const BodyTerm* term = cache_.Get(id)) return term;
  absl::StatusOr<std::string> text = select_(id);
  if (absl::IsNotFound(text.status())) return MissingTerm(id);
  if (!text.ok()) return text.status();
  return cache_.Add(id, std::move(*text));
}

}  // namespace crosswalk
