// The crosswalk binary end to end: arguments in, exit code and output out.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_process::ProcessResult;
using testing_process::RunProcess;

const std::string kMini = std::string(CROSSWALK_TEST_FIXTURES) + "/mini-mappings";

ProcessResult Crosswalk(std::vector<std::string> args, std::vector<std::string> env = {}) {
  args.insert(args.begin(), CROSSWALK_BINARY);
  return RunProcess(args, env);
}

ProcessResult Mini(std::vector<std::string> args) {
  args.insert(args.begin(), {"--mappings", kMini});
  return Crosswalk(args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(CliTest, HelpListsTheCommands) {
  ProcessResult r = Crosswalk({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("map --from ID --to ID [--direct-only | --best] [--sound-only] [--max-hops N]"));
}

TEST(CliTest, CatalogsCsv) {
  ProcessResult r = Mini({"catalogs", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out), ElementsAre("id,title,edition,aliases,items",
                                        "std-a:2005,Standard A,2005,jis-a:2006,10",
                                        "std-b:2011,Standard B,2011,jis-b:2012;jis-b:2012b,7"));
}

TEST(CliTest, CatalogByAliasCsv) {
  ProcessResult r = Mini({"catalog", "jis-b:2012", "--format=csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "ref,parent,kind,title_en,title_ja");
  EXPECT_EQ(lines[2], "6.1,6,clause,Service level management,サービスレベル管理");
}

TEST(CliTest, MapDirectOnlyCsv) {
  ProcessResult r = Mini({"map", "--from", "std-a:2005", "--to", "std-b:2011", "--direct-only",
                          "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "from_ref,to_ref,relationship,strength,derived,path,source,tier");
  EXPECT_EQ(lines[1],
            "A.6.2,6.1,intersects-with,,false,std-a:2005:A.6.2>std-b:2011:6.1,"
            "JIP-ITSMS112-2.1 Table 5-1,sound");
  EXPECT_EQ(lines[3],
            "A.10.3.1,6.5,subset-of,7,false,std-a:2005:A.10.3.1>std-b:2011:6.5,"
            "JIP-ITSMS112-2.1 Table 5-1,sound");
}

TEST(CliTest, MapInheritedFromObjective) {
  ProcessResult r = Mini({"map", "--from", "std-a:2005", "--to", "std-b:2011", "A.6.2.2",
                          "--format", "csv", "--sound-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "A.6.2.2,7.1,intersects-with,,false,std-a:2005:A.6.2.2>std-b:2011:7.1,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound",
                          "A.6.2.2,6.1,intersects-with,,true,"
                          "std-a:2005:A.6.2.2>std-a:2005:A.6.2>std-b:2011:6.1,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound",
                          "A.6.2.2,6.6,intersects-with,,true,"
                          "std-a:2005:A.6.2.2>std-a:2005:A>std-b:2011:6.6,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound"));
}

TEST(CliTest, MapReverseInverts) {
  ProcessResult r = Mini({"map", "--from", "jis-b:2012", "--to", "std-a:2005", "6.5",
                          "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "6.5,A.10.3.1,superset-of,7,false,std-b:2011:6.5>std-a:2005:A.10.3.1,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound",
                          "6.5,,no-relationship,,false,std-b:2011:6.5>std-a:2005:(none),"
                          "JIP-ITSMS112-2.1 Section 6.2,sound"));
}

TEST(CliTest, MapJsonIsValidAndCarriesProvenance) {
  ProcessResult r = Mini({"map", "--from", "std-a:2005", "--to", "std-b:2011", "A.10.3.1",
                          "--format", "json", "--sound-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string file = ::testing::TempDir() + "/map.json";
  std::ofstream(file) << r.out;
  ProcessResult check = RunProcess(
      {"/usr/bin/python3", "-c",
       "import json,sys; rows=json.load(open(sys.argv[1])); r=rows[0]; "
       "print(len(rows), r['from_ref'], r['strength'], r['derived'], r['source_line'], "
       "r['basis'], r['origin'])",
       file});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out, "2 A.10.3.1 7 False 14 seed crosswalks/fixture.csv:4\n");  // + inherited A row
}

TEST(CliTest, TableFormatAlignsJapanese) {
  ProcessResult r = Mini({"catalog", "std-b:2011"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_THAT(lines[0], StartsWith("ref    parent  kind    title_en"));
  EXPECT_THAT(lines[1], StartsWith("-----  ------  ------  "));
}

TEST(CliTest, TermsFullWidthAndJapanese) {
  for (const std::string query : {"ＫＮＯＷＮ ERROR", "既知のエラー", "known  error"}) {
    ProcessResult r = Mini({"terms", "--format", "csv", query});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(Lines(r.out), ElementsAre("term_en,jis_ja,itil_ja,differs",
                                          "known error,既知の誤り,既知のエラー,true"))
        << query;
  }
  ProcessResult all = Mini({"terms", "--format", "csv"});
  EXPECT_EQ(Lines(all.out).size(), 5u);
}

struct UsageCase {
  std::string name;
  std::vector<std::string> args;
  std::string message;
};

void PrintTo(const UsageCase& c, std::ostream* os) { *os << c.name; }

class UsageErrorTest : public ::testing::TestWithParam<UsageCase> {};

TEST_P(UsageErrorTest, ExitsTwoWithAHelpfulMessage) {
  ProcessResult r = Mini(GetParam().args);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.err, HasSubstr(GetParam().message));
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, UsageErrorTest,
    ::testing::Values(
        UsageCase{"unknown_catalog", {"catalog", "std-b:2018"},
                  "unknown catalog 'std-b:2018'; nearest known: std-b:2011"},
        UsageCase{"unknown_from", {"map", "--from", "std-c:2005", "--to", "std-b:2011"},
                  "nearest known: std-a:2005"},
        UsageCase{"unknown_ref", {"map", "--from", "std-b:2011", "--to", "std-a:2005", "6.7"},
                  "unknown ref '6.7' in std-b:2011; nearest known: 6.1"},
        UsageCase{"unknown_flag", {"map", "--form", "x"}, "unknown flag '--form'"},
        UsageCase{"flag_of_another_command", {"catalogs", "--from", "x"},
                  "'catalogs' does not take --from"},
        UsageCase{"unknown_format", {"catalogs", "--format", "xml"},
                  "unknown format 'xml'; nearest known:"},
        UsageCase{"unknown_command", {"mapp"}, "unknown command 'mapp'; nearest known: map"},
        UsageCase{"no_command", {}, "no command given"},
        UsageCase{"missing_to", {"map", "--from", "std-a:2005"}, "'map' needs --from and --to"},
        UsageCase{"flag_without_value", {"map", "--from"}, "--from needs a value"},
        UsageCase{"same_catalog", {"map", "--from", "std-a:2005", "--to", "jis-a:2006"},
                  "same catalog"}),
    [](const ::testing::TestParamInfo<UsageCase>& info) { return info.param.name; });

TEST(CliTest, ValidateCleanData) {
  ProcessResult r = Mini({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("ok: "));
  EXPECT_THAT(r.out, HasSubstr("2 catalogs (17 items), 6 crosswalk rows, 4 terms"));
}

TEST(CliTest, ValidatePlantedErrorsExitsOneListingFileLineColumn) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / "cli-planted";
  fs::remove_all(dir);
  fs::copy(kMini, dir, fs::copy_options::recursive);
  std::ofstream(dir / "crosswalks/fixture.csv", std::ios::app)
      << "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,12,seed,high,"
         "JIP-ITSMS112-2.1 Table 5-1,10,\n";
  std::ofstream(dir / "terms/fixture.csv", std::ios::app) << "problem,問題,問題,maybe,x,,\n";
  ProcessResult r = Crosswalk({"validate", "--mappings", dir.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(Lines(r.out),
              ElementsAre("crosswalks/fixture.csv:8:62: field 'strength': '12' is not a whole "
                          "number from 0 to 10",
                          "terms/fixture.csv:6:15: field 'differs': 'maybe' is not one of: true, "
                          "false",
                          "2 problem(s) in " + dir.string()));
  // A query on broken data refuses to answer rather than answer from half the rows.
  ProcessResult q = Crosswalk({"terms", "--mappings", dir.string()});
  EXPECT_EQ(q.exit_code, 1);
  EXPECT_THAT(q.err, HasSubstr("run 'crosswalk validate'"));
}

TEST(CliTest, MappingsFromEnvironment) {
  ProcessResult r = Crosswalk({"catalogs", "--format", "csv"}, {"CROSSWALK_MAPPINGS=" + kMini});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("std-a:2005"));
  ProcessResult missing = Crosswalk({"catalogs"}, {"CROSSWALK_MAPPINGS=/nonexistent"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent: is not a directory"));
}

TEST(CliTest, DefaultDataIsTheShippedMappings) {
  ProcessResult r = Crosswalk({"catalogs", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("iso20000-1:2011,"));
  EXPECT_THAT(r.out, HasSubstr(",jisq27001:2006,"));
}


// The done criteria, on the shipped data through the built binary.

int CountWithSource(const std::vector<std::string>& lines, const std::string& source) {
  int count = 0;
  for (const std::string& line : lines) count += absl::EndsWith(line, "," + source + ",sound");
  return count;
}

TEST(ShippedCliTest, Table5_1DirectOnlyListsExactlyItsPairs) {
  ProcessResult r = Crosswalk({"map", "--from", "iso27001:2005", "--to", "iso20000-1:2011",
                               "--direct-only", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 49u);  // header + the 48 pairs of seed Table 5-1
  EXPECT_EQ(lines[0], "from_ref,to_ref,relationship,strength,derived,path,source,tier");
  EXPECT_EQ(CountWithSource(lines, "JIP-ITSMS112-2.1 Table 5-1"), 48);
  EXPECT_THAT(lines, testing::Contains("A.10.2.3,5.2,intersects-with,,false,"
                                       "iso27001:2005:A.10.2.3>iso20000-1:2011:5.2,"
                                       "JIP-ITSMS112-2.1 Table 5-1,sound"));
  EXPECT_THAT(lines, testing::Contains("A,6.6,intersects-with,,false,"
                                       "iso27001:2005:A>iso20000-1:2011:6.6,"
                                       "JIP-ITSMS112-2.1 Table 5-1,sound"));
}

TEST(ShippedCliTest, JisAliasesReverseQuery) {
  ProcessResult r = Crosswalk({"map", "--from", "jisq20000-1:2012", "--to", "jisq27001:2006",
                               "--direct-only", "6.3", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "6.3,A.10.5,intersects-with,,false,"
                          "iso20000-1:2011:6.3>iso27001:2005:A.10.5,JIP-ITSMS112-2.1 Table 5-1,sound",
                          "6.3,A.14,intersects-with,,false,"
                          "iso20000-1:2011:6.3>iso27001:2005:A.14,JIP-ITSMS112-2.1 Table 5-1,sound"));
}

TEST(ShippedCliTest, ControlInheritsItsObjectiveAndTheWholeAnnex) {
  ProcessResult r = Crosswalk({"map", "--from", "iso27001:2005", "--to", "iso20000-1:2011",
                               "a.6.2.1", "--format", "csv", "--sound-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "A.6.2.1,7.2,intersects-with,,false,"
                          "iso27001:2005:A.6.2.1>iso20000-1:2011:7.2,JIP-ITSMS112-2.1 Table 5-1,sound",
                          "A.6.2.1,6.1,intersects-with,,true,"
                          "iso27001:2005:A.6.2.1>iso27001:2005:A.6.2>iso20000-1:2011:6.1,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound",
                          "A.6.2.1,6.6,intersects-with,,true,"
                          "iso27001:2005:A.6.2.1>iso27001:2005:A>iso20000-1:2011:6.6,"
                          "JIP-ITSMS112-2.1 Table 5-1,sound"));
}

TEST(ShippedCliTest, ItilTablesAndJapaneseRefs) {
  ProcessResult r = Crosswalk({"map", "--from", "itil:v3-2011", "--to", "iso20000-1:2011",
                               "--direct-only", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  // 21 pairs and 3 no-counterpart statements (4, 5, 6.2) in Table 7-7; 9 and 2 in Table A-1.
  EXPECT_EQ(CountWithSource(lines, "JIP-ITSMS112-2.1 Table 7-7"), 24);
  EXPECT_EQ(CountWithSource(lines, "JIP-ITSMS112-2.1 Table A-1"), 11);
  EXPECT_THAT(lines, testing::Contains(",6.2,no-relationship,,false,"
                                       "itil:v3-2011:(none)>iso20000-1:2011:6.2,"
                                       "JIP-ITSMS112-2.1 Table 7-7,sound"));

  ProcessResult by_title = Crosswalk({"map", "--from", "itil:v3-2011", "--to", "jisq20000-1:2012",
                                      "要求実現", "--format", "csv"});
  ASSERT_EQ(by_title.exit_code, 0) << by_title.err;
  EXPECT_THAT(Lines(by_title.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "request-fulfilment,8.1,subset-of,,false,"
                          "itil:v3-2011:request-fulfilment>iso20000-1:2011:8.1,"
                          "JIP-ITSMS112-2.1 Table 7-7,sound",
                          "request-fulfilment,8.1,subset-of,,false,"
                          "itil:v3-2011:request-fulfilment>iso20000-1:2011:8.1,"
                          "JIP-ITSMS112-2.1 Table A-1,sound"));
}

TEST(ShippedCliTest, QmsNoCounterpartStatements) {
  ProcessResult r = Crosswalk({"map", "--from", "iso20000-1:2011", "--to", "iso9001:2008", "6.4",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              ElementsAre("from_ref,to_ref,relationship,strength,derived,path,source,tier",
                          "6.4,,no-relationship,,false,"
                          "iso20000-1:2011:6.4>iso9001:2008:(none),JIP-ITSMS112-2.1 Section 6.2,sound"));
}

TEST(ShippedCliTest, TermsInJapaneseAndFullWidth) {
  for (const std::string query : {"ＫＮＯＷＮ ERROR", "既知のエラー", "既知の誤り"}) {
    ProcessResult r = Crosswalk({"terms", "--format", "csv", query});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(Lines(r.out), ElementsAre("term_en,jis_ja,itil_ja,differs",
                                          "known error,既知の誤り,既知のエラー,true"))
        << query;
  }
  ProcessResult all = Crosswalk({"terms", "--format", "csv"});
  EXPECT_EQ(Lines(all.out).size(), 119u);  // header + the 118 rows of Table B-1
  ProcessResult sla = Crosswalk({"terms", "--format", "csv", "ｓｌａ"});
  EXPECT_THAT(Lines(sla.out), testing::Contains("service level agreement,サービスレベル合意書 SLA,"
                                                "サービスレベル・アグリーメント,true"));
}

TEST(ShippedCliTest, ValidateIsClean) {
  ProcessResult r = Crosswalk({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr(": 13 catalogs ("));
}


// Issue 3's examples: chained queries from 27001:2022 to 20000-1:2018 through older editions.
TEST(ShippedCliTest, ChainedQueryFrom2022ControlTo2018Clause) {
  ProcessResult r = Crosswalk({"map", "--from", "jisq27001:2023", "--to", "jisq20000-1:2020", "5.24",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Lines(r.out),
              testing::Contains("A.5.24,8.6.3,intersects-with,,true,"
                                "iso27001:2022:A.5.24>iso27001:2013:A.16.1.1>iso27001:2005:A.13.2.1>"
                                "iso27001:2005:A.13.2>iso20000-1:2011:8.2>iso20000-1:2018:8.6.3,"
                                "ISO/IEC 27002:2022 Annex B > crosswalk derivation from control titles > "
                                "JIP-ITSMS112-2.1 Table 5-1 > "
                                "crosswalk derivation from clause titles and scope,sound"));
  // A merged control: through an objective-level row only "related" can be claimed, but the direct
  // current-edition row says more; --best prefers the direct row and the json says so.
  ProcessResult a88 = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018",
                                 "A.8.8", "--best", "--format", "csv"});
  ASSERT_EQ(a88.exit_code, 0) << a88.err;
  EXPECT_THAT(a88.out, HasSubstr("\nA.8.8,8.6.3,intersects-with,2,false,iso27001:2022:A.8.8>iso20000-1:2018:8.6.3,"
                                 "crosswalk derivation from clause and control content,sound\n"));
  ProcessResult all88 = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018", "A.8.8",
                                   "--format", "csv"});
  EXPECT_THAT(all88.out, HasSubstr("\nA.8.8,8.6.3,related,,true,"));  // the chain is still there without --best
  ProcessResult json88 = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018",
                                    "A.8.8", "--best", "--format", "json"});
  ASSERT_EQ(json88.exit_code, 0) << json88.err;
  const std::string file = ::testing::TempDir() + "/a88.json";
  std::ofstream(file) << json88.out;
  ProcessResult route = RunProcess(
      {"/usr/bin/python3", "-c",
       "import json,sys; r=[r for r in json.load(open(sys.argv[1])) if r['to_ref']=='8.6.3'][0]; "
       "print(r['route'], r['set_aside'] >= 1, r['tier'])",
       file});
  EXPECT_EQ(route.out, "direct True sound\n") << route.err;
  ProcessResult a530 = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018", "A.5.30",
                                  "--format", "csv"});
  EXPECT_THAT(a530.out, HasSubstr("\nA.5.30,8.7.2,"));  // ICT readiness for business continuity
  // Shorter searches do not find the chain: the route crosses four rows.
  ProcessResult short_search = Crosswalk({"map", "--from", "iso27001:2022", "--to",
                                          "iso20000-1:2018", "A.5.24", "--max-hops", "3", "--sound-only"});
  ASSERT_EQ(short_search.exit_code, 0) << short_search.err;
  // Only the direct current-edition rows: the chain through the older editions is cut off.
  EXPECT_THAT(short_search.out, testing::Not(HasSubstr("iso27001:2013")));
  EXPECT_THAT(short_search.out, HasSubstr("iso27001:2022:A.5.24>iso20000-1:2018:8.6.1"));
}

TEST(ShippedCliTest, NewControlsOf2022SayWhatIsKnown) {
  for (const char* control : {"A.5.7", "A.5.30"}) {
    ProcessResult r = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018",
                                 control, "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // No path through 2013 reaches 20000-1:2018; the direct current-edition rows do.
    EXPECT_THAT(Lines(r.out), testing::Contains(HasSubstr(std::string(control) + ",8.7.3.2,"))) << control;
    EXPECT_THAT(r.err, HasSubstr(std::string("note: ") + control + ": the path iso27001:2022:" +
                                 control + ">iso27001:2013:(none) ends in a stated \"no counterpart\" "
                                 "(ISO/IEC 27002:2022 Annex B)"));
  }
}

TEST(ShippedCliTest, BadMaxHops) {
  ProcessResult r = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018",
                               "A.5.24", "--max-hops", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--max-hops takes a whole number from 1 to 10"));
}


TEST(ShippedCliTest, GapsAreExplicit) {
  ProcessResult r = Crosswalk({"gaps", "--from", "iso27001:2005", "--to", "iso20000-1:2011",
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  EXPECT_EQ(lines[0], "to_ref,status,note");
  EXPECT_THAT(lines, testing::Contains("6.4,unmapped,no row of iso27001:2005 reaches it (unmapped is "
                                       "not unrelated)"));
  EXPECT_THAT(lines, testing::Contains("5.2,partial,reached by A.10.2.3 (intersects-with; "
                                       "JIP-ITSMS112-2.1 Table 5-1)"));
  // Table 5-1 only relates: nothing it reaches is covered, so every 20000-1 clause is listed.
  EXPECT_EQ(lines.size(), 54u);

  ProcessResult qms = Crosswalk({"gaps", "--from", "jisq9001:2008", "--to", "jisq20000-1:2012",
                                 "--format", "csv"});
  ASSERT_EQ(qms.exit_code, 0) << qms.err;
  EXPECT_THAT(qms.out, HasSubstr("\n6.4,no-counterpart,\"JIP-ITSMS112-2.1 Section 6.2 line 6474: "));
  // 9001:2008 8.2.2 is equivalent to 4.5.4.2: covered, so not a gap.
  EXPECT_THAT(qms.out, testing::Not(HasSubstr("\n4.5.4.2,")));
}


std::vector<std::string> SortedLines(const std::string& text) {
  auto lines = Lines(text);
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST(ShippedCliTest, OscalExportImportRoundTrip) {
  const std::string dir = ::testing::TempDir();
  for (const auto& [from, to, same_order] :
       {std::tuple<std::string, std::string, bool>{"iso27001:2005", "iso20000-1:2011", true},
        {"iso9001:2008", "iso20000-1:2011", false},
        {"iso27001:2013", "iso27001:2022", false}}) {
    const std::string json = dir + "/export.json";
    ProcessResult exported = Crosswalk({"export", "--from", from, "--to", to, "--format", "oscal",
                                        "--out", json});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    ProcessResult parsed = RunProcess(
        {"/usr/bin/python3", "-c",
         "import json,sys; d=json.load(open(sys.argv[1]))['mapping-collection']; "
         "p=d['provenance']; assert all(k in p for k in "
         "('method','matching-rationale','status','mapping-description')); "
         "print(d['metadata']['oscal-version'], sum(len(m['maps']) for m in d['mappings']))",
         json});
    ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
    EXPECT_THAT(parsed.out, StartsWith("1.2.2 "));
    ProcessResult csv = Crosswalk({"export", "--from", from, "--to", to, "--format", "csv"});
    ProcessResult imported = Crosswalk({"import", json});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    if (same_order) {
      EXPECT_EQ(imported.out, csv.out) << from;
    } else {
      EXPECT_EQ(SortedLines(imported.out), SortedLines(csv.out)) << from;
    }
  }
}

TEST(ShippedCliTest, OscalImportKeepsConfidenceCoverageAndSplitsNm) {
  ProcessResult r = Crosswalk({"import", kMini + "/../oscal/nm-mapping-collection.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre("from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,source,"
                  "source_line,note",
                  "iso27001:2005,iso20000-1:2011,A.10.5.1,6.3.2,equal,functional,,derived,medium,"
                  "OSCAL Hand-made n:m mapping (version 1),,Backups and continuity plans. / OSCAL confidence "
                  "0.6 / OSCAL target coverage 0.4 / part of an OSCAL map of 2 sources and 1 targets",
                  "iso27001:2005,iso20000-1:2011,A.14.1.4,6.3.2,equal,functional,,derived,medium,"
                  "OSCAL Hand-made n:m mapping (version 1),,Backups and continuity plans. / OSCAL confidence "
                  "0.6 / OSCAL target coverage 0.4 / part of an OSCAL map of 2 sources and 1 targets"));
}

TEST(ShippedCliTest, OscalImportReportsEveryDefectAndWritesNothing) {
  const std::string out = ::testing::TempDir() + "/never-written.csv";
  std::filesystem::remove(out);
  const std::string file = kMini + "/../oscal/defective-mapping-collection.json";
  ProcessResult r = Crosswalk({"import", file, "--out", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(out));
  for (const char* problem :
       {"/mapping-collection/provenance/method: 'by hand' is not one of: human, automation, hybrid",
        "/mapping-collection/provenance: missing required 'mapping-description'",
        "/mapping-collection/mappings/0/maps/1/relationship: 'overlaps' is not one of",
        "/mapping-collection/mappings/0/maps/2/sources/0/id-ref: unknown ref 'A.99.1' in "
        "iso27001:2005",
        "/mapping-collection/mappings/0/maps/3/matching-rationale: 'because it feels right'",
        "/mapping-collection/mappings/0/maps/3/props: strength '50' is not a whole number from 0 "
        "to 10",
        "/mapping-collection/mappings/1/source-resource/href: "
        "'https://example.org/some-other-catalog.json' names no crosswalk catalog",
        "7 problem(s) in"}) {
    EXPECT_THAT(r.err, HasSubstr(problem));
  }
  const std::string broken_file = ::testing::TempDir() + "/broken.json";
  std::ofstream(broken_file) << "{\"mapping-collection\": [";
  ProcessResult broken = Crosswalk({"import", broken_file});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("broken.json: /: not valid JSON"));
}


}  // namespace
}  // namespace crosswalk

// The command line is parsed with CLI11 from one table of commands and flags (docs/cli.md).
namespace crosswalk {
namespace {

TEST(CliParsingTest, EveryCommandHasItsOwnHelp) {
  for (const std::string command : {"map", "records", "report", "sync", "assess", "sam", "completion"}) {
    ProcessResult r = Crosswalk({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_THAT(r.out, StartsWith("usage: crosswalk " + command)) << r.out;
    EXPECT_EQ(r.err, "");
  }
  ProcessResult map = Crosswalk({"map", "--help"});
  EXPECT_THAT(map.out, HasSubstr("--max-hops N"));
  EXPECT_THAT(map.out, HasSubstr("(table, csv, json)"));
  EXPECT_THAT(map.out, ::testing::Not(HasSubstr("--evidence")));  // another command's flag
  EXPECT_THAT(Crosswalk({"assess", "--help"}).out, HasSubstr("--evidence LINK"));
  EXPECT_THAT(Crosswalk({"sam", "--help"}).out, HasSubstr("--class C"));
}

TEST(CliParsingTest, SamTalksToAGateway) {
  ProcessResult r = Crosswalk({"sam", "installs"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("'sam' talks to a gateway"));
  EXPECT_THAT(Crosswalk({"--help"}).out,
              HasSubstr("  sam [--device D] [--class C] [--product P] [--as-of YYYY-MM-DD] [--kind K] [--format F] [--encoding E] "
                        "installs|titles|position|explain|exceptions|refresh\n"));
}

TEST(CliParsingTest, VersionIsTheProjectVersion) {
  ProcessResult r = Crosswalk({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, ::testing::MatchesRegex("crosswalk [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

TEST(CliParsingTest, ARepeatedSingleValuedFlagIsAUsageError) {
  ProcessResult r = Mini({"catalogs", "--format", "csv", "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--format given 2 times; it takes one value"));
  EXPECT_EQ(r.out, "");
  ProcessResult global = Crosswalk({"--mappings", "a", "--mappings", "b", "validate"});
  EXPECT_EQ(global.exit_code, 2);
  EXPECT_THAT(global.err, HasSubstr("--mappings given 2 times"));
}

TEST(CliParsingTest, FlagsMayComeBeforeAndAfterTheCommand) {
  ProcessResult r = Crosswalk({"--format=csv", "catalogs", "--mappings", kMini});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("id,title,edition,aliases,items\n"));
  ProcessResult before = Crosswalk({"--format", "csv", "--mappings", kMini, "catalogs"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, r.out);
}

TEST(CliParsingTest, CompletionScriptIsValidBashAndKnowsCommandsFlagsAndValues) {
  ProcessResult r = Crosswalk({"completion", "bash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("complete -o default -F _crosswalk crosswalk"));
  EXPECT_THAT(r.out, HasSubstr("records) flags=\"--kind --source"));
  EXPECT_THAT(r.out, HasSubstr("--lang) COMPREPLY=($(compgen -W \"en ja\""));
  EXPECT_THAT(r.out, HasSubstr("html"));
  EXPECT_THAT(r.out, HasSubstr("service-request"));  // --kind values from mappings/rules/kinds.csv
  const std::string script = ::testing::TempDir() + "/crosswalk-completion.bash";
  std::ofstream(script) << r.out;
  EXPECT_EQ(RunProcess({"/bin/bash", "-n", script}).exit_code, 0);
  // Completing `crosswalk report --format ` offers the report formats.
  std::ofstream(script, std::ios::app)
      << "COMP_WORDS=(crosswalk report --format h); COMP_CWORD=3; _crosswalk; echo \"${COMPREPLY[*]}\"\n";
  ProcessResult completed = RunProcess({"/bin/bash", script});
  EXPECT_EQ(completed.out, "html\n") << completed.err;
  EXPECT_EQ(Crosswalk({"completion", "zsh"}).exit_code, 2);
}

}  // namespace
}  // namespace crosswalk
