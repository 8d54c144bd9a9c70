// GLPI's installations for SAM against a fake GLPI on loopback: an Item_SoftwareVersion row holds
// only ids; the connector reads SoftwareVersion, Software and Computer first and writes each
// installation with its software's name, manufacturer, version and computer — and again, all of
// them, when a name changed; computers carry what SAM reads of a machine, their processors and
// cores summed from Item_DeviceProcessor — and again, all of them, when a count changed.
#include <algorithm>

#include "connectors/glpi/glpi_processors.h"
#include "connectors/glpi/glpi_software.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/glpi_fixture.h"

namespace crosswalk::glpi {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

FakeItem With(FakeItem item, std::map<std::string, std::string> fields,
              std::map<std::string, std::pair<int64_t, std::string>> dropdowns = {}) {
  item.fields = std::move(fields);
  item.dropdowns = std::move(dropdowns);
  return item;
}

const RawRecord* Find(const std::vector<RawRecord>& records, const std::string& native_id) {
  for (const RawRecord& record : records) {
    if (record.native_id == native_id) return &record;
  }
  return nullptr;
}

std::vector<std::string> Extras(const RawRecord& record) {
  std::vector<std::string> extras;
  for (const RawField& field : record.fields) {
    if (field.extra) extras.push_back(field.role);
  }
  std::sort(extras.begin(), extras.end());
  return extras;
}

class GlpiSoftwareTest : public GlpiTest {
 protected:
  void SetUp() override {
    GlpiTest::SetUp();
    glpi_.Put(With(Item("Computer", 71, kT0), {{"uuid", "4C4C4544-0042-3510-8052-B4C04F565432"},
                                               {"last_inventory_update", "2026-09-20 09:30:00"}},
                   {{"users_id", {5, "tanaka"}}}));
    FakeItem ws71 = glpi_.Snapshot().at({"Computer", 71});
    ws71.name = "WS-071";
    glpi_.Put(ws71);
    glpi_.Put(With(Item("Software", 12, kT0), {}, {{"manufacturers_id", {3, "Microsoft Corporation"}}}));
    glpi_.Put(With(Item("SoftwareVersion", 40, kT0), {{"softwares_id", "12"}}));
    FakeItem v40 = glpi_.Snapshot().at({"SoftwareVersion", 40});
    v40.name = "16.0.10827.20181";
    glpi_.Put(v40);
    glpi_.Put(With(Item("SoftwareVersion", 41, kT0), {{"softwares_id", "99"}}));  // software 99: not listed
    FakeItem v41 = glpi_.Snapshot().at({"SoftwareVersion", 41});
    v41.name = "2.0";
    glpi_.Put(v41);
    auto install = [](int64_t id, const std::string& computer, const std::string& version, const std::string& trashed) {
      return With(Item("Item_SoftwareVersion", id, kT0),
                  {{"items_id", computer}, {"itemtype", "Computer"}, {"softwareversions_id", version}, {"is_deleted_item", trashed},
                   {"date_install", "2026-04-01"}, {"is_dynamic", "1"}});
    };
    glpi_.Put(install(500, "71", "40", "0"));
    glpi_.Put(install(501, "72", "41", "0"));  // computer 72 is not listed either
    glpi_.Put(install(502, "71", "40", "1"));  // the asset in GLPI's trash
    glpi_.Put(install(503, "71", "77", "0"));  // version 77: not listed
  }

  absl::StatusOr<std::vector<RawRecord>> Run(std::string* cursor) {
    auto connector = Make(glpi_, {{"itemtypes", "Computer,Item_SoftwareVersion"}});
    if (!connector.ok()) return connector.status();
    return ReadAll(**connector, cursor);
  }

  FakeGlpi glpi_{UserToken()};
};

TEST_F(GlpiSoftwareTest, AnInstallationCarriesItsSoftwarePublisherVersionAndComputer) {
  std::string cursor;
  auto records = Run(&cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  const RawRecord* visio = Find(*records, "Item_SoftwareVersion/500");
  ASSERT_NE(visio, nullptr);
  EXPECT_EQ(Field(*visio, "kind"), "item_softwareversion");
  EXPECT_EQ(Field(*visio, "title"), "Software 12");  // the fake names items "{itemtype} {id}"
  EXPECT_EQ(Field(*visio, "raw_name"), "Software 12");
  EXPECT_EQ(Field(*visio, "publisher"), "Microsoft Corporation");
  EXPECT_EQ(Field(*visio, "version"), "16.0.10827.20181");
  EXPECT_EQ(Field(*visio, "device_id"), "Computer/71");
  EXPECT_EQ(Field(*visio, "ci"), "WS-071");
  EXPECT_EQ(Field(*visio, "excluded"), "<absent>");
  // The ids it read are its own attributes; what it does not read stays an unknown column.
  EXPECT_EQ(Field(*visio, "softwareversions_id"), "40");
  // (GLPI's `name` — the fake sends one — is not the software's: kept, unknown.)
  EXPECT_THAT(Extras(*visio), ElementsAre("date_creation", "entities_id", "id", "is_deleted", "is_dynamic", "name"));

  // Names GLPI did not list are said, with the ids; the computer falls back to its id.
  const RawRecord* orphan = Find(*records, "Item_SoftwareVersion/501");
  ASSERT_NE(orphan, nullptr);
  EXPECT_THAT(Field(*orphan, "title"), HasSubstr("GLPI software 99 (version 2.0): not listed by GLPI"));
  EXPECT_EQ(Field(*orphan, "publisher"), "<absent>");
  EXPECT_EQ(Field(*orphan, "device_id"), "Computer/72");
  EXPECT_EQ(Field(*orphan, "ci"), "Computer/72");
  EXPECT_THAT(Field(*Find(*records, "Item_SoftwareVersion/503"), "title"), HasSubstr("GLPI software version 77: not listed"));
  EXPECT_EQ(Field(*Find(*records, "Item_SoftwareVersion/502"), "excluded"), "the asset is in GLPI's trash");

  // The computer: what SAM reads of a machine. last_inventory_update is read in the server's
  // zone (UTC here) and handed over as UTC.
  const RawRecord* computer = Find(*records, "Computer/71");
  ASSERT_NE(computer, nullptr);
  EXPECT_EQ(Field(*computer, "title"), "WS-071");
  EXPECT_EQ(Field(*computer, "serial"), "SN-71");
  EXPECT_EQ(Field(*computer, "uuid"), "4C4C4544-0042-3510-8052-B4C04F565432");
  EXPECT_EQ(Field(*computer, "last_seen"), "2026-09-20T09:30:00Z");
  EXPECT_EQ(Field(*computer, "status"), "In use");
  EXPECT_EQ(Field(*computer, "user"), "tanaka");

  // Installations are read with ids, their names' collections by id, Software with names; the
  // processors (none here: an empty collection, one request) by id before the computers.
  EXPECT_THAT(glpi_.expands, ElementsAre("Item_DeviceProcessor false", "Computer true", "SoftwareVersion false", "Software true", "Computer false",
                                         "Item_SoftwareVersion false"));
}

TEST_F(GlpiSoftwareTest, ARenamedSoftwareWritesEveryInstallationAgainAndNothingElseDoes) {
  std::string cursor;
  ASSERT_TRUE(Run(&cursor).ok());
  auto again = Run(&cursor);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_THAT(*again, IsEmpty());  // nothing changed: nothing returned

  // The software is renamed (GLPI moves its date_mod): installations not modified are returned
  // again with the new name.
  FakeItem software = glpi_.Snapshot().at({"Software", 12});
  software.name = "Microsoft Visio Professional 2019";
  software.date_mod_ms = kT0 + 60'000;
  glpi_.Put(software);
  auto renamed = Run(&cursor);
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_THAT(Ids(*renamed), ElementsAre("Item_SoftwareVersion/500", "Item_SoftwareVersion/501", "Item_SoftwareVersion/502",
                                         "Item_SoftwareVersion/503"));
  EXPECT_EQ(Field(*Find(*renamed, "Item_SoftwareVersion/500"), "title"), "Microsoft Visio Professional 2019");
  auto after = Run(&cursor);
  ASSERT_TRUE(after.ok());
  EXPECT_THAT(*after, IsEmpty());
}

// A run cut short after a rename (here: the page budget) leaves the cursor with the old names, so
// the next run still writes every installation again.
TEST_F(GlpiSoftwareTest, ARunCutShortAfterARenameStillRenamesEveryInstallationNextRun) {
  std::string cursor;
  ASSERT_TRUE(Run(&cursor).ok());
  FakeItem software = glpi_.Snapshot().at({"Software", 12});
  software.name = "Microsoft Visio Professional 2019";
  software.date_mod_ms = kT0 + 60'000;
  glpi_.Put(software);
  {
    // The processors (1 request), Computer (1), the names (3), one page of 2 installations: the
    // budget ends there.
    auto connector = Make(glpi_, {{"itemtypes", "Computer,Item_SoftwareVersion"}, {"page_size", "2"}, {"max_pages", "6"}});
    ASSERT_TRUE(connector.ok());
    ASSERT_TRUE((*connector)->Start(cursor).ok());
    int64_t returned = 0;
    for (;;) {
      auto page = (*connector)->Pull(2);
      if (!page.ok()) {
        EXPECT_EQ(page.status().code(), absl::StatusCode::kResourceExhausted) << page.status();
        break;
      }
      returned += static_cast<int64_t>(page->records.size());
      cursor = page->next_cursor;
      ASSERT_FALSE(page->done);
    }
    EXPECT_EQ(returned, 2);
  }
  auto next = Run(&cursor);
  ASSERT_TRUE(next.ok()) << next.status();
  // All four again: the cursor did not claim the new names were written.
  EXPECT_EQ(next->size(), 4u);
  for (const RawRecord& record : *next) {
    if (record.native_id != "Item_SoftwareVersion/501" && record.native_id != "Item_SoftwareVersion/503") {
      EXPECT_EQ(Field(record, "title"), "Microsoft Visio Professional 2019") << record.native_id;
    }
  }
}

TEST_F(GlpiSoftwareTest, WithoutTheRightToReadSoftwareTheRunSaysWhich) {
  glpi_.right_missing.insert("Software");
  std::string cursor;
  auto records = Run(&cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(std::string(records.status().message()), HasSubstr("/Software (names of installations)"));
  EXPECT_THAT(std::string(records.status().message()), HasSubstr("needs Read on this itemtype"));
}

// The names of installations are read into memory: a GLPI past the bound is refused, saying so.
TEST(SoftwareNamesTest, PastTheBoundIsRefused) {
  SoftwareNames names(3);
  std::vector<GlpiItem> items(2);
  items[0].id = 1;
  items[1].id = 2;
  ASSERT_TRUE(names.Add("SoftwareVersion", items).ok());
  const absl::Status status = names.Add("Software", items);  // 4 > 3
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(status.message()), HasSubstr("more than 3"));
  EXPECT_EQ(names.size(), 2u);
}

// One Item_DeviceProcessor row (a physical processor) of `computer`, as GLPI keeps it.
FakeItem Processor(int64_t id, int64_t computer, const std::string& nbcores, const std::string& itemtype = "Computer") {
  return With(Item("Item_DeviceProcessor", id, kT0), {{"items_id", absl::StrCat(computer)}, {"itemtype", itemtype},
                                                      {"deviceprocessors_id", "4"}, {"nbcores", nbcores},
                                                      {"nbthreads", "24"}, {"frequency", "2100"}});
}

class GlpiProcessorsTest : public GlpiSoftwareTest {
 protected:
  void SetUp() override {
    GlpiSoftwareTest::SetUp();
    glpi_.Put(Item("Computer", 72, kT0));
    glpi_.Put(Item("Computer", 73, kT0));
    glpi_.Put(Processor(1, 71, "12"));
    glpi_.Put(Processor(2, 71, "12"));
    glpi_.Put(Processor(3, 72, "0"));                       // GLPI does not know its cores
    glpi_.Put(Processor(4, 71, "8", "NetworkEquipment"));  // another item's, with the same items_id
    glpi_.Put(Processor(5, 71, "12"));
    glpi_.Trash("Item_DeviceProcessor", 5);                // a removed processor: not counted
  }

  static std::vector<const RawRecord*> Computers(const std::vector<RawRecord>& records) {
    std::vector<const RawRecord*> computers;
    for (const RawRecord& record : records) {
      if (record.native_kind == "Computer") computers.push_back(&record);
    }
    return computers;
  }
};

TEST_F(GlpiProcessorsTest, AComputerCarriesItsProcessorsAndTheirCores) {
  std::string cursor;
  auto records = Run(&cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  // WS-071: rows 1 and 2 (row 4 is a NetworkEquipment's, row 5 in the trash): 2 processors,
  // 12 + 12 = 24 cores, as numbers, and not unknown columns.
  const RawRecord* ws71 = Find(*records, "Computer/71");
  ASSERT_NE(ws71, nullptr);
  EXPECT_EQ(Field(*ws71, "processors"), "2");
  EXPECT_EQ(Field(*ws71, "cores"), "24");
  for (const RawField& field : ws71->fields) {
    if (field.role == "processors" || field.role == "cores") {
      EXPECT_EQ(field.type, "number");
      EXPECT_FALSE(field.extra);
    }
  }
  // 72: one processor whose nbcores is 0 — counted, its cores unknown, so none said.
  const RawRecord* c72 = Find(*records, "Computer/72");
  ASSERT_NE(c72, nullptr);
  EXPECT_EQ(Field(*c72, "processors"), "1");
  EXPECT_EQ(Field(*c72, "cores"), "<absent>");
  // 73: no processor row — neither.
  const RawRecord* c73 = Find(*records, "Computer/73");
  ASSERT_NE(c73, nullptr);
  EXPECT_EQ(Field(*c73, "processors"), "<absent>");
  EXPECT_EQ(Field(*c73, "cores"), "<absent>");
  // Read by id, without names, before the computers: 5 rows but the trashed one, one request.
  EXPECT_EQ(glpi_.ranges.front(), "Item_DeviceProcessor 0-99");
  EXPECT_EQ(glpi_.expands.front(), "Item_DeviceProcessor false");
  EXPECT_EQ(glpi_.expands[1], "Computer true");
}

TEST_F(GlpiProcessorsTest, AChangedProcessorReturnsEveryComputerAgain) {
  std::string cursor;
  ASSERT_TRUE(Run(&cursor).ok());
  auto again = Run(&cursor);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_THAT(*again, IsEmpty());  // nothing changed: no computer, no installation

  // A processor of WS-071 gets 16 cores; GLPI moves no computer's date_mod.
  glpi_.Put(Processor(2, 71, "16"));
  auto changed = Run(&cursor);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_THAT(Ids(*changed), UnorderedElementsAre("Computer/71", "Computer/72", "Computer/73"));
  EXPECT_EQ(Field(*Find(*changed, "Computer/71"), "cores"), "28");  // 12 + 16
  EXPECT_EQ(Field(*Find(*changed, "Computer/72"), "processors"), "1");
  auto after = Run(&cursor);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_THAT(*after, IsEmpty());
}

// A run cut short in the computers' walk after a change keeps the old fingerprint in the cursor,
// so the next run still returns every computer with the new counts.
TEST_F(GlpiProcessorsTest, ARunCutShortAfterAChangeStillReturnsEveryComputerNextRun) {
  std::string cursor;
  ASSERT_TRUE(Run(&cursor).ok());
  glpi_.Put(Processor(2, 71, "16"));
  {
    // The processors: 4 rows served (row 5 is trashed), 2 a page: 2 requests; then one page of
    // 2 of the 3 computers: the budget of 3 ends there.
    auto connector = Make(glpi_, {{"itemtypes", "Computer,Item_SoftwareVersion"}, {"page_size", "2"}, {"max_pages", "3"}});
    ASSERT_TRUE(connector.ok());
    ASSERT_TRUE((*connector)->Start(cursor).ok());
    auto page = (*connector)->Pull(2);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->records.size(), 2u);
    EXPECT_EQ(Field(page->records[0], "cores"), "28");
    cursor = page->next_cursor;
    EXPECT_EQ((*connector)->Pull(2).status().code(), absl::StatusCode::kResourceExhausted);
  }
  auto next = Run(&cursor);
  ASSERT_TRUE(next.ok()) << next.status();
  const auto computers = Computers(*next);
  ASSERT_EQ(computers.size(), 3u);  // all three again, the two already returned included
  EXPECT_EQ(Field(*Find(*next, "Computer/71"), "cores"), "28");
  auto after = Run(&cursor);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_THAT(Computers(*after), IsEmpty());
}

// Without installations (no SAM), computers are read as before: no processor walk.
TEST_F(GlpiProcessorsTest, ComputersAloneAreReadWithoutProcessors) {
  auto connector = Make(glpi_, {{"itemtypes", "Computer"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(Field(*Find(*records, "Computer/71"), "processors"), "<absent>");
  EXPECT_THAT(glpi_.expands, ElementsAre("Computer true"));
}

TEST(GlpiProcessorPageTest, ReadsRowsWithoutDateModAndRefusesWhatIsNotOne) {
  auto rows = ParseGlpiProcessorPage(
      R"([{"id":7,"items_id":"71","itemtype":"Computer","nbcores":"6"},{"id":"8","items_id":72,"itemtype":"Computer","nbcores":null}])");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].items_id, 71);
  EXPECT_EQ((*rows)[0].nbcores, 6);
  EXPECT_EQ((*rows)[1].id, 8);
  EXPECT_EQ((*rows)[1].nbcores, 0);  // null: unknown
  EXPECT_EQ(ParseGlpiProcessorPage(R"([{"items_id":71}])").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseGlpiProcessorPage(R"({"id":1})").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ParseGlpiProcessorPage(R"(["ERROR_RIGHT_MISSING","no"])").status().message()),
              HasSubstr("ERROR_RIGHT_MISSING"));
}

// The counts are held per computer in memory: a GLPI past the bound is refused, saying so.
TEST(ComputerProcessorsTest, PastTheBoundIsRefused) {
  ComputerProcessors processors(2);
  ASSERT_TRUE(processors.Add({{1, "Computer", 71, 4}, {2, "Computer", 71, 4}, {3, "Computer", 72, 4}}).ok());
  const std::string before = processors.Fingerprint();
  const absl::Status status = processors.Add({{4, "Computer", 73, 4}});  // a third computer > 2
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(status.message()), HasSubstr("more than 2 computers"));
  ASSERT_TRUE(processors.Add({{5, "Computer", 72, 4}}).ok());  // a known computer still counts
  EXPECT_NE(processors.Fingerprint(), before);
}

}  // namespace
}  // namespace crosswalk::glpi
