#ifndef CROSSWALK_GATEWAY_STORE_STORE_PAGING_H_
#define CROSSWALK_GATEWAY_STORE_STORE_PAGING_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk {

// How every store pages ListRecords and ListUnmapped (store.h), so that both backends cut pages
// alike.

// A page token a store issued: a decimal number ≥ 0 (a key or an offset); 0 when empty.
// INVALID_ARGUMENT for anything else.
inline absl::StatusOr<int64_t> ParsePageToken(const std::string& token) {
  int64_t value = 0;
  if (!token.empty() && (!absl::SimpleAtoi(token, &value) || value < 0)) {
    return absl::InvalidArgumentError(absl::StrCat("page_token '", token, "' was not issued by this server"));
  }
  return value;
}

// The page size asked for, or 100 when none; at most 1000.
inline int PageSize(int requested) { return requested <= 0 ? 100 : std::min(requested, 1000); }

// Decides where a page ends: after page_size items, or before the item whose size would take the
// page past max_bytes (never before its first item).
template <typename T>
class PageCut {
 public:
  PageCut(int page_size, const std::function<size_t(const T&)>& size_of, size_t max_bytes)
      : page_size_(page_size), size_of_(size_of), max_bytes_(max_bytes) {}

  // True when a page of `taken` items is full by count (ask before making the next item).
  bool Full(size_t taken) const { return static_cast<int>(taken) >= page_size_; }
  // True when `item` still fits on a page of `taken` items; counts its bytes when it does.
  bool Fits(const T& item, size_t taken) {
    if (!size_of_) return true;
    const size_t size = size_of_(item);
    if (taken > 0 && bytes_ + size > max_bytes_) return false;
    bytes_ += size;
    return true;
  }

 private:
  const int page_size_;
  const std::function<size_t(const T&)>& size_of_;
  const size_t max_bytes_;
  size_t bytes_ = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_STORE_PAGING_H_
