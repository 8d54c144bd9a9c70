#ifndef CROSSWALK_TESTS_CONNECTORS_GLPI_FIXTURE_H_
#define CROSSWALK_TESTS_CONNECTORS_GLPI_FIXTURE_H_

// The glpi connector's test fixture: a scratch folder with the credentials, a connector on a
// FakeGlpi, and a reader of whole runs.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "connectors/glpi/glpi_connector.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_glpi.h"

namespace crosswalk::glpi {

using testing_glpi::FakeGlpi;
using testing_glpi::FakeItem;
using testing_glpi::Items;

inline constexpr char kUserToken[] = "q56hqkniwot8wntb3z1qarka5atf365taaa2uyjrn";
inline constexpr char kAppToken[] = "f7g3csp8mgatg5ebc5elnazakw20i9fyev1qopya7";
inline constexpr int64_t kT0 = 1'790'000'000'000;  // 2026-09-21T14:13:20Z, in ms

inline std::string UserToken() { return absl::StrCat("user_token ", kUserToken); }

inline std::string Field(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role) return field.value;
  }
  return "<absent>";
}

inline FakeItem Item(const std::string& itemtype, int64_t id, int64_t date_mod_ms) {
  FakeItem item;
  item.itemtype = itemtype;
  item.id = id;
  item.name = absl::StrCat(itemtype, " ", id);
  item.date_ms = kT0 - 86'400'000;
  item.date_mod_ms = date_mod_ms;
  return item;
}

class GlpiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("glpi_connector_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "user-token") << kUserToken << "\n";
    std::ofstream(dir_ / "app-token") << kAppToken << "\n";
    std::ofstream(dir_ / "password") << "s3cret\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  absl::StatusOr<std::unique_ptr<Connector>> Make(const FakeGlpi& glpi, std::map<std::string, std::string> extra = {}) {
    SourceConfig config{"glpi-desk", "glpi",
                        {{"url", glpi.url()}, {"token_file", (dir_ / "user-token").string()}, {"itemtypes", "Ticket"}}};
    for (auto& [key, value] : extra) config.options[key] = value;
    for (auto it = config.options.begin(); it != config.options.end();) {
      it = it->second.empty() ? config.options.erase(it) : std::next(it);  // "" removes a key
    }
    ConnectorDeps deps{&clock_, NewHttplibClient};
    return GlpiConnectorFactory().create(config, deps);
  }

  // Reads from `cursor` to the end; the last cursor in `cursor`, the last page's total in `total`.
  absl::StatusOr<std::vector<RawRecord>> ReadAll(Connector& connector, std::string* cursor, int max_records = 100,
                                                 int64_t* total = nullptr, int64_t* position = nullptr) {
    if (auto status = connector.Start(*cursor); !status.ok()) return status;
    std::vector<RawRecord> out;
    for (int page = 1; page < 10'000; ++page) {
      auto pulled = connector.Pull(max_records);
      if (!pulled.ok()) return pulled.status();
      for (RawRecord& record : pulled->records) out.push_back(std::move(record));
      if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
      if (pulled->done) {
        if (total != nullptr) *total = pulled->total;
        if (position != nullptr) *position = pulled->position;
        return out;
      }
    }
    return absl::InternalError("no end");
  }

  std::filesystem::path dir_;
  ManualClock clock_;
};

inline std::multiset<std::string> Ids(const std::vector<RawRecord>& records) {
  std::multiset<std::string> ids;
  for (const RawRecord& record : records) ids.insert(record.native_id);
  return ids;
}

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_TESTS_CONNECTORS_GLPI_FIXTURE_H_
