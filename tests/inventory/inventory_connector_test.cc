// The inventory connector over a folder of agent inventories: records per device and per software
// entry, paging and cursors, an unchanged folder read as nothing, id listings where a partial
// inventory keeps what it omits, an unreadable file as one bad record, notes once per run.
#include "connectors/inventory/inventory_connector.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::inventory {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Inventory(const std::string& device, const std::vector<std::string>& software, bool fusion = false) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<REQUEST><CONTENT>\n<HARDWARE><NAME>" + device + "</NAME></HARDWARE>\n";
  for (const std::string& name : software) {
    absl::StrAppend(&xml, "<SOFTWARES><NAME>", name, "</NAME><VERSION>1.0</VERSION><ARCHITECTURE>amd64</ARCHITECTURE></SOFTWARES>\n");
  }
  absl::StrAppend(&xml, fusion ? "<VERSIONCLIENT>FusionInventory-Agent_v2.6</VERSIONCLIENT>" : "", "<NETWORKS><MTU>1500</MTU></NETWORKS>",
                  "</CONTENT><DEVICEID>", device, "-id</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>\n");
  return xml;
}

class CollectingReporter : public BadRecordReporter {
 public:
  absl::Status Report(const absl::Status& error) override {
    errors.push_back(std::string(error.message()));
    return absl::OkStatus();
  }
  std::vector<std::string> errors;
};

class InventoryConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("inventory-", getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "inv");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / "inv" / name) << text; }

  std::unique_ptr<Connector> Make(std::map<std::string, std::string> options = {}) {
    options["location"] = (dir_ / "inv").string();
    ConnectorDeps deps;
    deps.bad_records = reporter_.get();
    auto connector = InventoryConnectorFactory().create({"inv", "inventory", options}, deps);
    EXPECT_THAT(connector, IsOk());
    return connector.ok() ? std::move(*connector) : nullptr;
  }
  // Every record of a run from `cursor`, in pages of `page`; the last cursor in `*end`.
  std::vector<RawRecord> ReadAll(Connector& connector, const std::string& cursor, int page, std::string* end,
                                 std::vector<std::string>* notes = nullptr) {
    EXPECT_THAT(connector.Start(cursor), IsOk());
    std::vector<RawRecord> records;
    while (true) {
      auto pulled = connector.Pull(page);
      EXPECT_THAT(pulled, IsOk());
      if (!pulled.ok()) break;
      for (RawRecord& r : pulled->records) records.push_back(std::move(r));
      if (notes) notes->insert(notes->end(), pulled->notes.begin(), pulled->notes.end());
      *end = pulled->next_cursor;
      if (pulled->done) break;
    }
    return records;
  }
  static std::vector<std::string> Ids(const std::vector<RawRecord>& records) {
    std::vector<std::string> ids;
    for (const RawRecord& r : records) ids.push_back(r.native_id);
    return ids;
  }

  std::filesystem::path dir_;
  std::unique_ptr<CollectingReporter> reporter_ = std::make_unique<CollectingReporter>();
};

TEST_F(InventoryConnectorTest, ADeviceThenItsSoftwareFilePerFileInNameOrder) {
  Write("b.ocs", Inventory("pc-b", {"zsh"}));
  Write("a.ocs", Inventory("pc-a", {"vim", "vim"}, /*fusion=*/true));
  Write(".hidden", "not read");
  auto connector = Make();
  std::string cursor;
  std::vector<std::string> notes;
  const std::vector<RawRecord> records = ReadAll(*connector, "", 2, &cursor, &notes);
  EXPECT_THAT(Ids(records), ElementsAre("device/pc-a-id", "install/pc-a-id/vim/1.0/amd64", "install/pc-a-id/vim/1.0/amd64#2",
                                        "device/pc-b-id", "install/pc-b-id/zsh/1.0/amd64"));
  EXPECT_EQ(records[0].native_kind, "device");
  EXPECT_EQ(records[1].native_kind, "software-installation");
  EXPECT_EQ(records[1].location, "a.ocs line 4");
  ASSERT_NE(records[1].Field("ci"), nullptr);
  EXPECT_EQ(records[1].Field("ci")->value, "pc-a");
  // The connector's own attributes are roles the SAM views read, not unknown columns.
  std::set<std::string> attributes;
  for (const RawField& f : records[1].fields) {
    if (!f.extra) attributes.insert(f.role + "=" + f.value);
  }
  EXPECT_THAT(attributes, Contains("format=fusioninventory-xml"));
  EXPECT_THAT(attributes, Contains("evidence=installed"));
  EXPECT_THAT(attributes, Contains("raw_name=vim"));
  EXPECT_THAT(notes, ElementsAre("sections not read: NETWORKS (2 files, first a.ocs)"));
  // Unchanged files: nothing. A file changed: the whole folder again (the store keeps unchanged records as they are).
  EXPECT_TRUE(ReadAll(*connector, cursor, 10, &cursor).empty());
  Write("b.ocs", Inventory("pc-b", {"zsh", "tmux"}));
  EXPECT_EQ(ReadAll(*connector, cursor, 10, &cursor).size(), 6u);
}

TEST_F(InventoryConnectorTest, ACursorInsideARunResumesAfterTheRecordsItCovers) {
  Write("a.ocs", Inventory("pc-a", {"a1", "a2", "a3"}));
  Write("b.ocs", Inventory("pc-b", {"b1"}));
  auto connector = Make();
  ASSERT_THAT(connector->Start(""), IsOk());
  auto first = connector->Pull(3);
  ASSERT_THAT(first, IsOk());
  EXPECT_FALSE(first->done);
  std::string end;
  const std::vector<RawRecord> rest = ReadAll(*Make(), first->next_cursor, 10, &end);
  EXPECT_THAT(Ids(rest), ElementsAre("install/pc-a-id/a3/1.0/amd64", "device/pc-b-id", "install/pc-b-id/b1/1.0/amd64"));
}

TEST_F(InventoryConnectorTest, AnUnreadableFileIsOneBadRecordAndTheOthersAreRead) {
  Write("a.ocs", Inventory("pc-a", {"vim"}));
  Write("broken.ocs", "<REQUEST><CONTENT><SOFTWARES><NAME>x</NAME>");
  Write("notes.txt", "hello");
  auto connector = Make();
  std::string cursor;
  EXPECT_EQ(ReadAll(*connector, "", 10, &cursor).size(), 2u);
  EXPECT_THAT(reporter_->errors, ElementsAre(HasSubstr("broken.ocs:1:"), HasSubstr("notes.txt: not an inventory format")));
}

TEST_F(InventoryConnectorTest, TheIdListingHoldsWhatTheFilesHold) {
  Write("a.ocs", Inventory("pc-a", {"vim"}));
  auto connector = Make();
  IdLister* lister = connector->ids();
  ASSERT_NE(lister, nullptr);
  std::vector<std::string> listed;
  ASSERT_THAT(lister->ListIds([&](const std::string& id) { listed.push_back(id); return absl::OkStatus(); }), IsOk());
  EXPECT_THAT(listed, ElementsAre("device/pc-a-id", "install/pc-a-id/vim/1.0/amd64"));
  // A full inventory: software not listed is gone (nothing "still present").
  auto present = lister->StillPresent({"install/pc-a-id/emacs/1.0/amd64", "device/pc-z-id"});
  ASSERT_THAT(present, IsOk());
  EXPECT_TRUE(present->empty());
  EXPECT_EQ(lister->policy().every_runs, 1);
  EXPECT_EQ(lister->policy().max_delete_percent, 10);
}

std::string FixtureText(const std::string& name) {
  std::ifstream in(std::string(CROSSWALK_TEST_FIXTURES) + "/inventory/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A partial GLPI inventory lists some software only: what it omits is still there, so the
// reconciliation must not delete it — StillPresent says so for its device's installs.
TEST_F(InventoryConnectorTest, APartialInventoryKeepsWhatItOmits) {
  Write("kyoto.json", FixtureText("glpi/partial_softwares.json"));
  Write("a.ocs", Inventory("pc-a", {"vim"}));
  auto connector = Make();
  IdLister* lister = connector->ids();
  std::vector<std::string> listed;
  ASSERT_THAT(lister->ListIds([&](const std::string& id) { listed.push_back(id); return absl::OkStatus(); }), IsOk());
  EXPECT_THAT(listed, Contains("install/desk-kyoto-07-2024-05-02-08-15-33/fonts-noto-cjk/1:20220127+repack1-1/"));
  auto present = lister->StillPresent({"install/desk-kyoto-07-2024-05-02-08-15-33/firefox-esr/115.9.0esr-1/amd64",
                                       "install/pc-a-id/emacs/1.0/amd64"});
  ASSERT_THAT(present, IsOk());
  EXPECT_THAT(*present, ElementsAre("install/desk-kyoto-07-2024-05-02-08-15-33/firefox-esr/115.9.0esr-1/amd64"));
  std::string cursor;
  const std::vector<RawRecord> records = ReadAll(*connector, "", 100, &cursor);
  std::set<std::string> device_fields;
  for (const RawRecord& r : records) {
    if (r.native_id != "device/desk-kyoto-07-2024-05-02-08-15-33") continue;
    for (const RawField& f : r.fields) device_fields.insert(f.role + "=" + f.value);
  }
  EXPECT_THAT(device_fields, Contains("partial=yes"));
  EXPECT_THAT(device_fields, Contains("format=glpi-inventory"));
}

// SWID tags name no device unless they carry Evidence: the source's `device` option names it; a
// corpus tag (installation media) is no installation.
TEST_F(InventoryConnectorTest, SwidTagsTakeTheDeviceOptionAndACorpusTagIsNoInstall) {
  Write("gridgain.swidtag", FixtureText("swid/gridgain-2014-dis.swidtag"));
  Write("corpus.swidtag", FixtureText("swid/corpus-pkg1.swidtag"));
  auto connector = Make({{"device", "SRV-DB01"}});
  std::string cursor;
  std::vector<std::string> notes;
  const std::vector<RawRecord> records = ReadAll(*connector, "", 100, &cursor, &notes);
  std::vector<std::string> kinds;
  for (const RawRecord& r : records) kinds.push_back(r.native_kind + " " + r.native_id.substr(0, r.native_id.find('/', 8)));
  EXPECT_THAT(kinds, ElementsAre("device device/SRV-DB01", "device device/SRV-DB01", "software-installation install/SRV-DB01"));
  EXPECT_THAT(notes, Contains(HasSubstr("corpus tag describes installation media")));
}

TEST_F(InventoryConnectorTest, AFolderWithoutFilesOrAMissingLocationIsAnError) {
  auto connector = Make();
  EXPECT_THAT(connector->Start(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holds no inventory file")));
  std::filesystem::remove_all(dir_ / "inv");
  EXPECT_THAT(connector->Start(""), StatusIs(absl::StatusCode::kNotFound, HasSubstr("no such file or folder")));
}

TEST_F(InventoryConnectorTest, AFileLargerThanMaxFileBytesIsRefusedNamingTheKey) {
  Write("a.ocs", Inventory("pc-a", {"vim"}));
  auto connector = Make({{"max_file_bytes", "100"}});
  EXPECT_THAT(connector->Start(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("more than max_file_bytes (100)")));
}

}  // namespace
}  // namespace crosswalk::inventory
