// Reports end to end: the real crosswalkd on the bundled example estate, the real CLI, every
// format's contract, traceability of figures to stored records, and the usage errors.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cli/run_process.h"
#include "tests/gateway/daemon.h"
#include "tests/gateway/estate_report_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using testing_process::Daemon;
using testing_process::ProcessResult;
using testing_process::RunProcess;


TEST_F(ReportTest, CoverageCsvHasTheContractColumnsAndAgreesWithTheJson) {
  ProcessResult csv = Cli({"report", "coverage", "--format", "csv", "--as-of", "2026-12-01"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> lines = absl::StrSplit(csv.out, "\r\n", absl::SkipEmpty());
  ASSERT_GT(lines.size(), 50u);
  EXPECT_EQ(lines[0], "clause,title,status,maturity,evidence,controls,newest_evidence,reason,freshness,documents,"
                      "maturity_rule,caution,unique_to_20000_1,against,assessed_status,assessed_maturity,owner,due,action,disagrees");

  ProcessResult json = Cli({"report", "all", "--format", "json", "--as-of", "2026-12-01", "--out", Path("all.json")});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(json.out.empty());
  const nlohmann::json report = nlohmann::json::parse(Read(Path("all.json")));
  EXPECT_EQ(report["target"], "iso20000-1:2018");
  EXPECT_EQ(report["as_of"], "2026-12-01");
  const nlohmann::json& clauses = report["coverage"];
  ASSERT_EQ(clauses.size() + 1, lines.size());
  int covered = 0, partial = 0, not_covered = 0;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const std::vector<std::string> cells = absl::StrSplit(lines[i + 1], ',');
    EXPECT_EQ(cells[0], clauses[i]["clause"].get<std::string>());
    const std::string status = clauses[i]["status"];
    EXPECT_THAT(lines[i + 1], HasSubstr("," + status + ","));
    if (!clauses[i]["leaf"].get<bool>()) continue;
    covered += status == "covered";
    partial += status == "partial";
    not_covered += status == "not-covered";
  }
  EXPECT_EQ(report["summary"]["covered"], covered);
  EXPECT_EQ(report["summary"]["partial"], partial);
  EXPECT_EQ(report["summary"]["not_covered"], not_covered);
  EXPECT_GT(covered, 0);
  EXPECT_GT(not_covered, 0);
  int64_t per_source = 0;
  for (const nlohmann::json& source : report["sources"]) per_source += source["records"].get<int64_t>();
  EXPECT_EQ(report["summary"]["records"].get<int64_t>(), per_source);
  EXPECT_GT(per_source, 1000);
}

TEST_F(ReportTest, EveryListedEvidenceRecordIsAStoredRecord) {
  ProcessResult json = Cli({"report", "coverage", "--format", "json", "--as-of", "2026-12-01"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json report = nlohmann::json::parse(json.out);
  int checked = 0;
  for (const nlohmann::json& clause : report["coverage"]) {
    for (const char* list : {"evidence_records", "control_records"}) {
      for (const nlohmann::json& record : clause[list]) {
        if (checked >= 12) break;
        ProcessResult stored = Cli({"records", "--source", record["source"], "--format", "csv"});
        ASSERT_EQ(stored.exit_code, 0) << stored.err;
        EXPECT_THAT(stored.out, HasSubstr("," + record["native_id"].get<std::string>() + ","))
            << clause["clause"] << " lists " << record.dump();
        EXPECT_FALSE(record["reach"]["via"].get<std::string>().empty());
        EXPECT_FALSE(record["reach"]["sources"].get<std::string>().empty());
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 12);
}

// The evidence pack through crosswalkd: one clause and its parts, the coverage report's counts and
// records, and every listed record a stored one.
TEST_F(ReportTest, EvidencePackOfOneClauseAgreesWithCoverage) {
  ProcessResult coverage = Cli({"report", "coverage", "--format", "json", "--as-of", "2026-12-01"});
  ASSERT_EQ(coverage.exit_code, 0) << coverage.err;
  const nlohmann::json report = nlohmann::json::parse(coverage.out);
  ProcessResult pack = Cli({"report", "evidence", "--clause", "8.5.1", "--format", "json", "--as-of", "2026-12-01"});
  ASSERT_EQ(pack.exit_code, 0) << pack.err;
  const nlohmann::json evidence = nlohmann::json::parse(pack.out);
  EXPECT_EQ(evidence["report"], "evidence");
  EXPECT_EQ(evidence["clause"], "8.5.1");
  std::vector<std::string> refs;
  for (const nlohmann::json& clause : evidence["clauses"]) {
    refs.push_back(clause["clause"]);
    for (const nlohmann::json& in_report : report["coverage"]) {
      if (in_report["clause"] != clause["clause"]) continue;
      for (const char* count : {"evidence", "controls", "documents", "status", "maturity"}) {
        EXPECT_EQ(clause[count], in_report[count]) << clause["clause"] << " " << count;
      }
    }
  }
  EXPECT_THAT(refs, testing::ElementsAre("8.5.1", "8.5.1.1", "8.5.1.2", "8.5.1.3"));
  // The pack agrees with `records --clause`: for each leaf, every record it lists is listed there,
  // and the counts add up to the rows there.
  for (const nlohmann::json& clause : evidence["clauses"]) {
    if (!clause["leaf"].get<bool>()) continue;
    const std::string ref = clause["clause"];
    ProcessResult records = Cli({"records", "--clause", ref, "--format", "csv"});
    ASSERT_EQ(records.exit_code, 0) << records.err;
    const int64_t rows = std::count(records.out.begin(), records.out.end(), '\n') - 1;
    EXPECT_EQ(rows, clause["evidence"].get<int64_t>() + clause["controls"].get<int64_t>() +
                        clause["documents"].get<int64_t>() + clause["against"].get<int64_t>() +
                        clause["neutral"].get<int64_t>())
        << ref;
    for (const char* list : {"evidence_records", "control_records", "document_records", "against_records"}) {
      for (const nlohmann::json& record : clause[list]) {
        EXPECT_THAT(records.out, HasSubstr("," + record["source"].get<std::string>() + "," +
                                           record["native_id"].get<std::string>() + ","))
            << ref << " " << list;
      }
    }
  }
  // The pack lists more of a clause's records than the report's tables (200 against 20).
  const nlohmann::json& changes = evidence["clauses"][3];
  ASSERT_GT(changes["evidence"].get<int>(), 20);
  EXPECT_EQ(changes["evidence_records"].size(), std::min<size_t>(200, changes["evidence"].get<size_t>()));
  ProcessResult html = Cli({"report", "evidence", "--format", "html", "--lang", "ja", "--as-of", "2026-12-01",
                            "--out", Path("evidence-ja.html")});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  const std::string page = Read(Path("evidence-ja.html"));
  EXPECT_THAT(page, HasSubstr("<html lang=\"ja\">"));
  EXPECT_THAT(page, HasSubstr("証跡パック"));
  EXPECT_THAT(page, HasSubstr("id=\"clause-10.2\""));
}

// `records --clause C` and coverage ask the same function (report::ClauseEvidence): on the example
// estate, for every leaf clause, the records listed are exactly as many as coverage counts (evidence
// of any polarity, controls in place, documents) and include every record coverage lists.
TEST_F(ReportTest, RecordsOfAClauseAreWhatCoverageCounts) {
  ProcessResult json = Cli({"report", "coverage", "--format", "json", "--as-of", "2099-12-31"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json report = nlohmann::json::parse(json.out);
  int leaves = 0, with_records = 0;
  for (const nlohmann::json& clause : report["coverage"]) {
    if (!clause["leaf"].get<bool>()) continue;
    const std::string ref = clause["clause"];
    ++leaves;
    const int64_t counted = clause["evidence"].get<int64_t>() + clause["controls"].get<int64_t>() +
                            clause["documents"].get<int64_t>() + clause["against"].get<int64_t>() +
                            clause["neutral"].get<int64_t>();
    ProcessResult listed = Cli({"records", "--clause", ref, "--format", "csv"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const int64_t rows = std::count(listed.out.begin(), listed.out.end(), '\n') - 1;
    EXPECT_EQ(rows, counted) << ref;
    with_records += rows > 0;
    for (const char* list : {"evidence_records", "control_records", "document_records", "against_records"}) {
      for (const nlohmann::json& record : clause[list]) {
        EXPECT_THAT(listed.out, HasSubstr(absl::StrCat(",", record["source"].get<std::string>(), ",",
                                                       record["native_id"].get<std::string>(), ",")))
            << ref << " lists " << record.dump();
      }
    }
  }
  EXPECT_EQ(leaves, report["summary"]["clauses"].get<int>());
  EXPECT_GT(with_records, 20);
  // 8.5.3 (release and deployment): the SoA's change and release controls reach it through the
  // crosswalks, as coverage counts them; the earlier SQL filter found none.
  ProcessResult release = Cli({"records", "--clause", "8.5.3", "--format", "csv"});
  EXPECT_THAT(release.out, HasSubstr("control,isms-soa,"));
}

TEST_F(ReportTest, GapsInJapaneseAndTheCaution) {
  ProcessResult gaps = Cli({"report", "gaps", "--lang", "ja", "--as-of", "2026-12-01"});
  ASSERT_EQ(gaps.exit_code, 0) << gaps.err;
  EXPECT_THAT(gaps.out, HasSubstr("ギャップ"));
  EXPECT_THAT(gaps.out, HasSubstr("未対応"));
  EXPECT_THAT(gaps.out, HasSubstr("表5-1の注記"));
  ProcessResult md = Cli({"report", "gaps", "--format", "md", "--as-of", "2026-12-01"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_THAT(md.out, HasSubstr("## Gaps"));
  EXPECT_THAT(md.out, HasSubstr("note under Table 5-1"));
}

TEST_F(ReportTest, UsageErrorsExitTwoAndLeaveNoFile) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{"report", "bogus"}, "unknown report 'bogus'"},
      {{"report", "all", "--format", "csv"}, "a CSV holds one table"},
      {{"report", "coverage", "--format", "pdf"}, "unknown format 'pdf'"},
      {{"report", "coverage", "--lang", "fr"}, "unknown language 'fr'"},
      {{"report", "coverage", "--target", "iso27001:2022"}, "is not iso20000-1:2018 or iso20000-1:2011"},
      {{"report", "coverage", "--target", "iso20000-1:1999"}, "iso20000-1:1999"},
      {{"report", "coverage", "--as-of", "2026-13-01"}, "is not a date"},
      {{"report", "coverage", "--timezone", "Asia/Tokio"}, "time zone 'Asia/Tokio' is not known"},
      {{"report", "quality", "--format", "oscal"}, "oscal exports the coverage findings"},
      {{"report"}, "needs one KIND"},
      {{"report", "evidence", "--format", "csv"}, "the evidence pack is written as json, md or html"},
      {{"report", "coverage", "--clause", "8.5"}, "a clause narrows the evidence pack only"},
      {{"report", "evidence", "--format", "json", "--clause", "8.55"}, "clause '8.55' is not a clause of iso20000-1:2018"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--out", Path("never.txt")});
    ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << args[1];
    EXPECT_THAT(result.err, HasSubstr(c.message)) << args[1];
    EXPECT_FALSE(std::filesystem::exists(Path("never.txt")));
    EXPECT_FALSE(std::filesystem::exists(Path("never.txt.partial")));
  }
}

TEST_F(ReportTest, TheEarlierEditionByItsJisName) {
  ProcessResult csv = Cli({"report", "coverage", "--target", "jisq20000-1:2012", "--format", "csv", "--as-of", "2026-12-01"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("\r\n9.2,"));
  ProcessResult json = Cli({"report", "coverage", "--target", "jisq20000-1:2012", "--format", "json", "--as-of", "2026-12-01"});
  EXPECT_EQ(nlohmann::json::parse(json.out)["target"], "iso20000-1:2011");
}

}  // namespace
}  // namespace crosswalk
