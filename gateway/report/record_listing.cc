#include "gateway/report/record_listing.h"

#include <algorithm>
#include <tuple>

namespace crosswalk::report {

bool RecordListings::Before(const Record& record, uint32_t slot) const {
  const RecordKey& key = keys_[slot];
  const Provenance& p = record.provenance;
  return std::tie(p.source, p.native_id, p.location) < std::tie(key.source, key.native_id, key.location);
}

uint32_t RecordListings::Hold(ListingCandidate& candidate) {
  if (candidate.slot_) {
    ++holders_[*candidate.slot_];
    return *candidate.slot_;
  }
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    keys_[slot] = KeyOf(candidate.record_);
    holders_[slot] = 1;
  } else {
    slot = static_cast<uint32_t>(keys_.size());
    keys_.push_back(KeyOf(candidate.record_));
    holders_.push_back(1);
  }
  candidate.slot_ = slot;
  return slot;
}

void RecordListings::Release(uint32_t slot) {
  if (--holders_[slot] > 0) return;
  keys_[slot] = RecordKey();
  free_.push_back(slot);
}

void RecordListings::Offer(ListingId* id, ListingCandidate& candidate) {
  if (*id == kNoListing) {
    *id = static_cast<ListingId>(listings_.size());
    listings_.emplace_back();
  }
  if (std::find(candidate.offered_.begin(), candidate.offered_.end(), *id) != candidate.offered_.end()) return;
  candidate.offered_.push_back(*id);
  Listing& listing = listings_[*id];
  ++listing.count;
  if (max_listed_ == 0) return;
  auto by_key = [this](uint32_t a, uint32_t b) { return KeyLess(keys_[a], keys_[b]); };
  if (listing.kept.size() < max_listed_) {
    listing.kept.push_back(Hold(candidate));
    std::push_heap(listing.kept.begin(), listing.kept.end(), by_key);
    return;
  }
  if (!Before(candidate.record_, listing.kept.front())) return;
  std::pop_heap(listing.kept.begin(), listing.kept.end(), by_key);
  Release(listing.kept.back());
  listing.kept.back() = Hold(candidate);
  std::push_heap(listing.kept.begin(), listing.kept.end(), by_key);
}

std::vector<RecordKey> RecordListings::Seal() {
  std::vector<uint32_t> live;
  for (uint32_t slot = 0; slot < holders_.size(); ++slot) {
    if (holders_[slot] > 0) live.push_back(slot);
  }
  std::sort(live.begin(), live.end(), [this](uint32_t a, uint32_t b) { return KeyLess(keys_[a], keys_[b]); });
  index_of_.assign(keys_.size(), 0);
  std::vector<RecordKey> table;
  table.reserve(live.size());
  for (uint32_t i = 0; i < live.size(); ++i) {
    index_of_[live[i]] = i;
    table.push_back(std::move(keys_[live[i]]));
  }
  keys_.clear();
  return table;
}

RecordRefs RecordListings::Refs(ListingId id) const {
  if (id == kNoListing) return RecordRefs();
  const Listing& listing = listings_[id];
  std::vector<uint32_t> listed;
  listed.reserve(listing.kept.size());
  for (uint32_t slot : listing.kept) listed.push_back(index_of_[slot]);
  std::sort(listed.begin(), listed.end());
  return RecordRefs(listing.count, std::move(listed));
}

}  // namespace crosswalk::report
