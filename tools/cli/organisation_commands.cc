#include "tools/cli/organisation_commands.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <sstream>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "crosswalk/v1/organisation.grpc.pb.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/time_text.h"
#include "gateway/mapping/oscal_mapping.h"
#include "tools/cli/cli.h"

namespace crosswalk::cli {
namespace {

using Flags = std::map<std::string, std::string>;

// The columns of `decisions list` and `decisions export --format csv`, which `decisions import`
// reads back (id and decided_at are assigned again by the server).
const std::vector<std::string>& DecisionColumns() {
  static const auto* columns = new std::vector<std::string>{
      "id", "from", "from_ref", "to", "to_ref", "relationship", "decision", "by", "reason", "decided_at"};
  return *columns;
}

// A decision to add from the value of each of its columns (a flag --from-ref for from_ref, or a
// CSV cell).
v1::MappingDecision DecisionFrom(const std::function<std::string(const std::string& column)>& value) {
  v1::MappingDecision decision;
  decision.set_from(value("from"));
  decision.set_from_ref(value("from_ref"));
  decision.set_to(value("to"));
  decision.set_to_ref(value("to_ref"));
  decision.set_relationship(value("relationship"));
  decision.set_decision(value("decision"));
  decision.set_by(value("by"));
  decision.set_reason(value("reason"));
  return decision;
}

std::string Flag(const Flags& flags, const char* name) {
  auto it = flags.find(name);
  return it == flags.end() ? std::string() : it->second;
}

// --by, else $USER, else "crosswalk" (for the removals, where the spec of the command names no
// author; the history keeps who it was).
std::string ByOrUser(const Flags& flags) {
  if (flags.count("--by")) return flags.at("--by");
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "crosswalk";
}

int Usage(std::ostream& err, const std::string& message) {
  err << "crosswalk: " << message << "\n";
  return kExitUsage;
}

// Every flag of `names` that is missing, as a usage message; empty when all are given.
std::string Missing(const Flags& flags, std::initializer_list<const char*> names) {
  std::vector<std::string> missing;
  for (const char* name : names) {
    if (!flags.count(name)) missing.push_back(name);
  }
  return missing.empty() ? "" : absl::StrCat("needs ", absl::StrJoin(missing, ", "));
}

class Organisation {
 public:
  Organisation(const Client& client, const Flags& flags, std::ostream& out, std::ostream& err)
      : client_(client), flags_(flags), out_(out), err_(err) {}

  int Decisions(const std::vector<std::string>& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "add" && args.size() == 1) return AddDecision();
    if (sub == "list" && args.size() == 1) return ListDecisions(FormatOf(flags_), out_);
    if (sub == "remove" && args.size() == 2) return RemoveDecision(args[1]);
    if (sub == "export" && args.size() == 1) return ExportDecisions();
    if (sub == "import" && args.size() == 2) return ImportDecisions(args[1]);
    if (sub == "history" && args.size() == 1) return History<v1::Decisions::Stub>(&v1::Decisions::Stub::History);
    return Usage(err_, "'decisions' takes add, list, remove ID, export --format csv|oscal, import FILE or history");
  }

  int Certifications(const std::vector<std::string>& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "add" && args.size() == 1) return AddCertification();
    if (sub == "list" && args.size() == 1) return ListCertifications();
    if (sub == "remove" && args.size() == 1) return RemoveCertification();
    if (sub == "history" && args.size() == 1) return History<v1::Certifications::Stub>(&v1::Certifications::Stub::History);
    return Usage(err_, "'certifications' takes add, list, remove or history");
  }

  int Assess(const std::vector<std::string>& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "set" && args.size() == 2) return SetAssessment(args[1]);
    if (sub == "list" && args.size() == 1) return ListAssessments();
    if (sub == "history" && args.size() == 2) return AssessmentHistory(args[1]);
    return Usage(err_, "'assess' takes set CLAUSE, list or history CLAUSE");
  }

 private:
  // Calls `method` of a stub built on the client's channel; the status.
  template <typename Stub, typename Request, typename Response, typename Method>
  grpc::Status Call(Method method, const Request& request, Response* response) const {
    Stub stub(client_.channel());
    grpc::ClientContext context;
    client_.Prepare(context);
    return (stub.*method)(&context, request, response);
  }

  // Calls a listing `method` page after page until its next_page_token is empty; `response`
  // holds every page's items in order.
  template <typename Stub, typename Request, typename Response, typename Method>
  grpc::Status CallAllPages(Method method, Request request, Response* response) const {
    for (;;) {
      Response page;
      grpc::Status status = Call<Stub>(method, request, &page);
      if (!status.ok()) return status;
      std::string next = page.next_page_token();
      page.clear_next_page_token();
      response->MergeFrom(page);
      if (next.empty()) return grpc::Status::OK;
      request.set_page_token(std::move(next));
    }
  }

  // Every change the history keeps for decisions or certifications: id,at,by,key,action,value.
  template <typename Stub, typename Method>
  int History(Method method) {
    v1::ChangeHistoryResponse response;
    grpc::Status status = CallAllPages<Stub>(method, v1::ChangeHistoryRequest(), &response);
    if (!status.ok()) return Failed(status, err_);
    OutputTable table;
    table.columns = {"id", "at", "by", "key", "action", "value"};
    for (const v1::OrganisationChange& c : response.changes()) {
      table.rows.push_back({static_cast<int>(c.id()), Time(c.at()), c.by(), c.key(), c.action(), c.value()});
    }
    Render(table, FormatOf(flags_), out_);
    return kExitOk;
  }

  // --- decisions ---

  int AddDecision() {
    if (std::string missing = Missing(flags_, {"--from", "--from-ref", "--to", "--to-ref", "--decision", "--by", "--reason"});
        !missing.empty()) {
      return Usage(err_, absl::StrCat("'decisions add' ", missing));
    }
    const v1::MappingDecision decision = DecisionFrom([&](const std::string& column) {
      std::string flag = absl::StrCat("--", column);
      std::replace(flag.begin(), flag.end(), '_', '-');
      return Flag(flags_, flag.c_str());
    });
    v1::AddDecisionResponse response;
    grpc::Status status = AddOne(decision, &response);
    if (!status.ok()) return Failed(status, err_);
    err_ << "decision " << response.decision().id() << " kept\n";
    return kExitOk;
  }

  grpc::Status AddOne(const v1::MappingDecision& decision, v1::AddDecisionResponse* response) const {
    v1::AddDecisionRequest request;
    *request.mutable_decision() = decision;
    return Call<v1::Decisions::Stub>(&v1::Decisions::Stub::Add, request, response);
  }

  int ListDecisions(Format format, std::ostream& sink) {
    v1::ListDecisionsResponse response;
    grpc::Status status = CallAllPages<v1::Decisions::Stub>(&v1::Decisions::Stub::List, v1::ListDecisionsRequest(), &response);
    if (!status.ok()) return Failed(status, err_);
    OutputTable table;
    table.columns = DecisionColumns();
    for (const v1::MappingDecision& d : response.decisions()) {
      table.rows.push_back({static_cast<int>(d.id()), d.from(), d.from_ref(), d.to(), d.to_ref(), d.relationship(),
                            d.decision(), d.by(), d.reason(), Time(d.decided_at())});
    }
    Render(table, format, sink);
    return kExitOk;
  }

  int RemoveDecision(const std::string& id_text) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(id_text, &id) || id <= 0) return Usage(err_, absl::StrCat("'", id_text, "' is not a decision id"));
    v1::RemoveDecisionRequest request;
    request.set_id(id);
    request.set_by(ByOrUser(flags_));
    v1::RemoveDecisionResponse response;
    grpc::Status status = Call<v1::Decisions::Stub>(&v1::Decisions::Stub::Remove, request, &response);
    if (!status.ok()) return Failed(status, err_);
    err_ << "decision " << id << " removed\n";
    return kExitOk;
  }

  // --format csv: as `decisions list`; --format oscal: an OSCAL mapping-collection
  // (ExportOscalDecisions). To --out FILE when given.
  int ExportDecisions() {
    const std::string format = Flag(flags_, "--format");
    if (format != "csv" && format != "oscal") return Usage(err_, "'decisions export' needs --format csv or oscal");
    std::ofstream file;
    if (flags_.count("--out")) {
      file.open(Flag(flags_, "--out"), std::ios::binary | std::ios::trunc);
      if (!file) {
        err_ << "crosswalk: cannot write " << Flag(flags_, "--out") << "\n";
        return kExitDataError;
      }
    }
    std::ostream& sink = flags_.count("--out") ? file : out_;
    if (format == "csv") return ListDecisions(Format::kCsv, sink);
    v1::ListDecisionsResponse response;
    grpc::Status status = CallAllPages<v1::Decisions::Stub>(&v1::Decisions::Stub::List, v1::ListDecisionsRequest(), &response);
    if (!status.ok()) return Failed(status, err_);
    std::vector<MappingDecision> decisions;
    for (const v1::MappingDecision& d : response.decisions()) {
      MappingDecision decision;
      decision.id = d.id();
      decision.from = d.from();
      decision.from_ref = d.from_ref();
      decision.to = d.to();
      decision.to_ref = d.to_ref();
      decision.relationship = d.relationship();
      decision.verdict = ParseVerdict(d.decision()).value_or(MappingDecision::Verdict::kConfirm);
      decision.by = d.by();
      decision.reason = d.reason();
      decision.decided_at = d.decided_at();
      decisions.push_back(std::move(decision));
    }
    auto document = mapping::ExportOscalDecisions(decisions, FormatTimestamp(std::time(nullptr)));
    if (!document.ok()) {
      err_ << "crosswalk: " << document.status().message() << "\n";
      return kExitDataError;
    }
    sink << *document;
    return kExitOk;
  }

  // Adds every decision of FILE: a CSV file with the columns of `decisions list` (id and
  // decided_at are ignored), or an OSCAL mapping-collection (.json, ReadOscalDecisions; `by`
  // defaults to --by or $USER, the reason to "imported from FILE"). A decision already kept
  // (ALREADY_EXISTS) is counted, not an error; every other refusal and every unreadable map is
  // listed with its place, and the exit code is then 1.
  int ImportDecisions(const std::string& path) {
    std::vector<std::pair<std::string, v1::MappingDecision>> decisions;  // place, decision
    int refused = 0;
    if (absl::EndsWithIgnoreCase(path, ".json")) {
      std::ifstream in(path, std::ios::binary);
      if (!in) return Usage(err_, absl::StrCat("cannot read ", path));
      std::stringstream text;
      text << in.rdbuf();
      mapping::OscalDecisions read = mapping::ReadOscalDecisions(text.str(), path);
      for (const std::string& problem : read.problems) err_ << problem << "\n";
      refused += static_cast<int>(read.problems.size());
      for (size_t i = 0; i < read.decisions.size(); ++i) {
        MappingDecision& d = read.decisions[i];
        if (d.by.empty()) d.by = ByOrUser(flags_);
        if (d.reason.empty()) d.reason = absl::StrCat("imported from ", path);
        const std::map<std::string, std::string> fields = {
            {"from", d.from}, {"from_ref", d.from_ref}, {"to", d.to}, {"to_ref", d.to_ref},
            {"relationship", d.relationship}, {"decision", VerdictName(d.verdict)}, {"by", d.by}, {"reason", d.reason}};
        const v1::MappingDecision decision = DecisionFrom([&](const std::string& column) { return fields.at(column); });
        decisions.emplace_back(absl::StrCat(path, ": map ", i + 1, " (", d.from_ref, " > ", d.to_ref, ")"), decision);
      }
    } else {
      auto table = ReadCsvTable(path, {"from", "from_ref", "to", "to_ref", "relationship", "decision", "by", "reason"});
      if (!table.ok()) {
        err_ << "crosswalk: " << table.status().message() << "\n";
        return table.status().code() == absl::StatusCode::kNotFound ? kExitUsage : kExitDataError;
      }
      for (const CsvRecord& row : table->rows) {
        decisions.emplace_back(absl::StrCat(path, ":", row.line),
                               DecisionFrom([&](const std::string& column) { return table->Value(row, column); }));
      }
    }
    int added = 0, kept = 0;
    for (const auto& [place, decision] : decisions) {
      v1::AddDecisionResponse response;
      grpc::Status status = AddOne(decision, &response);
      if (status.ok()) {
        ++added;
      } else if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
        ++kept;
      } else {
        ++refused;
        err_ << place << ": " << status.error_message() << "\n";
      }
    }
    err_ << added << " decisions added, " << kept << " already kept, " << refused << " refused\n";
    return refused > 0 ? kExitDataError : kExitOk;
  }

  // --- certifications ---

  int AddCertification() {
    if (std::string missing = Missing(flags_, {"--standard", "--certificate", "--body", "--valid-until"}); !missing.empty()) {
      return Usage(err_, absl::StrCat("'certifications add' ", missing));
    }
    v1::AddCertificationRequest request;
    v1::Certification& c = *request.mutable_certification();
    c.set_standard(Flag(flags_, "--standard"));
    c.set_certificate(Flag(flags_, "--certificate"));
    c.set_body(Flag(flags_, "--body"));
    c.set_scope(Flag(flags_, "--scope"));
    c.set_valid_until(Flag(flags_, "--valid-until"));
    c.set_last_audit(Flag(flags_, "--last-audit"));
    c.set_by(ByOrUser(flags_));
    v1::AddCertificationResponse response;
    grpc::Status status = Call<v1::Certifications::Stub>(&v1::Certifications::Stub::Add, request, &response);
    if (!status.ok()) return Failed(status, err_);
    err_ << "certification " << response.certification().certificate() << " of " << response.certification().standard()
         << " kept\n";
    return kExitOk;
  }

  int ListCertifications() {
    v1::ListCertificationsResponse response;
    grpc::Status status =
        CallAllPages<v1::Certifications::Stub>(&v1::Certifications::Stub::List, v1::ListCertificationsRequest(), &response);
    if (!status.ok()) return Failed(status, err_);
    OutputTable table;
    table.columns = {"standard", "certificate", "body", "scope", "valid_until", "last_audit", "origin", "by", "recorded_at"};
    for (const v1::Certification& c : response.certifications()) {
      table.rows.push_back({c.standard(), c.certificate(), c.body(), c.scope(), c.valid_until(), c.last_audit(), c.origin(),
                            c.by(), Time(c.recorded_at())});
    }
    Render(table, FormatOf(flags_), out_);
    return kExitOk;
  }

  int RemoveCertification() {
    if (std::string missing = Missing(flags_, {"--standard", "--certificate"}); !missing.empty()) {
      return Usage(err_, absl::StrCat("'certifications remove' ", missing));
    }
    v1::RemoveCertificationRequest request;
    request.set_standard(Flag(flags_, "--standard"));
    request.set_certificate(Flag(flags_, "--certificate"));
    request.set_by(ByOrUser(flags_));
    v1::RemoveCertificationResponse response;
    grpc::Status status = Call<v1::Certifications::Stub>(&v1::Certifications::Stub::Remove, request, &response);
    if (!status.ok()) return Failed(status, err_);
    err_ << "certification " << request.certificate() << " removed\n";
    return kExitOk;
  }

  // --- assessments ---

  int SetAssessment(const std::string& clause) {
    if (!flags_.count("--by")) return Usage(err_, "'assess set' needs --by");
    v1::SetAssessmentRequest request;
    request.set_target(Flag(flags_, "--target"));
    request.set_clause(clause);
    request.set_by(Flag(flags_, "--by"));
    if (flags_.count("--status")) request.set_status(Flag(flags_, "--status"));
    if (flags_.count("--maturity")) {
      const std::string text = Flag(flags_, "--maturity");
      int maturity = 0;
      if (text.empty()) {
        request.add_clear("maturity");
      } else if (absl::SimpleAtoi(text, &maturity)) {
        request.set_maturity(maturity);
      } else {
        return Usage(err_, absl::StrCat("--maturity '", text, "' is not a number 0 to 3"));
      }
    }
    if (flags_.count("--owner")) request.set_owner(Flag(flags_, "--owner"));
    if (flags_.count("--due")) request.set_due(Flag(flags_, "--due"));
    if (flags_.count("--action")) request.set_action(Flag(flags_, "--action"));
    if (flags_.count("--note")) request.set_note(Flag(flags_, "--note"));
    if (flags_.count("--evidence")) {
      // Repeated --evidence flags arrive joined by newlines (cli.cc); an empty one clears.
      const std::string links = Flag(flags_, "--evidence");
      if (links.empty()) request.add_clear("evidence");
      for (absl::string_view link : absl::StrSplit(links, '\n', absl::SkipEmpty())) request.add_evidence(std::string(link));
    }
    v1::SetAssessmentResponse response;
    grpc::Status status = Call<v1::Assessments::Stub>(&v1::Assessments::Stub::Set, request, &response);
    if (!status.ok()) return Failed(status, err_);
    RenderAssessments({response.assessment()});
    return kExitOk;
  }

  int ListAssessments() {
    v1::ListAssessmentsRequest request;
    request.set_target(Flag(flags_, "--target"));
    v1::ListAssessmentsResponse response;
    grpc::Status status = CallAllPages<v1::Assessments::Stub>(&v1::Assessments::Stub::List, request, &response);
    if (!status.ok()) return Failed(status, err_);
    RenderAssessments({response.assessments().begin(), response.assessments().end()});
    return kExitOk;
  }

  int AssessmentHistory(const std::string& clause) {
    v1::AssessmentHistoryRequest request;
    request.set_target(Flag(flags_, "--target"));
    request.set_clause(clause);
    v1::AssessmentHistoryResponse response;
    grpc::Status status = CallAllPages<v1::Assessments::Stub>(&v1::Assessments::Stub::History, request, &response);
    if (!status.ok()) return Failed(status, err_);
    RenderAssessments({response.assessments().begin(), response.assessments().end()});
    return kExitOk;
  }

  void RenderAssessments(const std::vector<v1::ClauseAssessment>& assessments) {
    OutputTable table;
    table.columns = {"target", "clause", "status", "maturity", "owner", "due", "action", "note", "evidence", "by", "at"};
    for (const v1::ClauseAssessment& a : assessments) {
      table.rows.push_back({a.target(), a.clause(), a.status(), a.has_maturity() ? Cell(a.maturity()) : Cell(), a.owner(),
                            a.due(), a.action(), a.note(), absl::StrJoin(a.evidence(), " "), a.by(), Time(a.at())});
    }
    Render(table, FormatOf(flags_), out_);
  }

  const Client& client_;
  const Flags& flags_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace

int RunOrganisationCommand(const Client& client, const std::string& command, const Flags& flags,
                           const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  Organisation organisation(client, flags, out, err);
  if (command == "decisions") return organisation.Decisions(positional);
  if (command == "certifications") return organisation.Certifications(positional);
  return organisation.Assess(positional);
}

}  // namespace crosswalk::cli
