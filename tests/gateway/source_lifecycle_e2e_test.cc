// A source's lifecycle end to end (issue 11, Deliver 1, 7, 8): `sources remove` of an import and
// of a configured source (admin only, one transaction, other sources untouched, kept removed across
// a restart, --keep-records), `sync --full`, and a sync that waited for a running scheduled one —
// the real CLI against the real crosswalkd on a loopback port with a real SQLite file.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSyncToken[] = "sync-token-0123456789abcdef";
constexpr char kAdminToken[] = "admin-token-0123456789abcdef";

class SourceLifecycleTest : public GatewayTest {
 protected:
  // The example estate's config with a sync and an admin token (their files written first).
  void StartWithTokens() {
    WriteFile("sync.token", absl::StrCat(kSyncToken, "\n"));
    WriteFile("admin.token", absl::StrCat(kAdminToken, "\n"));
    StartWith(absl::StrCat("tokens:\n  - {name: ops, role: sync, file: sync.token}\n",
                           "  - {name: coordinator, role: admin, file: admin.token}\n"));
  }
  ProcessResult As(const char* token, std::vector<std::string> args) {
    return Cli(std::move(args), {absl::StrCat("CROSSWALK_TOKEN=", token)});
  }
  // Records of `source` in `records --source S --format csv` (header excluded); 0 when the gateway
  // refuses the name as no source it knows or holds records of (exit 2, "unknown source").
  int RecordsOf(const std::string& source) {
    ProcessResult result = As(kAdminToken, {"records", "--source", source, "--format", "csv", "--limit", "100000"});
    if (result.exit_code == 2 && result.err.find(absl::StrCat("unknown source '", source, "'")) != std::string::npos) return 0;
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return static_cast<int>(std::count(result.out.begin(), result.out.end(), '\n')) - 1;
  }
  std::map<std::string, std::pair<int, int>> Counts() {
    return SourceCounts({absl::StrCat("CROSSWALK_TOKEN=", kAdminToken)});
  }
};

TEST_F(SourceLifecycleTest, RemovingAnImportTakesEverythingOfItAndNothingElse) {
  StartWithTokens();
  WriteFile("tickets.csv",
            "チケット番号,種別,件名,ステータス,優先度,作成日時\n"
            "T-1,インシデント,メール不達,対応中,高,2025/05/01 10:00\n"
            "T-2,サービス要求,アカウント追加,完了,中,2025/05/02 11:30\n"
            "T-3,問い合わせ,請求書,ベンダー回答待ち,低,2025/05/03 09:15\n");
  ProcessResult import = As(kAdminToken, {"import", "--preset", "generic-ticket", Path("tickets.csv")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  ProcessResult sync = As(kAdminToken, {"sync", "sn-changes", "isms-soa"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  const auto before = Counts();
  ASSERT_EQ(before.at("import:tickets.csv"), std::make_pair(3, 3));
  ASSERT_GT(before.at("sn-changes").first, 0);
  const std::filesystem::path kept_file = testing_process::ImportsDirFor(Path("crosswalk-example.db")) + "/files/tickets.csv";
  ASSERT_TRUE(std::filesystem::exists(kept_file));

  // The sync role may import but not remove.
  ProcessResult refused = As(kSyncToken, {"sources", "remove", "import:tickets.csv"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_EQ(RecordsOf("import:tickets.csv"), 3);

  ProcessResult removed = As(kAdminToken, {"sources", "remove", "import:tickets.csv"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_THAT(removed.out, HasSubstr("removed import:tickets.csv: 3 records and 0 earlier versions deleted"));
  EXPECT_EQ(RecordsOf("import:tickets.csv"), 0);
  EXPECT_FALSE(std::filesystem::exists(kept_file));
  auto after = Counts();
  EXPECT_EQ(after.count("import:tickets.csv"), 0u);
  EXPECT_EQ(after.at("sn-changes"), before.at("sn-changes"));
  EXPECT_EQ(after.at("isms-soa"), before.at("isms-soa"));
  ProcessResult unmapped = As(kAdminToken, {"records", "--unmapped", "--format", "csv"});
  EXPECT_THAT(unmapped.out, Not(HasSubstr("import:tickets.csv")));

  // Removed stays removed across a restart; a second removal names what exists.
  daemon_->Stop(SIGTERM);
  StartWithTokens();
  after = Counts();
  EXPECT_EQ(after.count("import:tickets.csv"), 0u);
  EXPECT_EQ(after.at("sn-changes"), before.at("sn-changes"));
  ProcessResult again = As(kAdminToken, {"sources", "remove", "import:tickets.csv"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("no source 'import:tickets.csv'"));
  EXPECT_THAT(again.err, HasSubstr("(sources: isms-soa,"));
}

TEST_F(SourceLifecycleTest, RemovingAConfiguredSourceKeepsItConfiguredAndCanKeepItsRecords) {
  StartWithTokens();
  ASSERT_EQ(As(kAdminToken, {"sync", "sn-changes"}).exit_code, 0);
  const int changes = RecordsOf("sn-changes");
  ASSERT_GT(changes, 0);

  ProcessResult kept = As(kAdminToken, {"sources", "remove", "sn-changes", "--keep-records"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_THAT(kept.out, HasSubstr(absl::StrCat("removed sn-changes: ", changes,
                                               " records kept as source 'removed:sn-changes'")));
  EXPECT_THAT(kept.out, HasSubstr("still configured in crosswalkd's config file, so its next sync reads it again"));
  EXPECT_EQ(RecordsOf("sn-changes"), 0);
  EXPECT_EQ(RecordsOf("removed:sn-changes"), changes);
  auto counts = Counts();
  EXPECT_EQ(counts.at("sn-changes"), std::make_pair(0, 0));
  ProcessResult listed = As(kAdminToken, {"sources", "--format", "json"});
  EXPECT_THAT(listed.out, HasSubstr("\"name\": \"sn-changes\""));

  // Its cursor went too: the next sync reads every record again, as new.
  ProcessResult resync = As(kAdminToken, {"sync", "sn-changes"});
  ASSERT_EQ(resync.exit_code, 0) << resync.err;
  EXPECT_THAT(resync.err, HasSubstr(absl::StrCat("sn-changes: done (", changes, " new, 0 changed, 0 unchanged)")));

  // Records kept earlier are never overwritten: remove them first.
  ProcessResult clash = As(kAdminToken, {"sources", "remove", "sn-changes", "--keep-records"});
  EXPECT_EQ(clash.exit_code, 1);
  EXPECT_THAT(clash.err, HasSubstr("already kept as source 'removed:sn-changes'"));
  EXPECT_EQ(RecordsOf("sn-changes"), changes);

  ProcessResult drop_kept = As(kAdminToken, {"sources", "remove", "removed:sn-changes"});
  ASSERT_EQ(drop_kept.exit_code, 0) << drop_kept.err;
  EXPECT_EQ(RecordsOf("removed:sn-changes"), 0);
  EXPECT_EQ(RecordsOf("sn-changes"), changes);
}

TEST_F(SourceLifecycleTest, ChangedReadSettingsReReadTheSourceAndSayWhy) {
  StartWithTokens();
  WriteIncidents("incidents.json", 300, "Mail outage");
  ProcessResult wrong = As(kSyncToken, {"import", "--preset", "servicenow-change", Path("incidents.json")});
  ASSERT_EQ(wrong.exit_code, 0) << wrong.err;
  EXPECT_THAT(wrong.err, HasSubstr("import:incidents.json: done (300 new, 0 changed, 0 unchanged)"));
  ProcessResult as_changes = As(kSyncToken, {"records", "--kind", "change", "--source", "import:incidents.json", "--format", "csv", "--limit", "1000"});
  EXPECT_EQ(std::count(as_changes.out.begin(), as_changes.out.end(), '\n'), 301);

  // The same bytes under the right preset: every record read again, now as incidents.
  ProcessResult right = As(kSyncToken, {"import", "--preset", "servicenow-incident", Path("incidents.json")});
  ASSERT_EQ(right.exit_code, 0) << right.err;
  EXPECT_THAT(right.err, HasSubstr("import:incidents.json: read settings changed: preset servicenow-change → "
                                   "servicenow-incident: every record read again"));
  EXPECT_THAT(right.err, HasSubstr("import:incidents.json: done (0 new, 300 changed, 0 unchanged)"));
  ProcessResult as_incidents = As(kSyncToken, {"records", "--kind", "incident", "--source", "import:incidents.json", "--format", "csv", "--limit", "1000"});
  EXPECT_EQ(std::count(as_incidents.out.begin(), as_incidents.out.end(), '\n'), 301);
  EXPECT_EQ(RecordsOf("import:incidents.json"), 300);

  // Same settings again: nothing re-read.
  ProcessResult same = As(kSyncToken, {"sync", "import:incidents.json"});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_THAT(same.err, Not(HasSubstr("read settings changed")));
  EXPECT_THAT(same.err, HasSubstr("import:incidents.json: done (0 new, 0 changed, 0 unchanged)"));

  // A time zone alone leaves the raw rows as they were but moves every date-time: changed too.
  WriteFile("tickets.csv",
            "チケット番号,種別,件名,ステータス,優先度,作成日時\n"
            "T-1,インシデント,メール不達,対応中,高,2025/05/01 10:00\n"
            "T-2,サービス要求,アカウント追加,完了,中,2025/05/02 11:30\n");
  ASSERT_EQ(As(kSyncToken, {"import", "--preset", "generic-ticket", Path("tickets.csv")}).exit_code, 0);
  ProcessResult zoned = As(kSyncToken, {"import", "--preset", "generic-ticket", "--timezone", "+09:00", Path("tickets.csv")});
  ASSERT_EQ(zoned.exit_code, 0) << zoned.err;
  EXPECT_THAT(zoned.err, HasSubstr("read settings changed: timezone (none) → +09:00: every record read again"));
  EXPECT_THAT(zoned.err, HasSubstr("import:tickets.csv: done (0 new, 2 changed, 0 unchanged)"));

  // Rows gone from the file are kept, and counted.
  WriteFile("tickets.csv",
            "チケット番号,種別,件名,ステータス,優先度,作成日時\n"
            "T-1,インシデント,メール不達,対応中,高,2025/05/01 10:00\n");
  ProcessResult fewer = As(kSyncToken, {"import", "--preset", "generic-ticket", Path("tickets.csv")});
  ASSERT_EQ(fewer.exit_code, 0) << fewer.err;
  EXPECT_THAT(fewer.err, HasSubstr("1 stored records were not read again and are kept as they were"));
  EXPECT_EQ(RecordsOf("import:tickets.csv"), 2);
}

TEST_F(SourceLifecycleTest, FullSyncReadsAnUnchangedSourceAgain) {
  StartWithTokens();
  ASSERT_EQ(As(kAdminToken, {"sync", "sn-changes"}).exit_code, 0);
  const int changes = RecordsOf("sn-changes");
  ProcessResult plain = As(kSyncToken, {"sync", "sn-changes"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.err, Not(HasSubstr("full re-read")));
  ProcessResult full = As(kSyncToken, {"sync", "sn-changes", "--full"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_THAT(full.err, HasSubstr("sn-changes: full re-read requested: every record read again"));
  EXPECT_THAT(full.err, HasSubstr(absl::StrCat("sn-changes: done (0 new, 0 changed, ", changes, " unchanged)")));
}

TEST_F(SourceLifecycleTest, ASyncThatWaitedForARunningOneSaysWhatThatRunStored) {
  // A scheduled source big enough that its first run (at start) is still going when the CLI asks.
  WriteIncidents("big.json", 60000, "Mail outage");
  WriteFile("sync.token", absl::StrCat(kSyncToken, "\n"));
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\n",
                                            "tokens:\n  - {name: ops, role: sync, file: sync.token}\n",
                                            "sources:\n  - {name: big, type: file, location: ", Path("big.json"),
                                            ", preset: servicenow-incident, schedule: 1h}\n"));
  Start();
  ProcessResult sync = As(kSyncToken, {"sync", "big"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  const std::string waited =
      "waited for a sync of big that was running (scheduled or another client's); it stored 60000 new, 0 changed, 0 unchanged";
  if (sync.err.find("waited for") != std::string::npos) {
    // The usual order: the scheduled run started first and stored everything; this run read past it.
    EXPECT_THAT(sync.err, HasSubstr(absl::StrCat("big: ", waited)));
    EXPECT_THAT(sync.err, HasSubstr("big: done (0 new, 0 changed, 0 unchanged)"));
  } else {
    // The CLI was first: the scheduled run waited for it, and its log line says so.
    EXPECT_THAT(sync.err, HasSubstr("big: done (60000 new, 0 changed, 0 unchanged)"));
    std::string log;
    for (int i = 0; i < 600 && log.find("scheduled sync of big") == std::string::npos; ++i) {
      usleep(100000);
      std::ifstream in(Path("crosswalkd.log"));
      log.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    EXPECT_THAT(log, HasSubstr(waited));
  }
}

// The error names the line and column of the value at fault (of the entry when no one key is).
TEST_F(SourceLifecycleTest, BadSourceSettingsStopCrosswalkdAtStartNamingTheEntry) {
  WriteFile("tickets.csv", "id,title\n1,a\n");
  struct Case {
    std::string setting;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"preset: no-such-preset", "crosswalkd.yaml:4:5: source 'bad': unknown preset 'no-such-preset'"},
      {"preset: generic-ticket, timezone: Tokyo", "crosswalkd.yaml:4:86: source 'bad': timezone 'Tokyo' is neither a UTC offset"},
      {"preset: generic-ticket, encoding: ebcdic", "crosswalkd.yaml:4:86: source 'bad': encoding 'ebcdic' is not auto"},
      {"preset: generic-ticket, catalog: iso9999:2030", "crosswalkd.yaml:4:85: source 'bad': catalog:"},
      {"preset: generic-ticket, columns: title", "crosswalkd.yaml:4:85: source 'bad': columns: 'title' is not role=Header"},
      {"preset: generic-ticket, colums: title=Name", "crosswalkd.yaml:4:84: source 'bad' (type file): unknown key 'colums'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.setting);
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\nsources:\n",
                                              "  - {name: bad, type: file, location: tickets.csv, ", c.setting, "}\n"));
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, {"--config", Path("crosswalkd.yaml")}, Path("crosswalkd.log"), &error);
    EXPECT_EQ(daemon_, nullptr);
    std::ifstream in(Path("crosswalkd.log"));
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THAT(log, HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace crosswalk
