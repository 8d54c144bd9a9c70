// Scope checks on hand-built records: every rule's pass, fail and not-assessable cases, the
// processes of both editions, order independence, and the rule table against the seed.

#include "gateway/report/scope.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

using ::testing::ElementsAre;
using R = RecordBuilder;

ScopeProcess Process(const std::string& ref, const std::string& title, std::vector<std::string> kinds) {
  return {ref, {title, title}, std::move(kinds), {MatchKey(ref), MatchKey(title)}};
}

// Two processes, yearly reviews of services and suppliers, report date 2026-11-01.
ScopeOptions ScopeTestOptions() {
  ScopeOptions options;
  options.as_of = T("2026-11-01");
  options.processes = {Process("8.5.1", "Change management", {"change"}),
                       Process("8.6.1", "Incident management", {"incident"})};
  options.cadence.rows = {{"service", 365, 365 * 86400, "derived", "yearly", 0},
                          {"supplier", 365, 365 * 86400, "derived", "yearly", 0}};
  return options;
}

// An in-scope service in use, as the service-catalogue preset leaves it.
R Service(const std::string& id, const std::string& title) {
  return std::move(R("service", id, "catalogue").Title(title).Status("in-use").Flag("in_scope", true));
}
R Supplier(const std::string& id, const std::string& title) {
  return std::move(R("supplier", id, "suppliers").Title(title));
}

std::vector<ScopeCheck> Check(const std::vector<Record>& records, const ScopeOptions& options = ScopeTestOptions()) {
  ScopeChecker checker(options);
  for (const Record& record : records) checker.Add(record);
  return checker.Finish();
}

// A copy, so that it may be taken from a temporary list.
ScopeCheck Find(const std::vector<ScopeCheck>& checks, const std::string& id) {
  for (const ScopeCheck& check : checks) {
    if (check.rule_id == id) return check;
  }
  ADD_FAILURE() << "no check " << id;
  return {};
}

// "<subject> <outcome>" per item.
std::vector<std::string> Items(const ScopeCheck& check) {
  std::vector<std::string> out;
  for (const ScopeItem& item : check.items) out.push_back(absl::StrCat(item.subject, " ", item.outcome));
  return out;
}

struct ScopeCase {
  std::string name;
  std::string rule;
  std::vector<Record> records;
  std::string outcome;
  std::vector<std::string> items;
};

std::vector<ScopeCase> ScopeCases() {
  const std::string na = kScopeNotAssessable;
  return {
      // SC-20: a record of the process's kinds, whatever names it.
      {"every process has records",
       kScopeAllProcesses,
       {R("incident", "I1"), R("change", "C1")},
       kScopePass,
       {"8.5.1 pass", "8.6.1 pass"}},
      {"a process without records",
       kScopeAllProcesses,
       {R("incident", "I1")},
       kScopeFail,
       {"8.5.1 fail", "8.6.1 pass"}},
      // SC-22: per in-scope service and process; names fold, other names count.
      {"no service in scope",
       kScopeSameObjects,
       {R("service", "S1").Title("Portal").Flag("in_scope", false), R("service", "S2").Title("Mail"),
        R("incident", "I1").Link("service", "Portal")},
       na,
       {}},
      // Report code reads the in_scope role only: a 適用範囲 or "SMS scope" header no role claimed
      // is not the flag.
      {"a header spelling is not the in_scope role",
       kScopeSameObjects,
       {R("service", "S1").Title("Portal").Status("in-use").Attr("適用範囲", "true").Attr("sms scope", "true"),
        R("incident", "I1").Link("service", "Portal")},
       na,
       {}},
      {"every process names the service",
       kScopeSameObjects,
       {Service("S1", "Portal"), R("incident", "I1").Link("service", "PORTAL"),
        R("change", "C1").Attr("service", "Portal")},
       kScopePass,
       {"S1 8.5.1 pass", "S1 8.6.1 pass"}},
      {"by its other name, its id or source/id",
       kScopeSameObjects,
       {Service("S1", "Portal").Attr("aliases", "顧客ポータル; Web portal"),
        R("incident", "I1").Link("service", "顧客ポータル"),
        R("change", "C1").Link("service", "catalogue/S1")},
       kScopePass,
       {"S1 8.5.1 pass", "S1 8.6.1 pass"}},
      {"records name other services only",
       kScopeSameObjects,
       {Service("S1", "Portal"), Service("S2", "Mail"), R("incident", "I1").Link("service", "Mail"),
        R("change", "C1").Link("service", "Portal"), R("change", "C2").Link("service", "Mail")},
       kScopeFail,
       {"S1 8.5.1 pass", "S1 8.6.1 fail", "S2 8.5.1 pass", "S2 8.6.1 pass"}},
      {"no record of a process names any service",
       kScopeSameObjects,
       {Service("S1", "Portal"), R("incident", "I1").Link("service", "Portal"), R("change", "C1")},
       na,
       {"S1 8.5.1 not-assessable", "S1 8.6.1 pass"}},
      {"a retired service is not checked",
       kScopeSameObjects,
       {Service("S1", "Portal"), Service("S2", "Fax").Status("retired"),
        R("incident", "I1").Link("service", "Portal"), R("change", "C1").Link("service", "Portal")},
       kScopePass,
       {"S1 8.5.1 pass", "S1 8.6.1 pass"}},
      // SC-30: on the service, or an SLA record naming it.
      {"SLA on the service or by a record",
       kScopeSlaPerService,
       {Service("S1", "Portal").Attr("sla", "SLA-1"), Service("S2", "Mail"),
        R("agreement", "A1").Link("service", "S2")},
       kScopePass,
       {"S1 pass", "S2 pass"}},
      {"no SLA",
       kScopeSlaPerService,
       {Service("S1", "Portal").Attr("sla", "-"), Service("S2", "Mail").Attr("sla", "x")},
       kScopeFail,
       {"S1 fail", "S2 pass"}},
      {"SLA without in-scope services", kScopeSlaPerService, {R("service", "S1").Attr("sla", "x")}, na, {}},
      // SC-31: within the service cadence (365 days before 2026-11-01 is 2025-11-01).
      {"reviews",
       kScopeServiceReview,
       {Service("S1", "A").Attr("reviewed", "2025-11-01", "date"),
        Service("S2", "B").Attr("reviewed", "2025-10-31", "date"), Service("S3", "C")},
       kScopeFail,
       {"S1 pass", "S2 fail", "S3 fail"}},
      // SC-32: the CIs of in-scope services, named by a change.
      {"no CI names an in-scope service",
       kScopeCiUnderChange,
       {Service("S1", "Portal"), R("configuration-item", "CI1").Link("service", "Mail"),
        R("change", "C1").Link("ci", "CI1")},
       na,
       {}},
      {"no change names a CI",
       kScopeCiUnderChange,
       {Service("S1", "Portal"), R("configuration-item", "CI1").Link("service", "Portal"), R("change", "C1")},
       na,
       {}},
      {"CIs named by changes",
       kScopeCiUnderChange,
       {Service("S1", "Portal"),
        R("configuration-item", "CI1", "cmdb").Title("web-01").Link("service", "Portal"),
        R("configuration-item", "CI2", "cmdb").Title("db-01").Link("service", "Portal"),
        R("configuration-item", "CI3", "cmdb").Title("old").Link("service", "Portal").Status("retired"),
        R("change", "C1").Link("ci", "WEB-01")},
       kScopeFail,
       {"CI1 pass", "CI2 fail"}},
      // SC-33: across sources; retired CIs may reuse a name.
      {"no CI", kScopeCiUnique, {R("configuration-item", "CI9").Status("retired")}, na, {}},
      {"unique CIs",
       kScopeCiUnique,
       {R("configuration-item", "CI1", "a").Title("web-01"),
        R("configuration-item", "CI2", "b").Title("web-02"),
        R("configuration-item", "CI3", "b").Title("web-01").Status("retired")},
       kScopePass,
       {}},
      {"a name and an id twice",
       kScopeCiUnique,
       {R("configuration-item", "CI1", "a").Title("web-01"),
        R("configuration-item", "CI2", "b").Title("ＷＥＢ-01"),
        R("configuration-item", "CI7", "a").Title("db"), R("configuration-item", "CI7", "b").Title("db-2")},
       kScopeFail,
       {"id ci7 fail", "name web-01 fail"}},
      // SC-36: every other party for an in-scope service, reviewed within the supplier cadence.
      {"no register and operators not stated", kScopeSuppliersReviewed, {Service("S1", "Portal")}, na, {}},
      {"all services run in-house",
       kScopeSuppliersReviewed,
       {Service("S1", "Portal").Attr("operated_by", "Internal"),
        Supplier("P1", "Cleanprint").Attr("services", "Print")},
       kScopePass,
       {}},
      {"reviewed, stale, unregistered",
       kScopeSuppliersReviewed,
       {Service("S1", "Portal").Attr("operated_by", "Acme Hosting"), Service("S2", "Mail"),
        Service("S3", "Payroll").Attr("operated_by", "Nimbus"),
        Supplier("P1", "Nimbus").Attr("reviewed", "2026-05-12", "date"),
        Supplier("P2", "Skyline").Attr("services", "Mail; Portal").Attr("reviewed", "2025-06-30", "date"),
        Supplier("P3", "Group net").Attr("services", "Network").Attr("reviewed", "2020-01-01", "date")},
       kScopeFail,
       {"P1 pass", "P2 fail", "unregistered Acme Hosting fail"}},
      // SC-40: each process a party operates, governed.
      {"governance per process",
       kScopeGovernance,
       {Service("S1", "Portal"), Service("S2", "Mail").Attr("operated_by", "Customer"),
        Supplier("P1", "Nimbus")
            .Attr("services", "Portal")
            .Attr("processes", "Incident management、Hosting")
            .Attr("governance_evidence", "OLA-1"),
        Supplier("P2", "Skyline").Attr("services", "Portal").Attr("processes", "8.5.1")},
       kScopeFail,
       {"P1 8.6.1 pass", "P1 Hosting pass", "P2 8.5.1 fail",
        "unregistered Customer (processes not stated) fail"}},
      // SC-44: the type decides the managing process.
      {"party types",
       kScopePartyType,
       {Service("S1", "Portal"), Service("S2", "Mail").Attr("operated_by", "顧客"),
        Supplier("P1", "Nimbus").Attr("services", "Portal").Attr("party_type", "外部供給者"),
        Supplier("P2", "Group IT").Attr("services", "Portal").Attr("party_type", "Internal group"),
        Supplier("P3", "Mystery").Attr("services", "Portal").Attr("party_type", "partner")},
       kScopeFail,
       {"P1 pass", "P2 pass", "P3 fail", "unregistered 顧客 pass"}},
  };
}

TEST(ScopeTest, Rules) {
  for (const ScopeCase& c : ScopeCases()) {
    SCOPED_TRACE(c.name);
    const ScopeCheck check = Find(Check(c.records), c.rule);
    EXPECT_EQ(check.outcome, c.outcome);
    EXPECT_EQ(Items(check), c.items);
    EXPECT_FALSE(check.detail.en.empty());
    EXPECT_FALSE(check.detail.ja.empty());
  }
}

TEST(ScopeTest, ProcessWithoutKindIsNotAssessable) {
  ScopeOptions options = ScopeTestOptions();
  options.processes.push_back(Process("8.4.3", "Capacity management", {}));
  const ScopeCheck check = Find(Check({R("incident", "I1"), R("change", "C1")}, options), kScopeAllProcesses);
  EXPECT_EQ(check.outcome, kScopeNotAssessable);
  EXPECT_THAT(Items(check), ElementsAre("8.4.3 not-assessable", "8.5.1 pass", "8.6.1 pass"));
  EXPECT_EQ(check.items[1].evidence, 1);
}

TEST(ScopeTest, ItemsNameTheirRecords) {
  const std::vector<ScopeCheck> checks =
      Check({Service("S1", "Portal"), R("configuration-item", "CI1", "a").Title("web"),
             R("configuration-item", "CI2", "b").Title("web"),
             Supplier("P1", "Skyline").Attr("services", "Portal").Attr("processes", "Capacity")});
  const ScopeItem duplicate = Find(checks, kScopeCiUnique).items.at(0);
  ASSERT_EQ(duplicate.records.size(), 2u);
  EXPECT_EQ(duplicate.records[0].source, "a");
  EXPECT_EQ(duplicate.records[1].native_id, "CI2");
  const ScopeItem governed = Find(checks, kScopeGovernance).items.at(0);
  EXPECT_EQ(governed.outcome, kScopeFail);
  ASSERT_EQ(governed.records.size(), 2u);  // the supplier and the service it serves
  EXPECT_EQ(governed.records[0].source, "catalogue");
  EXPECT_EQ(governed.records[1].source, "suppliers");
  EXPECT_EQ(governed.title.en, "Skyline: Capacity (not a process of iso20000-1:2018), for Portal");
}

TEST(ScopeTest, NoCadenceMeansNotAssessable) {
  ScopeOptions options = ScopeTestOptions();
  options.cadence.rows.clear();
  const std::vector<ScopeCheck> checks =
      Check({Service("S1", "Portal").Attr("reviewed", "2026-10-01", "date"),
             Supplier("P1", "Nimbus").Attr("services", "Portal").Attr("reviewed", "2026-10-01", "date")},
            options);
  EXPECT_EQ(Find(checks, kScopeServiceReview).outcome, kScopeNotAssessable);
  EXPECT_EQ(Find(checks, kScopeSuppliersReviewed).outcome, kScopeNotAssessable);
}

TEST(ScopeTest, EveryRuleInTableOrderEvenWithoutRecords) {
  const std::vector<ScopeCheck> checks = Check({});
  std::vector<std::string> ids;
  for (const ScopeCheck& check : checks) ids.push_back(check.rule_id);
  std::vector<std::string> table;
  for (const ScopeRule& rule : ScopeRules()) table.push_back(rule.id);
  EXPECT_EQ(ids, table);
  EXPECT_THAT(table, ElementsAre("scope.SC-20", "scope.SC-22", "scope.SC-30", "scope.SC-31", "scope.SC-32",
                                 "scope.SC-33", "scope.SC-36", "scope.SC-40", "scope.SC-44"));
  for (const ScopeCheck& check : checks) {
    if (check.rule_id == kScopeAllProcesses) continue;  // fails: no process has records
    EXPECT_EQ(check.outcome, kScopeNotAssessable) << check.rule_id;
  }
  EXPECT_EQ(
      checks[0].source,
      "JIP-ITSMS112-2.1 Section 3.2.1, lines 2786-2802; JIP-ITSMS112-2.1 Section 6.2.1, lines 6237-6243; "
      "JIP-ITSMS112-2.1 Section 1.2.1 (5), lines 940-944; JIP-ITSMS112-2.1 Section 3.2.1, lines 2804-2812");
}

TEST(ScopeTest, SameChecksInAnyOrder) {
  std::vector<Record> records;
  for (const ScopeCase& c : ScopeCases()) records.insert(records.end(), c.records.begin(), c.records.end());
  // Cases reuse native ids; give each record its own so the set is one estate.
  for (size_t i = 0; i < records.size(); ++i) records[i].provenance.native_id += absl::StrCat("-", i);
  const std::vector<ScopeCheck> forward = Check(records);
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(Check(records), forward);
  std::rotate(records.begin(), records.begin() + records.size() / 3, records.end());
  EXPECT_EQ(Check(records), forward);
}

TEST(ScopeTest, Editions) {
  EXPECT_EQ(*ParseScopeEdition("ISO20000-1:2018"), ScopeEdition::k2018);
  EXPECT_EQ(*ParseScopeEdition("ｊｉｓｑ２００００－１：２０１２"), ScopeEdition::k2011);
  EXPECT_EQ(ParseScopeEdition("iso27001:2022").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeScopeOptions("itil:4", {}, 0, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

// The processes over the shipped kinds table, read through the rule set's loader.
TEST(ScopeTest, ProcessesOfBothEditions) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  auto kinds_of = [](const std::vector<ScopeProcess>& processes, const std::string& ref) {
    for (const ScopeProcess& process : processes) {
      if (process.ref == ref) return process.kinds;
    }
    ADD_FAILURE() << ref;
    return std::vector<std::string>{};
  };
  const std::vector<ScopeProcess> p2018 = ScopeProcesses(ScopeEdition::k2018, (*rules)->kinds());
  EXPECT_EQ(p2018.size(), 20u);
  EXPECT_THAT(kinds_of(p2018, "8.5.1"), ElementsAre("change"));
  EXPECT_THAT(kinds_of(p2018, "8.6.3"), ElementsAre("problem", "known-error"));
  EXPECT_THAT(kinds_of(p2018, "8.7.3"), ElementsAre("control", "security-incident"));
  EXPECT_THAT(kinds_of(p2018, "8.4.3"), ElementsAre());
  const std::vector<ScopeProcess> p2011 = ScopeProcesses(ScopeEdition::k2011, (*rules)->kinds());
  EXPECT_EQ(p2011.size(), 14u);
  EXPECT_THAT(kinds_of(p2011, "8.1"), ElementsAre("incident", "service-request"));
  EXPECT_THAT(kinds_of(p2011, "9.2"), ElementsAre("change"));
  EXPECT_EQ(FindScopeProcess(p2011, "インシデント管理")->ref, "8.1");
  EXPECT_EQ(FindScopeProcess(p2018, "インシデント管理")->ref, "8.6.1");
  EXPECT_EQ(FindScopeProcess(p2018, "容量・能力管理")->ref, "8.4.3");
  EXPECT_EQ(FindScopeProcess(p2018, "Hosting"), nullptr);
}

TEST(ScopeTest, PartyTypesAndManagingProcess) {
  EXPECT_EQ(ParsePartyType("External supplier"), PartyType::kExternalSupplier);
  EXPECT_EQ(ParsePartyType("委託先"), PartyType::kExternalSupplier);
  EXPECT_EQ(ParsePartyType("内部グループ"), PartyType::kInternalGroup);
  EXPECT_EQ(ParsePartyType("Client"), PartyType::kCustomer);
  EXPECT_EQ(ParsePartyType(""), PartyType::kUnknown);
  EXPECT_EQ(ManagingProcess(ScopeEdition::k2011, PartyType::kInternalGroup).en,
            "6.1 Service level management");
  EXPECT_EQ(ManagingProcess(ScopeEdition::k2011, PartyType::kExternalSupplier).en, "7.2 Supplier management");
  EXPECT_EQ(ManagingProcess(ScopeEdition::k2018, PartyType::kCustomer).ja.substr(0, 8), "8.3.4.2 ");
}

TEST(ScopeTest, SplitList) {
  EXPECT_THAT(SplitList("Payroll; E-mail ,\n顧客ポータル、容量・能力管理；x，y"),
              ElementsAre("Payroll", "E-mail", "顧客ポータル", "容量・能力管理", "x", "y"));
  EXPECT_THAT(SplitList(" ; "), ElementsAre());
}

#ifdef CROSSWALK_SEED_FILE
// Every passage a rule cites holds its quoted words on one of its lines, and begins and ends on a
// line of text (the seed has a blank line between most lines).
TEST(ScopeTest, RulesCiteTheirSeedLines) {
  const std::vector<std::string> lines = ReadLines(CROSSWALK_SEED_FILE);
  ASSERT_FALSE(lines.empty()) << CROSSWALK_SEED_FILE;
  for (const ScopeRule& rule : ScopeRules()) {
    ASSERT_FALSE(rule.sources.empty()) << rule.id;
    for (const SeedRef& ref : rule.sources) {
      SCOPED_TRACE(absl::StrCat(rule.id, " ", ref.section, " ", ref.first_line));
      ASSERT_LT(ref.first_line, ref.last_line);
      ASSERT_LE(ref.last_line, static_cast<int>(lines.size()));
      EXPECT_NE(MatchKey(lines[ref.first_line - 1]), "");
      EXPECT_NE(MatchKey(lines[ref.last_line - 1]), "");
      bool quoted = false;
      for (int line = ref.first_line; line <= ref.last_line; ++line) {
        quoted = quoted || lines[line - 1].find(ref.quote) != std::string::npos;
      }
      EXPECT_TRUE(quoted) << ref.quote;
    }
  }
}
#endif

}  // namespace
}  // namespace crosswalk::report
