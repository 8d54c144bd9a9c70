// Both reports over the example estate (tools/examples/estate/), read through the real file
// connector, presets and normaliser as crosswalkd reads them (tools/examples/crosswalkd.yaml).
// The expected counts were counted in the files themselves, independently of crosswalk.

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/files/file_connector.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/mapping/ref_resolver.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/report/duration_table.h"
#include "gateway/report/quality.h"
#include "gateway/report/quality_rules.h"
#include "gateway/report/scope.h"
#include "gateway/report/service_report.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/estate_store.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

// Reads every estate file through connector and normaliser and hands each record to `sink`.
class EstateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string mappings = CROSSWALK_SOURCE_MAPPINGS_DIR;
    auto data = mapping::LoadValidMappings(mappings);
    ASSERT_TRUE(data.ok()) << data.status();
    engine_ = new mapping::MappingEngine(std::move(*data));
    auto rules = RuleSet::Load(mappings);
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = rules->release();
    auto presets = files::PresetSet::Load(mappings);
    ASSERT_TRUE(presets.ok()) << presets.status();
    presets_ = presets->release();
    records_ = new std::vector<Record>();
    ReadEstate();
  }
  static void TearDownTestSuite() {
    delete records_;
    delete presets_;
    delete rules_;
    delete engine_;
  }

  // Hands every estate record to `sink` (a QualityChecker or a ServiceReporter).
  template <typename Sink>
  static void Feed(Sink& sink) {
    for (const Record& record : *records_) sink.Add(record);
  }

  // A shipped table of mappings/reports/.
  static DurationTable Shipped(absl::StatusOr<DurationTable> (*load)(const std::string&),
                               const std::string& file) {
    auto table = load(absl::StrCat(CROSSWALK_SOURCE_MAPPINGS_DIR, "/reports/", file));
    EXPECT_TRUE(table.ok()) << table.status();
    return table.ok() ? *table : DurationTable{};
  }

  static void ReadEstate() {
    for (const EstateSource& source : ExampleEstateSources()) {
      std::map<std::string, std::string> options(source.options.begin(), source.options.end());
      ReadFile(source.name, absl::StrCat(CROSSWALK_ESTATE_DIR, "/", source.file), source.preset,
               std::move(options), records_);
    }
  }

  // Reads one file through the file connector with `preset` and the normaliser into `out`.
  static void ReadFile(const std::string& name, const std::string& path, const std::string& preset,
                       std::map<std::string, std::string> options, std::vector<Record>* out) {
    SCOPED_TRACE(name);
    ConnectorRegistry registry;
    registry.Register(files::FileConnectorFactory(presets_));
    const Normalizer normalizer(rules_, mapping::RefResolverFor(engine_));
    options["location"] = path;
    options["preset"] = preset;
    auto connector = registry.Create({name, "file", options}, {});
    ASSERT_TRUE(connector.ok()) << connector.status();
    ASSERT_TRUE((*connector)->Start("").ok());
    const SourceShape shape = (*connector)->Shape();
    while (true) {
      auto page = (*connector)->Pull(500);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const RawRecord& raw : page->records) {
        auto normalized = normalizer.Normalize(raw, shape, 0, /*with_hash=*/false);
        ASSERT_TRUE(normalized.ok()) << normalized.status();
        out->push_back(std::move(normalized->record));
      }
      if (page->done) break;
    }
  }

  static mapping::MappingEngine* engine_;
  static RuleSet* rules_;
  static files::PresetSet* presets_;
  static std::vector<Record>* records_;
};
mapping::MappingEngine* EstateTest::engine_ = nullptr;
RuleSet* EstateTest::rules_ = nullptr;
files::PresetSet* EstateTest::presets_ = nullptr;
std::vector<Record>* EstateTest::records_ = nullptr;

TEST_F(EstateTest, QualityFindings) {
  QualityChecker checker({T("2026-11-01"), Shipped(&LoadCadence, "cadence.csv")});
  Feed(checker);
  const std::vector<QualityFinding> findings = checker.Finish();
  std::map<std::string, std::pair<int64_t, int64_t>> counts;
  for (const QualityRuleCount& count : checker.Counts()) counts[count.rule_id] = {count.examined, count.findings};
  // {examined, findings}, counted in the files: ServiceNow exports plus the Shift_JIS desk tickets
  // (which have no approval, reason, category, resolution or root-cause column).
  const std::map<std::string, std::pair<int64_t, int64_t>> expected = {
      // 174 ServiceNow changes went ahead and are not standard, 25 of them "not requested" or
      // "requested"; 6 desk changes resolved or completed.
      {kChangeWithoutApproval, {180, 31}},
      {kChangeWithoutReason, {314, 54}},          // 40 empty justifications + 14 desk changes
      {kIncidentWithoutPriority, {1205, 0}},
      {kIncidentWithoutCategory, {1205, 5}},      // the 5 desk incidents
      {kIncidentWithoutResolution, {1037, 106}},  // 105 of 1036 resolved/closed ServiceNow + T-0008
      {kProblemWithoutRootCause, {32, 17}},       // 12 of 27 closed ServiceNow + 5 desk problems
      {kProblemWithoutKnownError, {0, 0}},        // no open problem has a root cause
      {kCiWithoutOwner, {93, 10}},                // non-service CIs not retired
      {kSoftwareCiWithoutLicence, {16, 16}},      // cmdb_ci_appl not retired; the export has no licence
      // cmdb_ci_service not retired (no SLA), and the catalogue's 3 in-scope services in use (each
      // names its SLA); ERP and Network are out of scope, the fax gateway retired.
      {kServiceWithoutSla, {20, 17}},
      // 28 documents: DOC-011, DOC-021 and DOC-028 have no revision history; DOC-012 and DOC-016
      // no approver, DOC-026 "-".
      {kDocumentWithoutVersionHistory, {28, 3}},
      {kDocumentWithoutApprover, {28, 3}},
      // 1041 of 1200 incidents older than 90 days, …; documents DOC-011 and DOC-021 last reviewed
      // more than a year before 2026-11-01.
      // The catalogue's SVC-002 and SVC-006 and the suppliers SUP-002 and SUP-004 too.
      {kStaleEvidence, {1975, 1470}},
      {kEvidenceWithoutDate, {1976, 1}},          // all but security incidents and complaints; the draft DOC-012
      {kUnmappedValue, {2008, 0}},                // every value of the estate has a rule
      {kExpiredCertification, {0, 0}},            // no certification declared
  };
  EXPECT_EQ(counts, expected);
  EXPECT_EQ(findings.size(), 1733u);
  // A finding names its record by source, native id and location.
  const QualityFinding& first = findings.front();
  EXPECT_EQ(first.rule_id, kChangeWithoutApproval);
  EXPECT_EQ(first.records.front().source, "desk-tickets-ja");
  EXPECT_THAT(first.records.front().location, ::testing::HasSubstr("tickets-sjis.csv"));
}

TEST_F(EstateTest, ServiceReport) {
  ServiceReportOptions options;
  options.as_of = T("2026-11-01");
  options.resolution_targets = Shipped(&LoadResolutionTargets, "resolution-targets.csv");
  ServiceReporter reporter(options);
  for (const Record& record : *records_) reporter.AddCatalogueEntry(record);  // as BuildReport reads
  Feed(reporter);
  const ServiceReport report = reporter.Finish();

  std::vector<std::string> services;
  for (const ServiceFigures& service : report.services) services.push_back(service.service);
  // The desk tickets name their services in Japanese: they are other services to the report.
  EXPECT_THAT(services, ::testing::ElementsAre("Customer Portal", "E-mail", "ERP", "Network", "Payroll",
                                               "給与計算", "電子メール", "顧客ポータル", kNoService));
  const ServiceFigures& portal = report.services[0];
  ASSERT_EQ(portal.periods.size(), 20u);  // 2025-04 … 2026-11
  EXPECT_EQ(portal.periods.front().period.label, "2025-04");
  EXPECT_EQ(portal.periods.back().period.label, "2026-11");
  auto period = [&](const std::string& label) -> const PeriodFigures& {
    for (const PeriodFigures& p : portal.periods) {
      if (p.period.label == label) return p;
    }
    ADD_FAILURE() << label;
    return portal.periods.front();
  };
  auto incidents = [&](const std::string& label, const std::string& priority) -> const IncidentFigures& {
    for (const IncidentFigures& f : period(label).incidents) {
      if (f.priority == priority) return f;
    }
    ADD_FAILURE() << priority;
    return period(label).incidents.front();
  };
  // Counted in servicenow-incident.json: Customer Portal incidents opened in May 2026.
  const IncidentFigures& moderate = incidents("2026-05", "moderate");
  EXPECT_EQ(moderate.opened.size(), 7u);
  EXPECT_EQ(moderate.resolved.size(), 7u);
  EXPECT_EQ(moderate.median_resolution_seconds, 32400);
  EXPECT_EQ(moderate.max_resolution_seconds, 43200);
  EXPECT_EQ(moderate.within_target_rate, 1.0);
  const IncidentFigures& high = incidents("2026-05", "high");
  EXPECT_EQ(high.opened.size(), 4u);
  EXPECT_EQ(high.median_resolution_seconds, 27000);
  EXPECT_EQ(high.over_target.size(), 2u);
  EXPECT_EQ(high.within_target_rate, 0.5);
  EXPECT_EQ(incidents("2026-05", "low").open_past_target.size(), 1u);
  // Changes by closed time, else planned end.
  EXPECT_EQ(period("2025-04").changes.successful.size(), 4u);
  EXPECT_EQ(period("2025-04").changes.unknown.size(), 1u);
  EXPECT_EQ(period("2025-04").changes.success_rate, 1.0);
  EXPECT_EQ(period("2025-12").changes.success_rate, std::nullopt);  // no changes that month
  EXPECT_EQ(period("2026-07").changes.not_implemented.size(), 1u);
  EXPECT_EQ(period("2026-07").changes.success_rate, std::nullopt);
  // Open Customer Portal incidents on the report date.
  const BacklogFigures& backlog = period("2026-11").backlog[0];
  EXPECT_EQ(backlog.kind, "incident");
  EXPECT_EQ(backlog.open.size(), 28u);
  EXPECT_EQ(backlog.oldest_age_seconds, 48495600);
  EXPECT_EQ(backlog.median_age_seconds, 30375000);
  // ServiceNow problems name no service: they are counted under "(no service)", not dropped.
  // Counted in servicenow-problem.csv: 33 of its 60 problems are not concluded (problem_state 101
  // New 6, 102 Assess 8, 103 Root Cause Analysis 11, 104 Fix in Progress 8), all opened before the
  // report date, so all 33 are open at its backlog instant; every one is listed (33 < 100).
  const ServiceFigures& none = report.services.back();
  ASSERT_TRUE(none.no_service);
  const BacklogFigures& problems_now = none.periods.back().backlog[2];
  ASSERT_EQ(problems_now.kind, "problem");
  int64_t servicenow_problems = 0;
  for (uint32_t ref : problems_now.open) {
    EXPECT_EQ(report.records.at(ref).kind, "problem");
    servicenow_problems += report.records.at(ref).source == "sn-problems";
  }
  EXPECT_EQ(servicenow_problems, 33);

}

// The scope checks on the estate. Counted in the files: 3 services in scope (SVC-001 Customer
// Portal, SVC-002 E-mail, SVC-003 Payroll, the desk's Japanese names as other names); SVC-002
// last reviewed 2025-08-20; Skyline (SUP-002) serves two of them, last reviewed 2025-06-30, with
// no governance evidence; no CI names a service and no change names a CI; no release records.
TEST_F(EstateTest, ScopeChecks) {
  auto options = MakeScopeOptions("iso20000-1:2018", rules_->kinds(), T("2026-11-01"),
                                  Shipped(&LoadCadence, "cadence.csv"));
  ASSERT_TRUE(options.ok()) << options.status();
  ScopeChecker checker(*options);
  Feed(checker);
  const std::vector<ScopeCheck> checks = checker.Finish();
  std::map<std::string, std::string> outcomes;
  std::map<std::string, std::map<std::string, std::pair<std::string, int64_t>>> items;  // rule → subject
  for (const ScopeCheck& check : checks) {
    outcomes[check.rule_id] = check.outcome;
    for (const ScopeItem& item : check.items) items[check.rule_id][item.subject] = {item.outcome, item.evidence};
  }
  EXPECT_EQ(outcomes, (std::map<std::string, std::string>{
                          {kScopeAllProcesses, kScopeFail}, {kScopeSameObjects, kScopeNotAssessable},
                          {kScopeSlaPerService, kScopePass}, {kScopeServiceReview, kScopeFail},
                          {kScopeCiUnderChange, kScopeNotAssessable}, {kScopeCiUnique, kScopePass},
                          {kScopeSuppliersReviewed, kScopeFail}, {kScopeGovernance, kScopeFail},
                          {kScopePartyType, kScopePass}}));
  // SC-20: records per process (1200 + 5 incidents, 300 + 14 changes, 28 CMDB + 6 catalogue
  // services, 60 + 10 problems, 93 SoA controls + 20 security incidents); none for asset,
  // service level and release management; 8 processes no kind evidences.
  const auto& processes = items[kScopeAllProcesses];
  ASSERT_EQ(processes.size(), 20u);
  const std::map<std::string, std::pair<std::string, int64_t>> expected_processes = {
      {"8.2.2", {kScopeNotAssessable, 0}}, {"8.2.3", {kScopeNotAssessable, 0}}, {"8.2.4", {kScopePass, 34}},
      {"8.2.5", {kScopeFail, 0}},          {"8.2.6", {kScopePass, 122}},        {"8.3.2", {kScopePass, 12}},
      {"8.3.3", {kScopeFail, 0}},          {"8.3.4", {kScopePass, 4}},          {"8.4.1", {kScopeNotAssessable, 0}},
      {"8.4.2", {kScopeNotAssessable, 0}}, {"8.4.3", {kScopeNotAssessable, 0}}, {"8.5.1", {kScopePass, 314}},
      {"8.5.2", {kScopeNotAssessable, 0}}, {"8.5.3", {kScopeFail, 0}},          {"8.6.1", {kScopePass, 1205}},
      {"8.6.2", {kScopePass, 11}},         {"8.6.3", {kScopePass, 70}},         {"8.7.1", {kScopeNotAssessable, 0}},
      {"8.7.2", {kScopeNotAssessable, 0}}, {"8.7.3", {kScopePass, 113}}};
  EXPECT_EQ(processes, expected_processes);
  // SC-22: ServiceNow names the services in English, the desk by their Japanese other names.
  const auto& same = items[kScopeSameObjects];
  EXPECT_EQ(same.size(), 18u);  // 3 services x 6 processes with service-level records
  EXPECT_EQ(same.at("SVC-001 8.6.1"), std::make_pair(std::string(kScopePass), int64_t{222}));
  EXPECT_EQ(same.at("SVC-002 8.5.1"), std::make_pair(std::string(kScopePass), int64_t{63}));
  EXPECT_EQ(same.at("SVC-003 8.6.2"), std::make_pair(std::string(kScopePass), int64_t{4}));
  EXPECT_EQ(same.at("SVC-001 8.6.3"), std::make_pair(std::string(kScopePass), int64_t{5}));
  EXPECT_EQ(same.at("SVC-003 8.2.6").first, kScopeNotAssessable);  // the CMDB names no service
  EXPECT_EQ(same.at("SVC-002 8.5.3").first, kScopeNotAssessable);  // no release records
  EXPECT_EQ(items[kScopeServiceReview].at("SVC-002").first, kScopeFail);
  EXPECT_EQ(items[kScopeServiceReview].at("SVC-003").first, kScopePass);
  EXPECT_EQ(items[kScopeSuppliersReviewed],
            (std::map<std::string, std::pair<std::string, int64_t>>{{"SUP-001", {kScopePass, 1}},
                                                                    {"SUP-002", {kScopeFail, 0}}}));
  EXPECT_EQ(items[kScopeGovernance],
            (std::map<std::string, std::pair<std::string, int64_t>>{{"SUP-001 8.6.1", {kScopePass, 1}},
                                                                    {"SUP-001 8.6.2", {kScopePass, 1}},
                                                                    {"SUP-002 8.4.3", {kScopeFail, 0}}}));
  EXPECT_THAT(checks[5].detail.en, ::testing::HasSubstr("93 CIs in use"));  // SC-33

  // Against 20000-1:2011: 14 processes; no SLA records (6.1) and no releases (9.3).
  auto v2011 = MakeScopeOptions("jisq20000-1:2012", rules_->kinds(), T("2026-11-01"), {});
  ASSERT_TRUE(v2011.ok());
  ScopeChecker old_checker(*v2011);
  Feed(old_checker);
  std::vector<std::string> failed, unknown;
  const std::vector<ScopeCheck> old_checks = old_checker.Finish();
  for (const ScopeItem& item : old_checks.front().items) {
    if (item.outcome == kScopeFail) failed.push_back(item.subject);
    if (item.outcome == kScopeNotAssessable) unknown.push_back(item.subject);
  }
  EXPECT_THAT(failed, ::testing::ElementsAre("6.1", "9.3"));
  EXPECT_THAT(unknown, ::testing::ElementsAre("5", "6.2", "6.3", "6.4", "6.5"));
}

// The same registers with English and with Japanese headers (対応内容, 承認状況, クラス, 適用範囲 …)
// read through the file connector give the same quality findings and scope outcomes: the spellings
// are header synonyms of the roles (mappings/presets/roles.csv), and the reports read roles only.
TEST_F(EstateTest, JapaneseHeadersGiveTheSameFindings) {
  const std::string dir = ::testing::TempDir();
  auto write = [&](const std::string& file, const std::string& text) {
    std::ofstream(dir + "/" + file, std::ios::binary) << text;
    return dir + "/" + file;
  };
  const std::string tickets_rows =
      "T1,incident,closed,network,restarted,,,\nT2,incident,closed,,,,,\n"
      "C1,change,closed,,,approved,patch,normal\nC2,change,closed,,,requested,,normal\n"
      "C3,change,closed,,,,routine,standard\n";
  const std::string cis_rows = "A1,app1,Software,HR,\nA2,app2,Application,,LIC-1\nA3,web-01,Server,,\n";
  struct Register {
    std::string file, preset, header, rows;
  };
  auto read = [&](const std::string& tag, const std::vector<Register>& registers) {
    std::vector<Record> records;
    for (const Register& r : registers) {
      ReadFile(tag + "-" + r.preset, write(tag + "-" + r.file, r.header + "\n" + r.rows), r.preset, {}, &records);
    }
    return records;
  };
  const std::vector<Record> en = read(
      "en", {{"tickets.csv", "generic-ticket", "id,type,status,category,resolution,approval,reason,change type", tickets_rows},
             {"cis.csv", "configuration-items", "ci id,name,class,owner,licence", cis_rows},
             {"services.csv", "service-catalogue", "service id,service,in scope,sla,operated by",
              "S1,Payroll,in scope,SLA-1,Ops\nS2,Mail,out of scope,,Ops\nS3,Web,in scope,,\n"}});
  const std::vector<Record> ja = read(
      "ja", {{"tickets.csv", "generic-ticket", "チケット番号,種別,ステータス,カテゴリ,対応内容,承認状況,変更理由,変更種別", tickets_rows},
             {"cis.csv", "configuration-items", "構成品目ID,名称,クラス,所有者,ライセンス", cis_rows},
             {"services.csv", "service-catalogue", "サービスID,サービス名,適用範囲,SLA番号,運用者",
              "S1,Payroll,対象,SLA-1,Ops\nS2,Mail,対象外,,Ops\nS3,Web,対象,,\n"}});
  ASSERT_EQ(en.size(), 11u);
  ASSERT_EQ(ja.size(), en.size());
  // "<rule> <native id> <issue> <field>…" per finding, and "<rule> <outcome>" and
  // "<subject> <outcome>" per scope check and item.
  auto findings = [&](const std::vector<Record>& records) {
    QualityChecker checker({T("2026-11-01"), DurationTable{}});
    for (const Record& record : records) checker.Add(record);
    std::vector<std::string> out;
    for (const QualityFinding& f : checker.Finish()) {
      std::string line = absl::StrCat(f.rule_id, " ", f.records.front().native_id, " ", f.issue);
      for (const FindingField& field : f.fields) absl::StrAppend(&line, " ", field.name, "=", field.value);
      out.push_back(line);
    }
    auto options = MakeScopeOptions("iso20000-1:2018", rules_->kinds(), T("2026-11-01"), {});
    EXPECT_TRUE(options.ok()) << options.status();
    ScopeChecker scope(*options);
    for (const Record& record : records) scope.Add(record);
    for (const ScopeCheck& check : scope.Finish()) {
      out.push_back(absl::StrCat(check.rule_id, " ", check.outcome));
      for (const ScopeItem& item : check.items) out.push_back(absl::StrCat("  ", item.subject, " ", item.outcome));
    }
    return out;
  };
  const std::vector<std::string> english = findings(en);
  EXPECT_EQ(findings(ja), english);
  using ::testing::Contains;
  EXPECT_THAT(english, Contains(absl::StrCat(kIncidentWithoutResolution, " T2 missing resolution= resolution_code=")));
  EXPECT_THAT(english, Contains(absl::StrCat(kIncidentWithoutCategory, " T2 missing category=")));
  EXPECT_THAT(english, Contains(absl::StrCat(kChangeWithoutApproval, " C2 not-approved approval=requested")));
  EXPECT_THAT(english, Contains(absl::StrCat(kChangeWithoutReason, " C2 missing reason=")));
  EXPECT_THAT(english, Contains(absl::StrCat(kSoftwareCiWithoutLicence, " A1 missing software_licence=")));
  EXPECT_THAT(english, Contains(absl::StrCat(kServiceWithoutSla, " S3 missing service_level_target=")));
  for (const std::string& line : english) {
    // C1 is approved with a reason, C3 a standard change with one; S2 is out of scope.
    EXPECT_FALSE(absl::StrContains(line, " C1 ") || absl::StrContains(line, " C3 ") ||
                 (absl::StrContains(line, kServiceWithoutSla) && absl::StrContains(line, " S2 ")))
        << line;
  }
}

}  // namespace
}  // namespace crosswalk::report
