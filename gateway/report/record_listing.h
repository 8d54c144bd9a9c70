#ifndef CROSSWALK_GATEWAY_REPORT_RECORD_LISTING_H_
#define CROSSWALK_GATEWAY_REPORT_RECORD_LISTING_H_

// Bounded lists of the records behind report figures. Each listing counts every record offered to
// it and keeps the first `max_listed` of them in key order (KeyLess), whatever order they arrive
// in. A key is held once however many listings keep it and dropped when none does, so memory
// depends on the number of listings and max_listed, never on the number of records read.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "gateway/core/record.h"
#include "gateway/report/record_view.h"
#include "gateway/report/service_figures.h"

namespace crosswalk::report {

// A listing: an index into RecordListings, kNoListing until the first offer creates it.
using ListingId = uint32_t;
inline constexpr ListingId kNoListing = UINT32_MAX;

// One record as offered to listings; its key is built at most once, when a listing first keeps it.
// Must not outlive the record.
class ListingCandidate {
 public:
  explicit ListingCandidate(const Record& record) : record_(record) {}

 private:
  friend class RecordListings;
  const Record& record_;
  std::optional<uint32_t> slot_;  // where its key is held
  absl::InlinedVector<ListingId, 8> offered_;  // the listings it was offered to
};

// Thread-compatible.
class RecordListings {
 public:
  // max_listed 0 keeps counts only.
  explicit RecordListings(size_t max_listed) : max_listed_(max_listed) {}

  // Counts `candidate` in `*listing` (created when kNoListing) and keeps it while it is among the
  // first max_listed keys. Offering the same candidate to a listing again does nothing.
  // REQUIRES: Seal() has not been called.
  void Offer(ListingId* listing, ListingCandidate& candidate);

  // After the last Offer: the keys some listing keeps, in key order; Refs() then gives each
  // listing's count and its records as indices into that table.
  std::vector<RecordKey> Seal();
  RecordRefs Refs(ListingId listing) const;

 private:
  struct Listing {
    size_t count = 0;
    std::vector<uint32_t> kept;  // key slots, a max-heap by key
  };
  // True when `record` comes before the key in `slot`.
  bool Before(const Record& record, uint32_t slot) const;
  uint32_t Hold(ListingCandidate& candidate);
  void Release(uint32_t slot);

  size_t max_listed_;
  std::vector<Listing> listings_;
  std::vector<RecordKey> keys_;      // by slot
  std::vector<uint32_t> holders_;    // by slot: how many listings keep it (0: free)
  std::vector<uint32_t> free_;       // free slots
  std::vector<uint32_t> index_of_;   // by slot, after Seal: the index into the sealed key table
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_RECORD_LISTING_H_
