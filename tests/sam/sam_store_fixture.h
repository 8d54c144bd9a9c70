#ifndef CROSSWALK_TESTS_SAM_SAM_STORE_FIXTURE_H_
#define CROSSWALK_TESTS_SAM_SAM_STORE_FIXTURE_H_

// A test with the repository's software rules and a real SQLite store in a scratch folder of its
// own (removed afterwards).

#include <unistd.h>

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/store/sqlite_store.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {

class SamStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (catalogue_ != nullptr) return;
    auto loaded = SoftwareCatalogue::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_THAT(loaded, IsOk());
    catalogue_ = loaded->release();
  }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sam-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name(), "-",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = OpenSqliteStore((dir_ / "store.db").string());
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static inline const SoftwareCatalogue* catalogue_ = nullptr;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_TESTS_SAM_SAM_STORE_FIXTURE_H_
