// The organisation's statements end to end (issue 10, Deliver 3, 4, 6): mapping decisions,
// certifications and clause assessments through the real CLI and the real crosswalkd on a loopback
// port with a real SQLite file; kept across a restart with their history; writes need the admin
// role; bad input is refused naming the field; configured certifications are listed and cannot be
// removed through the API.
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReadToken[] = "read-token-0123456789abcdef";
constexpr char kAdminToken[] = "admin-token-0123456789abcdef";

class OrganisationTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    WriteFile("read.token", absl::StrCat(kReadToken, "\n"));
    WriteFile("admin.token", absl::StrCat(kAdminToken, "\n"));
  }

  // The config: both tokens, the store `store`, and `extra` YAML.
  void WriteConfig(const std::string& extra, const std::string& store = "t.db") {
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path(store), "\n",
                                              "tokens:\n  - {name: auditor, role: read, file: read.token}\n",
                                              "  - {name: coordinator, role: admin, file: admin.token}\n", extra));
  }
  // Starts crosswalkd on the config written last; the reason when it did not start.
  std::string TryStart() {
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, {"--config", Path("crosswalkd.yaml")}, Path("crosswalkd.log"), &error);
    return daemon_ == nullptr ? error : "";
  }
  void Restart() {
    daemon_.reset();
    Start();
  }

  // The CLI against the running server with the admin token (or `token`).
  ProcessResult Cli(std::vector<std::string> args, const char* token = kAdminToken) {
    return GatewayTest::Cli(std::move(args), {absl::StrCat("CROSSWALK_TOKEN=", token)});
  }
  std::string Ok(std::vector<std::string> args) {
    ProcessResult result = Cli(std::move(args));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  static constexpr char kConfigCertification[] =
      "certifications:\n"
      "  - standard: jisq27001:2023\n"
      "    certificate: IS 555\n"
      "    body: JQA\n"
      "    scope: Data centre operations\n"
      "    valid_until: 2027-06-30\n"
      "    last_audit: 2026-06-01\n";

  std::string ReadLog() const {
    std::ifstream log(Path("crosswalkd.log"));
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  }
};

TEST_F(OrganisationTest, StatementsAndTheirHistorySurviveARestart) {
  WriteConfig("");
  Start();
  // A JIS alias and a bare Annex A number are made canonical at the edge.
  Ok({"decisions", "add", "--from", "jisq27001:2023", "--from-ref", "8.32", "--to", "jisq20000-1:2020", "--to-ref",
      "8.5.1.1", "--relationship", "intersects-with", "--decision", "confirm", "--by", "aiko", "--reason",
      "the CAB reviews every change"});
  Ok({"decisions", "add", "--from", "iso9001:2015", "--from-ref", "8.5.6", "--to", "iso20000-1:2018", "--to-ref",
      "8.5.1.3", "--decision", "reject", "--by", "aiko", "--reason", "emergency changes are not in the QMS"});
  Ok({"certifications", "add", "--standard", "iso9001:2015", "--certificate", "Q 42", "--body", "BSI", "--scope",
      "Service desk", "--valid-until", "2027-03-31", "--last-audit", "2026-03-01", "--by", "ken"});
  Ok({"assess", "set", "8.5.1.1", "--status", "partial", "--maturity", "1", "--owner", "aiko", "--due", "2027-01-31",
      "--action", "write the change policy", "--evidence", "itsm/CHG0001", "--evidence", "docs/change-policy", "--by",
      "aiko"});
  Ok({"assess", "set", "8.5.1.1", "--maturity", "2", "--by", "ken"});

  Restart();
  const std::string decisions = Ok({"decisions", "list", "--format", "csv"});
  EXPECT_THAT(decisions, HasSubstr("1,iso27001:2022,A.8.32,iso20000-1:2018,8.5.1.1,intersects-with,confirm,aiko,"
                                   "the CAB reviews every change,"));
  EXPECT_THAT(decisions, HasSubstr("2,iso9001:2015,8.5.6,iso20000-1:2018,8.5.1.3,,reject,aiko,"));
  EXPECT_THAT(Ok({"certifications", "list", "--format", "csv"}),
              HasSubstr("iso9001:2015,Q 42,BSI,Service desk,2027-03-31,2026-03-01,api,ken,"));
  // The second set kept what it did not change.
  const std::string current = Ok({"assess", "list", "--format", "csv"});
  EXPECT_THAT(current, HasSubstr("iso20000-1:2018,8.5.1.1,partial,2,aiko,2027-01-31,write the change policy,,"
                                 "itsm/CHG0001 docs/change-policy,ken,"));
  const std::string history = Ok({"assess", "history", "8.5.1.1", "--format", "csv"});
  EXPECT_THAT(history, HasSubstr("8.5.1.1,partial,1,aiko,2027-01-31,write the change policy,,itsm/CHG0001 docs/change-policy,aiko,"));
  EXPECT_THAT(history, HasSubstr("8.5.1.1,partial,2,aiko,"));

  // A removal is kept too, and the id is not reused.
  Ok({"decisions", "remove", "1", "--by", "ken"});
  EXPECT_EQ(Cli({"decisions", "remove", "1"}).exit_code, 2);  // NOT_FOUND
  Ok({"certifications", "remove", "--standard", "iso9001:2015", "--certificate", "Q 42"});
  Restart();
  const std::string after = Ok({"decisions", "list", "--format", "csv"});
  EXPECT_THAT(after, Not(HasSubstr("A.8.32")));
  EXPECT_THAT(after, HasSubstr("8.5.1.3"));
  EXPECT_THAT(Ok({"certifications", "list", "--format", "csv"}), Not(HasSubstr("Q 42")));
  // Who did what, and when, stays readable.
  const std::string decision_history = Ok({"decisions", "history", "--format", "csv"});
  EXPECT_THAT(decision_history, HasSubstr(",aiko,1,add,"));
  EXPECT_THAT(decision_history, HasSubstr(",aiko,2,add,"));
  EXPECT_THAT(decision_history, HasSubstr(",ken,1,remove,"));
  EXPECT_THAT(decision_history, HasSubstr("the CAB reviews every change"));
  const std::string certification_history = Ok({"certifications", "history", "--format", "csv"});
  EXPECT_THAT(certification_history, HasSubstr(",ken,iso9001:2015 Q 42,put,"));
  EXPECT_THAT(certification_history, HasSubstr(",iso9001:2015 Q 42,remove,"));
  Ok({"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.8.32", "--to", "iso20000-1:2018", "--to-ref",
      "8.5.1.1", "--relationship", "subset-of", "--decision", "add", "--by", "ken", "--reason", "re-stated"});
  EXPECT_THAT(Ok({"decisions", "list", "--format", "csv"}), HasSubstr("\n3,iso27001:2022,A.8.32,"));
}

// The decisions take part in the map and gaps answers crosswalkd serves (the engine's part is
// tested in tests/mapping; here: they reach it, also after a restart). 20000-1:2011 4.5.2's row to
// 2018's 6.2 is read for 6.2.1 and 6.2.2 only as a candidate.
TEST_F(OrganisationTest, DecisionsChangeTheMapAndGapsCrosswalkdServes) {
  WriteConfig("");
  Start();
  auto gap = [&](const std::string& clause) {
    for (absl::string_view line : absl::StrSplit(
             Ok({"gaps", "--from", "iso20000-1:2011", "--to", "iso20000-1:2018", "--format", "csv"}), '\n')) {
      if (absl::StartsWith(line, clause + ",")) return std::string(line.substr(clause.size() + 1, line.find(',', clause.size() + 1) - clause.size() - 1));
    }
    return std::string("covered");
  };
  ASSERT_EQ(gap("6.2.1"), "candidate");
  ASSERT_EQ(gap("6.2.2"), "candidate");
  Ok({"decisions", "add", "--from", "iso20000-1:2011", "--from-ref", "4.5.2", "--to", "iso20000-1:2018", "--to-ref",
      "6.2.1", "--relationship", "superset-of", "--decision", "confirm", "--by", "aiko", "--reason",
      "our 2011 planning set the objectives"});
  Ok({"decisions", "add", "--from", "iso20000-1:2011", "--from-ref", "4.5.2", "--to", "iso20000-1:2018", "--to-ref",
      "6.2.2", "--decision", "reject", "--by", "aiko", "--reason", "no plan for the objectives"});
  Restart();
  EXPECT_EQ(gap("6.2.1"), "covered");
  EXPECT_EQ(gap("6.2.2"), "unmapped");
  const std::string map = Ok({"map", "--from", "iso20000-1:2011", "--to", "iso20000-1:2018", "4.5.2", "--format", "json"});
  EXPECT_THAT(map, HasSubstr("\"source\": \"organisation decision #1 (confirm) by aiko\""));
  EXPECT_THAT(map, HasSubstr("\"basis\": \"organisation\""));
}

// `records --clause` asks coverage's function with the organisation's decisions: an SoA control
// that reaches 8.6.3 only as a candidate is listed once the candidate is confirmed (after a restart
// too).
TEST_F(OrganisationTest, RecordsOfAClauseFollowTheDecisions) {
  WriteConfig("");
  Start();
  WriteFile("soa.csv", "Control,Control name,Applicable,Justification,Implementation status,Owner,Evidence,Last reviewed\n"
                       "A.5.26,Response to information security incidents,Yes,Risk,Implemented,Desk,DOC-9,2026-06-01\n");
  Ok({"import", "--preset", "isms-soa", "--catalog", "iso27001:2022", Path("soa.csv")});
  auto listed = [&](const std::string& clause) {
    return Ok({"records", "--clause", clause, "--format", "csv"});
  };
  ASSERT_THAT(listed("8.6.1"), HasSubstr("A.5.26"));      // sound: the direct row
  ASSERT_THAT(listed("8.6.3"), Not(HasSubstr("A.5.26")));  // a candidate only
  Ok({"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.5.26", "--to", "iso20000-1:2018", "--to-ref",
      "8.6.3", "--relationship", "intersects-with", "--decision", "confirm", "--by", "aiko", "--reason",
      "incident response feeds problem management"});
  Restart();
  EXPECT_THAT(listed("8.6.3"), HasSubstr("A.5.26"));
}

// What the organisation states reaches the reports crosswalkd renders (Gateway::Organisation() in
// ReportOptions::organisation): the evidence pack of a clause shows its certifications, decisions
// and assessment, also after a restart.
TEST_F(OrganisationTest, TheReportsCrosswalkdRendersCarryWhatTheOrganisationStates) {
  WriteConfig(kConfigCertification);
  Start();
  Ok({"certifications", "add", "--standard", "iso9001:2015", "--certificate", "Q 42", "--body", "BSI", "--valid-until",
      "2027-03-31", "--by", "ken"});
  Ok({"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.8.32", "--to", "iso20000-1:2018", "--to-ref",
      "8.5.1.1", "--relationship", "intersects-with", "--decision", "add", "--by", "aiko", "--reason",
      "the CAB reviews every change"});
  Ok({"assess", "set", "8.5.1.1", "--status", "partial", "--owner", "aiko", "--action", "write the change policy",
      "--by", "aiko"});
  Restart();
  const std::string pack = Ok({"report", "evidence", "--clause", "8.5.1.1", "--format", "json", "--as-of", "2026-12-01"});
  for (const char* said : {"IS 555", "Q 42", "the CAB reviews every change", "write the change policy"}) {
    EXPECT_THAT(pack, HasSubstr(said));
  }
  // Another clause's pack does not carry this clause's assessment.
  EXPECT_THAT(Ok({"report", "evidence", "--clause", "9.3", "--format", "json", "--as-of", "2026-12-01"}),
              Not(HasSubstr("write the change policy")));
}

TEST_F(OrganisationTest, OnlyTheAdminRoleWrites) {
  WriteConfig("");
  Start();
  const std::vector<std::vector<std::string>> writes = {
      {"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.8.32", "--to", "iso20000-1:2018", "--to-ref",
       "8.5.1.1", "--relationship", "subset-of", "--decision", "add", "--by", "eve", "--reason", "r"},
      {"decisions", "remove", "1"},
      {"certifications", "add", "--standard", "iso9001:2015", "--certificate", "Q", "--body", "B", "--valid-until",
       "2027-01-01"},
      {"certifications", "remove", "--standard", "iso9001:2015", "--certificate", "Q"},
      {"assess", "set", "4.1", "--status", "covered", "--by", "eve"},
  };
  for (const auto& write : writes) {
    SCOPED_TRACE(write[0] + " " + write[1]);
    ProcessResult result = Cli(write, kReadToken);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("PERMISSION_DENIED"));
  }
  // Reads are the read role's.
  for (const std::vector<std::string>& read : {std::vector<std::string>{"decisions", "list"},
                                               {"certifications", "list"}, {"assess", "list"}, {"assess", "history", "4.1"}}) {
    EXPECT_EQ(Cli(read, kReadToken).exit_code, 0) << read[0];
  }
  // Nothing was written.
  EXPECT_THAT(Ok({"assess", "list", "--format", "csv"}), Not(HasSubstr("4.1")));
}

TEST_F(OrganisationTest, BadInputIsRefusedNamingTheField) {
  WriteConfig("");
  Start();
  const std::vector<std::string> decision = {"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.8.32",
                                             "--to", "iso20000-1:2018", "--by", "aiko", "--reason", "r"};
  auto with = [](std::vector<std::string> args, std::initializer_list<std::string> more) {
    args.insert(args.end(), more);
    return args;
  };
  const struct {
    std::vector<std::string> args;
    const char* message;
  } kCases[] = {
      {with(decision, {"--to-ref", "8.5.1.1", "--relationship", "overlaps", "--decision", "add"}), "relationship: 'overlaps'"},
      {with(decision, {"--to-ref", "8.5.1.1", "--relationship", "equal", "--decision", "accept"}), "decision: "},
      {with(decision, {"--to-ref", "8.5.1.1", "--decision", "confirm"}), "relationship: is required"},
      {with(decision, {"--to-ref", "8.99.9", "--relationship", "equal", "--decision", "add"}), "to_ref: "},
      {{"certifications", "add", "--standard", "iso9001:2015", "--certificate", "Q", "--body", "B", "--valid-until",
        "31/12/2027"},
       "valid_until: '31/12/2027' is not a date YYYY-MM-DD"},
      {{"certifications", "add", "--standard", "iso9001:2015", "--certificate", "Q", "--body", "B", "--valid-until",
        "2027-12-31", "--last-audit", "2027-02-30"},
       "last_audit: "},
      {{"certifications", "add", "--standard", "iso9999:2015", "--certificate", "Q", "--body", "B", "--valid-until",
        "2027-12-31"},
       "standard: "},
      {{"assess", "set", "8.5.1.1", "--due", "tomorrow", "--by", "aiko"}, "due: 'tomorrow' is not a date"},
      {{"assess", "set", "8.5.1.1", "--maturity", "4", "--by", "aiko"}, "maturity: 4 is not 0 to 3"},
      {{"assess", "set", "8.5.1.1", "--status", "done", "--by", "aiko"}, "status: 'done' is not one of"},
      {{"assess", "set", "8.5.1.1", "--owner", std::string(300, 'x'), "--by", "aiko"}, "owner: is longer than 200 bytes"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.message);
    ProcessResult result = Cli(c.args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_THAT(result.err, HasSubstr(c.message));
  }
  EXPECT_EQ(Ok({"decisions", "list", "--format", "csv"}), "id,from,from_ref,to,to_ref,relationship,decision,by,reason,decided_at\n");
}

TEST_F(OrganisationTest, ConfiguredCertificationsAreListedAndReadOnly) {
  // Added through the API first, then declared in the configuration: the configuration's wins and
  // it is listed once.
  WriteConfig("");
  Start();
  Ok({"certifications", "add", "--standard", "iso27001:2022", "--certificate", "IS 555", "--body", "Old body",
      "--valid-until", "2026-01-01", "--by", "ken"});
  WriteConfig(kConfigCertification);
  Restart();
  const std::string listed = Ok({"certifications", "list", "--format", "csv"});
  EXPECT_THAT(listed, Not(HasSubstr("Old body")));
  EXPECT_EQ(listed.find("IS 555"), listed.rfind("IS 555"));
  EXPECT_THAT(Ok({"certifications", "list", "--format", "csv"}),
              HasSubstr("iso27001:2022,IS 555,JQA,Data centre operations,2027-06-30,2026-06-01,config,config,"));
  for (const std::vector<std::string>& write :
       {std::vector<std::string>{"certifications", "remove", "--standard", "iso27001:2022", "--certificate", "IS 555"},
        {"certifications", "add", "--standard", "jisq27001:2023", "--certificate", "IS 555", "--body", "X", "--valid-until",
         "2030-01-01"}}) {
    ProcessResult result = Cli(write);
    EXPECT_EQ(result.exit_code, 1) << write[1];
    EXPECT_THAT(result.err, HasSubstr("FAILED_PRECONDITION"));
    EXPECT_THAT(result.err, HasSubstr("configuration"));
  }
  EXPECT_THAT(Ok({"certifications", "list", "--format", "csv"}), Not(HasSubstr(",X,")));
}

TEST_F(OrganisationTest, ABadConfiguredCertificationStopsTheStartNamingItsPlace) {
  const struct {
    const char* yaml;
    const char* message;
  } kCases[] = {
      {"certifications:\n  - {standard: iso27001:2022, certificate: A, body: B, valid_until: 2027-02-30}\n",
       "crosswalkd.yaml:7:69: valid_until: '2027-02-30' is not a date YYYY-MM-DD"},
      {"certifications:\n  - {standard: iso27001:2022, certificate: A, body: B}\n", "needs valid_until"},
      {"certifications:\n  - {standard: iso27001:2022, certificate: A, body: B, valid_until: 2027-01-01, owner: x}\n",
       "unknown key 'owner'"},
      {"certifications:\n  - {standard: iso1234:2022, certificate: A, body: B, valid_until: 2027-01-01}\n",
       "crosswalkd.yaml:7:5: certifications: standard: unknown catalog"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.yaml);
    WriteConfig(c.yaml);
    EXPECT_NE(TryStart(), "");
    EXPECT_THAT(ReadLog(), HasSubstr(c.message));
  }
}

TEST_F(OrganisationTest, DecisionsExportAndImportAsCsvAndOscal) {
  WriteConfig("");
  Start();
  Ok({"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.5.24", "--to", "iso20000-1:2018", "--to-ref",
      "8.6.1", "--relationship", "intersects-with", "--decision", "confirm", "--by", "aiko", "--reason",
      "incident planning, \"both\" ways"});
  Ok({"decisions", "add", "--from", "itil:4", "--from-ref", "change-enablement", "--to", "iso20000-1:2018", "--to-ref",
      "8.5.1.3", "--decision", "reject", "--by", "ken", "--reason", "not our emergency path"});
  const std::string exported = Ok({"decisions", "export", "--format", "csv"});
  // OSCAL: valid against NIST's mapping schema; the rejection is a no-relationship map.
  Ok({"decisions", "export", "--format", "oscal", "--out", Path("decisions.json")});
  ProcessResult valid = RunProcess({"/usr/bin/python3", CROSSWALK_TESTS_DIR "/oscal_schema/validate.py",
                                    CROSSWALK_TESTS_DIR "/fixtures/oscal/schema/oscal_mapping_schema.json", Path("decisions.json")});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  std::ifstream oscal_file(Path("decisions.json"));
  std::stringstream oscal;
  oscal << oscal_file.rdbuf();
  EXPECT_THAT(oscal.str(), HasSubstr("\"relationship\": \"no-relationship\""));
  EXPECT_THAT(oscal.str(), HasSubstr("\"remarks\": \"not our emergency path\""));
  EXPECT_THAT(oscal.str(), HasSubstr("\"href\": \"urn:crosswalk:catalog:itil:4\""));
  WriteFile("decisions.csv", exported + "9,iso27001:2022,A.5.24,iso20000-1:2018,8.6.2,maybe,add,x,y,\n");

  WriteConfig("", "other.db");
  Restart();
  ProcessResult imported = Cli({"decisions", "import", Path("decisions.csv")});
  EXPECT_EQ(imported.exit_code, 1);  // the bad row
  EXPECT_THAT(imported.err, HasSubstr("decisions.csv:4: relationship: 'maybe'"));
  EXPECT_THAT(imported.err, HasSubstr("2 decisions added, 0 already kept, 1 refused"));
  // Again: nothing new, nothing lost.
  EXPECT_THAT(Cli({"decisions", "import", Path("decisions.csv")}).err, HasSubstr("0 decisions added, 2 already kept, 1 refused"));
  const std::string listed = Ok({"decisions", "list", "--format", "csv"});
  EXPECT_THAT(listed, HasSubstr("1,iso27001:2022,A.5.24,iso20000-1:2018,8.6.1,intersects-with,confirm,aiko,"
                                "\"incident planning, \"\"both\"\" ways\","));
  EXPECT_THAT(listed, HasSubstr("2,itil:4,change-enablement,iso20000-1:2018,8.5.1.3,,reject,ken,not our emergency path,"));

  // The OSCAL export read back into a third store gives the same decisions.
  WriteConfig("", "third.db");
  Restart();
  ProcessResult from_oscal = Cli({"decisions", "import", Path("decisions.json")});
  EXPECT_EQ(from_oscal.exit_code, 0) << from_oscal.err;
  EXPECT_THAT(from_oscal.err, HasSubstr("2 decisions added, 0 already kept, 0 refused"));
  const std::string again = Ok({"decisions", "list", "--format", "csv"});
  EXPECT_THAT(again, HasSubstr("1,iso27001:2022,A.5.24,iso20000-1:2018,8.6.1,intersects-with,confirm,aiko,"
                               "\"incident planning, \"\"both\"\" ways\","));
  EXPECT_THAT(again, HasSubstr("2,itil:4,change-enablement,iso20000-1:2018,8.5.1.3,,reject,ken,not our emergency path,"));
}

// Lists come in pages bounded by count and by bytes (half the message limit), and the CLI reads
// every page: 372 decisions with long reasons under a 64 KiB message limit are all listed, in order,
// and so is their history.
TEST_F(OrganisationTest, ListsArePagedAndTheCliReadsEveryPage) {
  WriteConfig("limits:\n  max_message_bytes: 65536\n");
  Start();
  std::string csv = "id,from,from_ref,to,to_ref,relationship,decision,by,reason,decided_at\n";
  const std::string reason(900, 'r');
  int count = 0;
  for (auto [group, last] : std::vector<std::pair<int, int>>{{5, 37}, {6, 8}, {7, 14}, {8, 34}}) {
    for (int control = 1; control <= last; ++control) {
      for (const char* clause : {"8.6.1", "8.6.2", "8.6.3", "8.7.1"}) {
        absl::StrAppend(&csv, ++count, ",iso27001:2022,A.", group, ".", control, ",iso20000-1:2018,", clause,
                        ",intersects-with,confirm,aiko,", reason, ",\n");
      }
    }
  }
  ASSERT_EQ(count, 372);
  WriteFile("many.csv", csv);
  ProcessResult imported = Cli({"decisions", "import", Path("many.csv")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.err, HasSubstr("372 decisions added"));

  const std::vector<std::string> listed = absl::StrSplit(Ok({"decisions", "list", "--format", "csv"}), '\n', absl::SkipEmpty());
  ASSERT_EQ(listed.size(), 373u);  // the header and every decision
  EXPECT_THAT(listed[1], HasSubstr("1,iso27001:2022,A.5.1,iso20000-1:2018,8.6.1,"));
  EXPECT_THAT(listed[372], HasSubstr("372,iso27001:2022,A.8.34,iso20000-1:2018,8.7.1,"));
  const std::vector<std::string> history = absl::StrSplit(Ok({"decisions", "history", "--format", "csv"}), '\n', absl::SkipEmpty());
  EXPECT_EQ(history.size(), 373u);
}

}  // namespace
}  // namespace crosswalk
