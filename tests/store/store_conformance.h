#ifndef CROSSWALK_TESTS_STORE_STORE_CONFORMANCE_H_
#define CROSSWALK_TESTS_STORE_STORE_CONFORMANCE_H_

// The Store contract (gateway/store/store.h) as one set of tests, instantiated once per backend
// (issue 14 Deliver 1): a backend's test file adds
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(SqliteBackend()));
//
// and compiles store_conformance.cc into its test binary. Every test runs against a real store
// the backend opens; atomicity is checked by failing each write statement of an operation in
// turn (the backend's statement hook), never by timing.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/clock.h"
#include "gateway/store/store.h"
#include "gtest/gtest.h"

namespace crosswalk::testing_store {

// Asked with each write statement (BEGIN, INSERT/UPDATE/DELETE, COMMIT …) before it runs; a
// non-OK status makes that statement fail with it, as an I/O error would.
using WriteHook = std::function<absl::Status(absl::string_view statement)>;

struct StoreBackend {
  std::string name;
  // Opens the store kept at `place` (unique to the test), creating it when new; opening the same
  // place again finds what was committed (a restart after a crash). `hook` may be empty.
  std::function<absl::StatusOr<std::unique_ptr<Store>>(const std::string& place, WriteHook hook, Clock* clock)> open;
  // Removes everything kept at `place`.
  std::function<void(const std::string& place)> remove;

  friend void PrintTo(const StoreBackend& backend, std::ostream* out) { *out << backend.name; }
};

class StoreConformanceTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the store and opens it again from what was committed, with `hook`.
  void Reopen(WriteHook hook = nullptr);

  // A record of source "s" (provenance too), content hash `hash`, kind `kind`.
  static RecordToStore Item(const std::string& id, const std::string& hash, const std::string& kind = "incident");
  // Item(id, …) as a connector leaves it: attributes, a location with a line number and origins
  // translated by `status_rule` and others, the text a store keeps once as body terms.
  static RecordToStore WithProvenance(const std::string& id, const std::string& status_rule);

  // Everything a reader can see of `source`: live records with their versions, bodies and earlier
  // versions, deleted records, unmapped values, counts and the cursor.
  std::string Snapshot(const std::string& source = "s");

  // Runs `operation` with its n-th write statement failing, for n = 1, 2, … until it succeeds;
  // each failed attempt must leave Snapshot() of `sources` as it was. Returns the attempts made.
  int ExpectAllOrNothing(const std::function<absl::Status(Store&)>& operation,
                         const std::vector<std::string>& sources = {"s"});

  std::string place_;
  ManualClock clock_{1'750'000'000};
  std::unique_ptr<Store> store_;
};

}  // namespace crosswalk::testing_store

#endif  // CROSSWALK_TESTS_STORE_STORE_CONFORMANCE_H_
