// The OSCAL rendering: an OSCAL 1.2 `assessment-results` document of the coverage findings
// (docs/reports.md "OSCAL assessment-results"). One result for the report; one finding per leaf
// clause of the target, satisfied only when the clause is covered; one observation per record
// the clause lists (evidence, mapped control, document), linked from its finding. crosswalk's own
// fields travel as props in the namespace mapping::kCrosswalkNamespace, as in the
// mapping-collection export (gateway/mapping/oscal_mapping.h).
//
// Every UUID is an RFC 4122 version-5 (name-based, SHA-1) UUID of what it names, scoped by the
// report (target, date, sources and their record counts), so one document always renders to the
// same bytes and two reports of different estates or dates share no UUID. The document's own UUID,
// version and last-modified also derive from a SHA-256 digest of its findings and observations, so
// they change whenever a finding does (a record's status changed, an assessment set) and stay the
// same when nothing did.

#include <openssl/evp.h>

#include <cstdio>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/sha256.h"
#include "gateway/core/time_text.h"
#include "gateway/mapping/oscal_mapping.h"
#include "gateway/report/report_render.h"
#include "nlohmann/json.hpp"

namespace crosswalk::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kOscalVersion[] = "1.2.2";
constexpr int64_t kDay = 86400;

// uuid5(NAMESPACE_URL, "urn:crosswalk:oscal"): the namespace of every name below.
constexpr unsigned char kNamespace[16] = {0x31, 0xd1, 0xb6, 0xcd, 0xbe, 0x0a, 0x51, 0x65,
                                          0x9c, 0xf2, 0x09, 0xde, 0x06, 0xcf, 0x6d, 0x50};

// RFC 4122 §4.3: SHA-1 of namespace and name, version 5, variant 10.
std::string NameUuid(const std::string& name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, kNamespace, sizeof(kNamespace));
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// One line of text as OSCAL's string and markup-line types take it: whitespace runs (line
// breaks included) become one space, none leading or trailing. Empty when nothing is left.
std::string Line(absl::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// A clause ref as an OSCAL token (a control id must start with a letter): "8.5.1" → "clause-8.5.1".
std::string ControlId(const std::string& ref) {
  std::string id = "clause-";
  for (char c : ref) id.push_back(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '-');
  return id;
}

// crosswalk props of one object. A prop's value is a non-empty string, so an empty value leaves
// the prop out, and so does an empty list leave `props` out (OSCAL arrays have at least one item).
class Props {
 public:
  Props& Add(absl::string_view name, absl::string_view value, absl::string_view group = "") {
    std::string text = Line(value);
    if (text.empty()) return *this;
    Json prop{{"name", std::string(name)}, {"ns", std::string(mapping::kCrosswalkNamespace)}, {"value", std::move(text)}};
    if (!group.empty()) prop["group"] = std::string(group);
    items_.push_back(std::move(prop));
    return *this;
  }
  Props& Add(absl::string_view name, int64_t value) { return Add(name, std::to_string(value)); }
  Props& Flag(absl::string_view name, bool value) { return Add(name, value ? "true" : "false"); }
  void AttachTo(Json& object) const {
    if (!items_.empty()) object["props"] = items_;
  }

 private:
  Json items_ = Json::array();
};

std::string Plural(int64_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

// What a listed record is to its clause.
struct Role {
  const char* name;    // the `role` prop
  const char* phrase;  // in the observation's description
  std::vector<ClauseRecord> ClauseCoverage::*records;
  bool expires;  // evidence: current for the clause's cadence after its effective date
};
constexpr Role kRoles[] = {
    {"evidence", "evidence for", &ClauseCoverage::evidence, true},
    {"mapped-control", "a mapped control for", &ClauseCoverage::controls, false},
    {"document", "documented information naming", &ClauseCoverage::documents, false},
    {"against", "a record counting against", &ClauseCoverage::against, false},
};

class OscalWriter {
 public:
  explicit OscalWriter(const ReportDocument& document)
      : document_(document),
        coverage_(document.coverage),
        collected_(FormatTimestamp(document.as_of)),
        catalog_title_(Line(coverage_.target_title).empty() ? document.target : Line(coverage_.target_title)) {
    std::vector<std::string> sources;
    for (const SourceSummary& s : document.sources) sources.push_back(absl::StrCat(s.source, "=", s.records));
    scope_ = absl::StrCat("report|", document.target, "|", collected_, "|", absl::StrJoin(sources, ","), "|",
                          coverage_.records_read, "|");
  }

  std::string Render() {
    Json findings = Json::array();
    Json include = Json::array();
    Tally tally;
    for (const ClauseCoverage& clause : coverage_.clauses) {
      if (!clause.leaf) continue;
      tally.Add(clause);
      include.push_back({{"control-id", ControlId(clause.ref)}});
      findings.push_back(Finding(clause));
    }
    Json selection{{"description", absl::StrCat("The leaf clauses of ", catalog_title_, " (", document_.target,
                                                "), one finding each.")}};
    Props().Add("catalog", document_.target).AttachTo(selection);
    if (include.empty()) {
      selection["include-all"] = Json::object();
    } else {
      selection["include-controls"] = std::move(include);
    }

    Json result{{"uuid", Uuid("result")},
                {"title", absl::StrCat("Coverage of ", catalog_title_, " (", document_.target, ") on ",
                                       FormatDate(document_.as_of))},
                {"description", ResultDescription(tally)},
                {"start", collected_}};
    Props props;
    props.Add("catalog", document_.target)
        .Add("report-date", FormatDate(document_.as_of))
        .Add("clauses", tally.clauses)
        .Add("covered", tally.covered)
        .Add("partial", tally.partial)
        .Add("candidate", tally.candidate)
        .Add("nonconforming", tally.nonconforming)
        .Add("not-covered", tally.not_covered)
        .Add("disagreements", tally.disagreements)
        .Add("cautioned", tally.cautioned)
        .Add("maturity-mean", MaturityMean(tally))
        .Add("records-read", coverage_.records_read);
    for (size_t i = 0; i < document_.sources.size(); ++i) {
      const std::string group = absl::StrCat("source-", i + 1);
      props.Add("source", document_.sources[i].source, group).Add("source-records", std::to_string(document_.sources[i].records), group);
    }
    props.AttachTo(result);
    result["reviewed-controls"] = {
        {"description", absl::StrCat("Clauses of ", catalog_title_, " whose coverage crosswalk computed from the "
                                     "organisation's records and the mapping tables.")},
        {"control-selections", Json::array({std::move(selection)})}};
    // What the document says: its findings and their observations. Its identity follows from them.
    const std::string digest = Sha256Hex(absl::StrCat(findings.dump(), "\n", observations_.dump()));
    if (!observations_.empty()) result["observations"] = std::move(observations_);
    if (!findings.empty()) result["findings"] = std::move(findings);
    if (!Line(coverage_.caution.en).empty()) result["remarks"] = coverage_.caution.en;

    const std::string plan = Uuid("no-assessment-plan");
    Json resource{{"uuid", plan},
                  {"title", "No OSCAL assessment plan"},
                  {"description",
                   "crosswalk computes these results from the organisation's records in its store and from the "
                   "mapping tables it ships; there is no OSCAL assessment plan (nor system security plan) for "
                   "them to import. This resource stands in for the plan that import-ap must name."}};
    Props().Add("generator", "crosswalk").AttachTo(resource);

    Json metadata{{"title", absl::StrCat("crosswalk coverage of ", catalog_title_, " (", document_.target, "), ",
                                         FormatDate(document_.as_of))},
                  {"last-modified", LastModified(digest)},
                  {"version", absl::StrCat(FormatDate(document_.as_of), "+", digest.substr(0, 12))},
                  {"oscal-version", kOscalVersion}};
    Props().Add("catalog", document_.target).Add("report-date", FormatDate(document_.as_of)).AttachTo(metadata);
    metadata["remarks"] =
        "Generated by crosswalk from the records it read, as of the report date (last-modified falls on that "
        "date, not the time of rendering; its time of day, the version's suffix and the document's uuid derive "
        "from a SHA-256 digest of the findings and observations, so they change exactly when a finding does). "
        "A finding's status is crosswalk's coverage reading, not an auditor's "
        "determination of conformity.";

    Json out{{"assessment-results",
              {{"uuid", Uuid(absl::StrCat("assessment-results|", digest))},
               {"metadata", std::move(metadata)},
               {"import-ap",
                {{"href", absl::StrCat("#", plan)},
                 {"remarks", "No assessment plan exists: the reference points at the back-matter resource that says so."}}},
               {"results", Json::array({std::move(result)})},
               {"back-matter", {{"resources", Json::array({std::move(resource)})}}}}}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  std::string Uuid(const std::string& name) const { return NameUuid(scope_ + name); }

  // The report date with a time of day taken from `digest` (hex): the same findings, the same
  // instant; other findings, almost surely another.
  std::string LastModified(const std::string& digest) const {
    const int64_t day_start = document_.as_of - ((document_.as_of % kDay) + kDay) % kDay;
    return FormatTimestamp(day_start + static_cast<int64_t>(std::stoull(digest.substr(0, 8), nullptr, 16) % kDay));
  }

  // The leaf clauses by status: what the findings say, counted as they are written.
  struct Tally {
    int64_t clauses = 0, covered = 0, partial = 0, candidate = 0, nonconforming = 0, not_covered = 0, cautioned = 0,
            maturity_sum = 0, disagreements = 0;
    void Add(const ClauseCoverage& c) {
      ++clauses;
      covered += c.status == "covered";
      partial += c.status == "partial";
      candidate += c.status == "candidate";
      nonconforming += c.status == "nonconforming";
      disagreements += c.disagrees;
      not_covered += c.status == "not-covered";
      cautioned += c.caution;
      maturity_sum += c.maturity;
    }
  };

  static std::string MaturityMean(const Tally& t) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.2f", t.clauses == 0 ? 0.0 : static_cast<double>(t.maturity_sum) / t.clauses);
    return text;
  }

  std::string ResultDescription(const Tally& s) const {
    return absl::StrCat(
        "Coverage of the ", Plural(s.clauses, "leaf clause", "leaf clauses"), " of ", catalog_title_, " by ",
        Plural(coverage_.records_read, "record", "records"), " read as of ", FormatDate(document_.as_of), ": ", s.covered,
        " covered, ", s.partial, " partial, ", s.candidate, " reached only by candidate mappings, ", s.nonconforming,
        " nonconforming, ", s.not_covered, " not covered; ", s.cautioned,
        " resting on mapped controls alone.\n\nA finding is satisfied only when its clause is covered by evidence records or "
        "documented information; every other status is not-satisfied. Its observations are the "
        "records the clause lists (at most a fixed number per clause; the finding's counts are complete).");
  }

  Json Finding(const ClauseCoverage& clause) {
    const std::string title = Line(absl::StrCat(clause.ref, " ", clause.title_en));
    Json finding{{"uuid", Uuid(absl::StrCat("finding|", clause.ref))},
                 {"title", title},
                 {"description", FindingDescription(clause)}};
    Props props;
    props.Add("coverage-status", clause.status)
        .Add("maturity", clause.maturity)
        .Add("maturity-rule", clause.maturity_rule)
        .Add("freshness", clause.freshness)
        .Flag("caution", clause.caution)
        .Add("evidence-count", clause.evidence_count)
        .Add("current-evidence", clause.current_evidence)
        .Add("control-count", clause.control_count)
        .Add("document-count", clause.document_count)
        .Add("cadence-days", clause.cadence_days);
    if (clause.newest_evidence) props.Add("newest-evidence", FormatDate(*clause.newest_evidence));
    props.Add("title-ja", clause.title_ja).Add("reason-ja", clause.reason.ja);
    for (const Label& topic : clause.unique_topics) props.Add("unique-to-20000-1", topic.en);
    props.Add("against-count", clause.against_count).Add("neutral-count", clause.neutral_count)
        .Add("candidate-count", clause.candidate_count);
    for (const std::string& name : clause.certifications) props.Add("certification", name);
    if (clause.assessment) {
      // The coordinator's assessment beside the computed values, in its own prop group.
      const ClauseAssessment& a = *clause.assessment;
      props.Add("assessed-status", a.status, "assessment").Add("assessed-by", a.by, "assessment")
          .Add("assessed-owner", a.owner, "assessment").Add("assessed-action", a.action, "assessment")
          .Flag("assessment-disagrees", clause.disagrees);
      if (a.maturity) props.Add("assessed-maturity", std::to_string(*a.maturity), "assessment");
      if (a.due) props.Add("assessed-due", FormatDate(*a.due), "assessment");
    }
    props.AttachTo(finding);

    Json target{{"type", "statement-id"}, {"target-id", ControlId(clause.ref) + "_smt"}};
    Props().Add("clause", clause.ref).Add("catalog", document_.target).AttachTo(target);
    const bool satisfied = clause.status == "covered";
    target["status"] = {{"state", satisfied ? "satisfied" : "not-satisfied"}, {"reason", clause.status}};
    finding["target"] = std::move(target);

    Json related = Json::array();
    for (const Role& role : kRoles) {
      for (const ClauseRecord& record : clause.*role.records) {
        related.push_back({{"observation-uuid", Observation(clause, role, record)}});
      }
    }
    if (!related.empty()) finding["related-observations"] = std::move(related);
    std::string remarks = clause.reason.en;
    if (clause.caution && !coverage_.caution.en.empty()) absl::StrAppend(&remarks, "\n\n", coverage_.caution.en);
    if (!Line(remarks).empty()) finding["remarks"] = remarks;
    return finding;
  }

  std::string FindingDescription(const ClauseCoverage& c) const {
    std::string text = absl::StrCat("Clause ", c.ref, " (", Line(c.title_en), ") of ", catalog_title_, ": ", c.status,
                                    ", maturity ", c.maturity, " of 3. ",
                                    Plural(c.evidence_count, "evidence record", "evidence records"), " (",
                                    c.current_evidence, " within ", c.cadence_days, " days), ",
                                    Plural(c.control_count, "mapped control", "mapped controls"), ", ",
                                    Plural(c.document_count, "document", "documents"), ".");
    if (c.caution) absl::StrAppend(&text, " Coverage rests on mapped controls alone.");
    return text;
  }

  // Adds the observation of one listed record of `clause` and returns its UUID.
  std::string Observation(const ClauseCoverage& clause, const Role& role, const ClauseRecord& item) {
    const RecordKey& key = item.record;
    const Reach& reach = item.reach;
    std::string name = absl::StrCat("observation|", clause.ref, "|", role.name, "|", key.source, "|", key.native_id,
                                    "|", reach.via, "|", reach.path);
    // The same record may be listed twice for one clause (by its kind and by a link it carries).
    if (const int seen = seen_[name]++; seen > 0) absl::StrAppend(&name, "|", seen);
    const std::string uuid = Uuid(name);
    const std::string record = Line(absl::StrCat(key.kind, " ", key.native_id));
    Json observation{
        {"uuid", uuid},
        {"title", Line(absl::StrCat(record, " (", key.source, "): ", role.name, " for ", clause.ref))},
        {"description",
         absl::StrCat(record, " from ", key.source, " is ", role.phrase, " clause ", clause.ref, " (",
                      Line(clause.title_en), "), reached by ", reach.via.empty() ? "its own ref" : reach.via,
                      reach.relationship.empty() || reach.relationship == "kind" ? "" : absl::StrCat(" (", reach.relationship, ")"),
                      ".")}};
    Props props;
    props.Add("role", role.name)
        .Add("clause", clause.ref)
        .Add("record-status", item.status)
        .Add("effective", item.effective ? FormatDate(*item.effective) : "")
        .Add("via", reach.via)
        .Add("relationship", reach.relationship)
        .Add("path", reach.path)
        .Add("mapping-sources", reach.sources)
        .Flag("derived", reach.derived);
    props.AttachTo(observation);
    observation["methods"] = Json::array({"EXAMINE"});
    observation["types"] = Json::array({"control-objective"});
    Json evidence{{"description", absl::StrCat(record, " from source ", key.source,
                                               key.location.empty() ? "" : absl::StrCat(" (", Line(key.location), ")"))}};
    Props().Add("source", key.source).Add("native-id", key.native_id).Add("location", key.location).Add("kind", key.kind)
        .AttachTo(evidence);
    observation["relevant-evidence"] = Json::array({std::move(evidence)});
    observation["collected"] = collected_;
    if (role.expires && item.effective) {
      observation["expires"] = FormatTimestamp(*item.effective + clause.cadence_days * kDay);
    }
    observations_.push_back(std::move(observation));
    return uuid;
  }

  const ReportDocument& document_;
  const CoverageReport& coverage_;
  const std::string collected_;
  const std::string catalog_title_;
  std::string scope_;
  Json observations_ = Json::array();
  std::map<std::string, int> seen_;
};

}  // namespace

std::string RenderOscal(const ReportDocument& document) { return OscalWriter(document).Render(); }

}  // namespace crosswalk::report
