// RenderOscal over a report built as crosswalkd builds one: hand-built records committed to a
// temporary SQLite store, BuildReport with the shipped mappings. tests/report/oscal_check.py
// checks the document against the OSCAL 1.2 assessment-results model and against the coverage
// the test reads from the ReportDocument itself; with -DCROSSWALK_OSCAL_AR_SCHEMA=<file> it also
// validates it against the OSCAL JSON schema (docs/reports.md "OSCAL assessment-results").

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "connectors/files/preset.h"
#include "gateway/core/time_text.h"
#include "gateway/report/report_document.h"
#include "gateway/report/report_render.h"
#include "gateway/store/sqlite_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/report/estate_store.h"
#include "tests/report/shipped_mappings.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A small estate: incidents (two also naming their clause, which counts them once; one with a
// native id that spans lines), a change, an audit finding naming a clause, SoA controls (one not applicable), a
// documented-information record naming a clause.
std::vector<Record> SmallEstate() {
  return {
      RecordBuilder("incident", "INC001", "sn-incidents").Status("resolved").Effective("2026-10-20")
          .Link("clause", "iso20000-1:2018#8.6.1"),
      RecordBuilder("incident", "INC002", "sn-incidents").Status("closed").Effective("2025-01-10")
          .Link("clause", "iso20000-1:2018#8.6.1").Link("clause", "iso20000-1:2018#8.6.1"),
      RecordBuilder("incident", "INC 003\n(reopened)  ", "sn-incidents").Status("in-progress")
          .Effective("2026-10-30"),
      RecordBuilder("change", "CHG001", "sn-changes").Status("closed").Effective("2026-09-01"),
      RecordBuilder("audit-finding", "AF-1", "audit-findings").Effective("2026-06-01")
          .Link("clause", "iso20000-1:2018#8.6.1"),
      RecordBuilder("control", "A.5.24", "isms-soa").Status("implemented")
          .Link("implements", "iso27001:2022#A.5.24"),
      RecordBuilder("control", "A.5.19", "isms-soa").Status("implemented")
          .Link("implements", "iso27001:2022#A.5.19"),
      RecordBuilder("control", "A.5.30", "isms-soa").Status("partially-implemented")
          .Link("implements", "iso27001:2022#A.5.30"),
      RecordBuilder("control", "A.8.1", "isms-soa").Status("not-applicable")
          .Link("implements", "iso27001:2022#A.8.1"),
      RecordBuilder("documented-information", "DOC-1", "qms-documents").Effective("2026-03-01")
          .Link("clause", "iso20000-1:2018#5.2.1"),
  };
}

struct CheckRun {
  int exit_code = -1;
  std::string output;
};

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OscalRenderTest : public ::testing::Test {
 protected:
  static ReportDocument BuildFrom(Store* store, const std::string& as_of) {
    ReportOptions options;
    options.as_of = T(as_of);
    options.mappings_dir = CROSSWALK_SOURCE_MAPPINGS_DIR;
    auto document = BuildReport(store, &ShippedEngine(), &ShippedRules(), options);
    EXPECT_TRUE(document.ok()) << document.status();
    return document.ok() ? *document : ReportDocument{};
  }

  // The example estate (tools/examples/estate/) committed to a new store, reported on 2026-11-01.
  static ReportDocument Estate(const std::string& name) {
    auto presets = files::PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    EXPECT_TRUE(presets.ok()) << presets.status();
    const std::string path = absl::StrCat(::testing::TempDir(), "/oscal-", name, ".db");
    std::filesystem::remove(path);
    auto store = OpenSqliteStore(path);
    EXPECT_TRUE(store.ok()) << store.status();
    if (!presets.ok() || !store.ok()) return {};
    auto committed = CommitEstate(CROSSWALK_ESTATE_DIR, &ShippedEngine(), &ShippedRules(), presets->get(),
                                  store->get());
    EXPECT_TRUE(committed.ok()) << committed.status();
    return BuildFrom(store->get(), "2026-11-01");
  }

  // Commits `records` (grouped by source, in the order given) to a new store named `name` and
  // builds the report of `as_of` over it.
  static ReportDocument Build(const std::vector<Record>& records, const std::string& as_of,
                              const std::string& name) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/oscal-", name, ".db");
    std::filesystem::remove(path);
    auto store = OpenSqliteStore(path);
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return {};
    std::map<std::string, std::vector<RecordToStore>> by_source;
    std::vector<std::string> order;
    for (const Record& record : records) {
      if (!by_source.count(record.provenance.source)) order.push_back(record.provenance.source);
      RecordToStore item;
      item.record = record;
      item.record.provenance.content_hash = absl::StrCat("hash-", record.provenance.native_id);
      by_source[record.provenance.source].push_back(std::move(item));
    }
    for (const std::string& source : order) {
      auto committed = (*store)->CommitBatch(source, by_source[source], "cursor");
      EXPECT_TRUE(committed.ok()) << committed.status();
    }
    return BuildFrom(store->get(), as_of);
  }

  // What the checker compares the OSCAL document with, read from the document itself.
  static Json Expected(const ReportDocument& document) {
    Json clauses = Json::array();
    for (const ClauseCoverage& c : document.coverage.clauses) {
      if (!c.leaf) continue;
      clauses.push_back({{"ref", c.ref},
                         {"status", c.status},
                         {"caution", c.caution},
                         {"listed", c.evidence.size() + c.controls.size() + c.documents.size() + c.against.size()}});
    }
    return {{"leaf_clauses", clauses}, {"caution", document.coverage.caution.en}};
  }

  // Runs oscal_check.py on `oscal` against what `document` says (and the schema when given).
  static CheckRun CheckText(const std::string& oscal, const ReportDocument& document, const std::string& name,
                            const std::string& schema = "") {
    const std::string dir = ::testing::TempDir();
    const std::string results = absl::StrCat(dir, "/", name, "-ar.json");
    const std::string expected = absl::StrCat(dir, "/", name, "-expected.json");
    const std::string output = absl::StrCat(dir, "/", name, "-check.txt");
    std::ofstream(results, std::ios::binary) << oscal;
    std::ofstream(expected, std::ios::binary) << Expected(document).dump();
    std::string command = absl::StrCat("/usr/bin/python3 ", Quote(CROSSWALK_OSCAL_CHECK), " ", Quote(results), " ",
                                       Quote(expected));
    if (!schema.empty()) absl::StrAppend(&command, " ", Quote(schema));
    absl::StrAppend(&command, " > ", Quote(output), " 2>&1");
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(output)};
  }
  static CheckRun Check(const ReportDocument& document, const std::string& name, const std::string& schema = "") {
    return CheckText(RenderOscal(document), document, name, schema);
  }

};

const Json* FindingOf(const Json& result, const std::string& ref) {
  for (const Json& finding : result["findings"]) {
    for (const Json& prop : finding["target"]["props"]) {
      if (prop["name"] == "clause" && prop["value"] == ref) return &finding;
    }
  }
  return nullptr;
}

std::string PropOf(const Json& object, const std::string& name) {
  if (!object.contains("props")) return "";
  for (const Json& prop : object["props"]) {
    if (prop["name"] == name) return prop["value"].get<std::string>();
  }
  return "";
}

TEST_F(OscalRenderTest, MeetsTheModelAndMatchesTheCoverage) {
  const ReportDocument document = Build(SmallEstate(), "2026-11-01", "model");
  const ReportSummary summary = Summarize(document);
  // The estate reaches every kind of finding the renderer writes.
  ASSERT_GT(summary.covered, 0);
  ASSERT_GT(summary.not_covered, 0);
  ASSERT_GT(summary.cautioned, 0);
  size_t listed = 0;
  for (const ClauseCoverage& c : document.coverage.clauses) {
    if (c.leaf) listed += c.evidence.size() + c.controls.size() + c.documents.size() + c.against.size();
  }
  const CheckRun run = Check(document, "model");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, absl::StrCat("findings ", summary.clauses, " satisfied ", summary.covered,
                                     " observations ", listed, "\n"));

  auto rendered = RenderReport(document, ReportKind::kGaps, {"oscal", "en"});
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  EXPECT_EQ(rendered->content_type, "application/json");
  EXPECT_EQ(rendered->content, RenderOscal(document));
}

TEST_F(OscalRenderTest, FindingsCarryTheCoverageAndObservationsTheReach) {
  const ReportDocument document = Build(SmallEstate(), "2026-11-01", "findings");
  const Json oscal = Json::parse(RenderOscal(document));
  const Json& ar = oscal["assessment-results"];
  EXPECT_EQ(ar["metadata"]["oscal-version"], "1.2.2");
  EXPECT_THAT(ar["metadata"]["last-modified"].get<std::string>(), StartsWith("2026-11-01T"));  // the report date
  EXPECT_THAT(ar["metadata"]["version"].get<std::string>(), StartsWith("2026-11-01+"));
  EXPECT_EQ(ar["import-ap"]["href"], "#" + ar["back-matter"]["resources"][0]["uuid"].get<std::string>());
  const Json& result = ar["results"][0];
  EXPECT_EQ(result["start"], "2026-11-01T00:00:00Z");
  EXPECT_THAT(result["title"].get<std::string>(), HasSubstr("(iso20000-1:2018)"));
  std::map<std::string, const Json*> observations;
  for (const Json& o : result["observations"]) observations[o["uuid"]] = &o;

  // Incident management: evidence by kind and by the records' clause links.
  const Json* incidents = FindingOf(result, "8.6.1");
  ASSERT_NE(incidents, nullptr);
  EXPECT_EQ((*incidents)["target"]["target-id"], "clause-8.6.1_smt");
  EXPECT_EQ((*incidents)["target"]["status"]["state"], "satisfied");
  EXPECT_EQ(PropOf(*incidents, "coverage-status"), "covered");
  EXPECT_EQ(PropOf(*incidents, "freshness"), "current");
  EXPECT_EQ(PropOf(*incidents, "caution"), "false");
  EXPECT_EQ(PropOf(*incidents, "evidence-count"), "4");  // 3 incidents by kind, AF-1 by its link
  std::multiset<std::string> vias;
  for (const Json& r : (*incidents)["related-observations"]) {
    const Json& o = *observations.at(r["observation-uuid"]);
    EXPECT_EQ(o["methods"], Json::array({"EXAMINE"}));
    EXPECT_EQ(o["collected"], "2026-11-01T00:00:00Z");
    if (PropOf(o, "role") != "evidence") continue;
    vias.insert(PropOf(o, "via") + " " + PropOf(o["relevant-evidence"][0], "native-id"));
  }
  EXPECT_EQ(vias, (std::multiset<std::string>{"kind incident INC001", "kind incident INC002",
                                              "kind incident INC 003 (reopened)",
                                              "clause iso20000-1:2018#8.6.1 AF-1"}));

  // A clause resting on mapped controls alone: not satisfied, with the seed's caution.
  const ClauseCoverage* cautioned = nullptr;
  for (const ClauseCoverage& c : document.coverage.clauses) {
    if (c.leaf && c.caution && cautioned == nullptr) cautioned = &c;
  }
  ASSERT_NE(cautioned, nullptr);
  const Json* partial = FindingOf(result, cautioned->ref);
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ((*partial)["target"]["status"], (Json{{"state", "not-satisfied"}, {"reason", "partial"}}));
  EXPECT_EQ(PropOf(*partial, "caution"), "true");
  EXPECT_THAT((*partial)["remarks"].get<std::string>(), StartsWith(cautioned->reason.en));
  EXPECT_THAT((*partial)["remarks"].get<std::string>(), HasSubstr("note under Table 5-1"));
  const Json& control = *observations.at((*partial)["related-observations"][0]["observation-uuid"]);
  EXPECT_EQ(PropOf(control, "role"), "mapped-control");
  EXPECT_THAT(PropOf(control, "via"), StartsWith("implements iso27001:2022#A.5."));
  EXPECT_NE(PropOf(control, "relationship"), "");
  EXPECT_THAT(PropOf(control, "path"), HasSubstr(">"));
  EXPECT_NE(PropOf(control, "mapping-sources"), "");
  EXPECT_EQ(PropOf(control["relevant-evidence"][0], "source"), "isms-soa");
  EXPECT_FALSE(control.contains("expires"));

  // Covered by a document alone: satisfied, maturity 1.
  const Json* policy = FindingOf(result, "5.2.1");
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ((*policy)["target"]["status"]["state"], "satisfied");
  EXPECT_EQ(PropOf(*policy, "maturity"), "1");
  EXPECT_EQ(PropOf(*policy, "document-count"), "1");

  // Nothing at all: not satisfied, no observations.
  std::string none;
  for (const ClauseCoverage& c : document.coverage.clauses) {
    if (c.leaf && c.status == "not-covered" && none.empty()) none = c.ref;
  }
  const Json* nothing = FindingOf(result, none);
  ASSERT_NE(nothing, nullptr);
  EXPECT_EQ((*nothing)["target"]["status"]["reason"], "not-covered");
  EXPECT_FALSE(nothing->contains("related-observations"));
}

TEST_F(OscalRenderTest, SameReportSameBytesOtherReportOtherUuids) {
  std::vector<Record> reversed = SmallEstate();
  std::reverse(reversed.begin(), reversed.end());
  const std::string first = RenderOscal(Build(SmallEstate(), "2026-11-01", "same-a"));
  EXPECT_EQ(first, RenderOscal(Build(reversed, "2026-11-01", "same-b")));

  const std::string later = RenderOscal(Build(SmallEstate(), "2026-12-01", "later"));
  std::vector<Record> more = SmallEstate();
  more.push_back(RecordBuilder("incident", "INC004", "sn-incidents").Effective("2026-10-31"));
  const std::string grown = RenderOscal(Build(more, "2026-11-01", "grown"));
  auto uuids = [](const std::string& text) {
    std::set<std::string> out;
    std::function<void(const Json&)> walk = [&](const Json& node) {
      if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
          if (key == "uuid") out.insert(value.get<std::string>());
          walk(value);
        }
      } else if (node.is_array()) {
        for (const Json& value : node) walk(value);
      }
    };
    walk(Json::parse(text));
    return out;
  };
  const std::set<std::string> a = uuids(first);
  for (const std::string& other : {later, grown}) {
    std::vector<std::string> shared;
    const std::set<std::string> b = uuids(other);
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    EXPECT_THAT(shared, ::testing::IsEmpty());
  }
}

// The document's uuid, version and last-modified follow its findings: the same records give the
// same three, a changed finding (here a change record older than its cadence, so 8.5.1.x turns
// stale) other ones, though the record counts and so every finding's uuid stay.
TEST_F(OscalRenderTest, DocumentIdentityFollowsTheFindings) {
  auto identity = [](const std::string& text) {
    const Json md = Json::parse(text)["assessment-results"];
    return std::vector<std::string>{md["uuid"], md["metadata"]["version"], md["metadata"]["last-modified"]};
  };
  const std::vector<std::string> first = identity(RenderOscal(Build(SmallEstate(), "2026-11-01", "identity-a")));
  EXPECT_EQ(first, identity(RenderOscal(Build(SmallEstate(), "2026-11-01", "identity-b"))));
  std::vector<Record> older = SmallEstate();
  bool changed = false;
  for (Record& r : older) {
    if (r.provenance.native_id != "CHG001") continue;
    r.effective = *ParseTimestamp("2025-01-01");
    changed = true;
  }
  ASSERT_TRUE(changed);
  const std::vector<std::string> second = identity(RenderOscal(Build(older, "2026-11-01", "identity-c")));
  for (size_t i = 0; i < first.size(); ++i) EXPECT_NE(first[i], second[i]) << i;
  EXPECT_THAT(second[2], StartsWith("2026-11-01T"));
}

// The checker is not vacuous: each defect planted in a good rendering is reported.
TEST_F(OscalRenderTest, CheckerReportsPlantedDefects) {
  const ReportDocument document = Build(SmallEstate(), "2026-11-01", "defects");
  const Json good = Json::parse(RenderOscal(document));
  Json bad = good;
  Json& result = bad["assessment-results"]["results"][0];
  const std::string dropped = result["observations"][0]["uuid"];
  result["observations"].erase(0);                                       // a dangling related-observation
  result["findings"][0]["target"]["status"]["state"] = "satisfied";      // 4.1 is not covered
  result["findings"][1]["props"][0]["name"] = "coverage status";         // not a token
  result["findings"][2]["uuid"] = result["findings"][3]["uuid"];         // a duplicate
  bad["assessment-results"]["metadata"].erase("last-modified");          // a required field
  bad["assessment-results"]["import-ap"]["href"] = "#not-a-resource";
  const CheckRun run = CheckText(bad.dump(), document, "defects");
  EXPECT_EQ(run.exit_code, 1);
  for (const std::string& problem : std::vector<std::string>{
           "/assessment-results/metadata: missing required 'last-modified'",
        "/assessment-results/import-ap/href: #not-a-resource names no back-matter resource",
        absl::StrCat(dropped, " is no observation of the result"),
        "clause 4.1 is not-covered but the finding says satisfied",
        "/findings/1/props/0/name: \"coverage status\" is not a valid token", "already used at",
        "satisfied findings, "}) {
    EXPECT_THAT(run.output, HasSubstr(problem));
  }
  EXPECT_EQ(CheckText(good.dump(), document, "defects-good").exit_code, 0);
}

TEST_F(OscalRenderTest, ExampleEstateMeetsTheModel) {
  const ReportDocument document = Estate("estate");
  const ReportSummary summary = Summarize(document);
  ASSERT_GT(summary.records, 1000);
  const CheckRun run = Check(document, "estate");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, StartsWith(absl::StrCat("findings ", summary.clauses, " satisfied ", summary.covered,
                                                  " observations ")));
}

TEST_F(OscalRenderTest, ValidatesAgainstTheOscalJsonSchema) {
  const std::string schema = CROSSWALK_OSCAL_AR_SCHEMA;
  ASSERT_TRUE(std::filesystem::exists(schema)) << schema;
  for (const auto& [name, document] : {std::pair<std::string, ReportDocument>{"schema-small", Build(SmallEstate(), "2026-11-01", "schema-small")},
                                       {"schema-estate", Estate("schema-estate")}}) {
    const CheckRun run = Check(document, name, schema);
    EXPECT_EQ(run.exit_code, 0) << name << "\n" << run.output;
  }
}

}  // namespace
}  // namespace crosswalk::report
