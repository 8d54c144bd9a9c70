#ifndef CROSSWALK_TESTS_SYNC_FAKE_CONNECTOR_H_
#define CROSSWALK_TESTS_SYNC_FAKE_CONNECTOR_H_

#include <set>
#include <string>

#include "connectors/connector.h"

namespace crosswalk::testing_sync {

// What a fake source holds and how it behaves.
struct FakeSource {
  int records = 0;               // incidents "r0" … "r<records-1>", in that order
  std::string title = "title";   // each record's title is "<title> <i>"
  int bad_record = -1;           // this record's opened date is 2025-02-30 (INVALID_ARGUMENT)
  bool all_bad = false;          // every record's is
  int reported_total = 0;        // the total every page reports (0: none, as a file)
  int ends_at = -1;              // says done after this many records (a short page taken for the
                                 // last), whatever `records` holds
  ManualClock* clock = nullptr;  // when set, each page takes `nanos_per_page` of its time
  int64_t nanos_per_page = 0;

  // Deletes. With `lists_ids` the connector has an IdLister (Connector::ids).
  bool lists_ids = false;
  ReconcilePolicy policy;
  std::set<int> gone;            // records the source no longer holds: not read, listed or present
  std::set<int> reported;        // of those, the ones the page reading their place reports deleted
  std::set<int> unlisted;        // records the listing skips though the source holds them
  bool listing_fails = false;    // ListIds ends with UNAVAILABLE after listing some ids
  mutable int listings = 0;      // ListIds calls so far
};

// A connector type "fake" whose sources read `source` (the test owns it; it must outlive the
// registry). The cursor names the source's content and the records consumed, so a changed source
// is read from its start, as a changed file is.
ConnectorFactory FakeConnectorFactory(const FakeSource* source);

// A clock that says 1700000000 until a test moves it.
using FixedClock = ManualClock;

}  // namespace crosswalk::testing_sync

#endif  // CROSSWALK_TESTS_SYNC_FAKE_CONNECTOR_H_
