#include "tools/cli/sam_commands.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "crosswalk/v1/sam.grpc.pb.h"
#include "tools/cli/cli.h"
#include "tools/cli/output.h"

namespace crosswalk::cli {
namespace {

std::string FlagOr(const std::map<std::string, std::string>& flags, const std::string& name) {
  auto it = flags.find(name);
  return it == flags.end() ? "" : it->second;
}

// Reads every message of a server stream into `row`; the call's status.
template <typename Message, typename Reader, typename Row>
grpc::Status ReadAll(Reader reader, Row row) {
  Message message;
  while (reader->Read(&message)) row(message);
  return reader->Finish();
}

int Installs(v1::Sam::Stub& stub, const Client& client, const std::map<std::string, std::string>& flags, Format format,
             std::ostream& out, std::ostream& err) {
  v1::ListInstallsRequest request;
  request.set_device(FlagOr(flags, "--device"));
  request.set_class_(FlagOr(flags, "--class"));
  grpc::ClientContext context;
  client.Prepare(context);
  OutputTable table;
  table.columns = {"device", "publisher", "product", "version", "edition", "arch", "class", "raw_name", "rule", "evidence"};
  table.json_extra_columns = {"rules", "evidences", "free", "reason"};
  grpc::Status status = ReadAll<v1::Install>(stub.ListInstalls(&context, request), [&table](const v1::Install& i) {
    table.rows.push_back({i.device(), i.publisher(), i.product(), i.version(), i.edition(), i.arch(), i.class_(),
                          i.raw_name(), DecidingRule(i), static_cast<int>(i.evidences_size())});
    std::vector<std::string> evidences;
    for (const v1::InstallEvidence& e : i.evidences()) {
      evidences.push_back(absl::StrCat(e.source(), "/", e.native_id(), " (", e.format(), ", ", e.from(), ", ",
                                       e.evidence(), "): ", e.raw_name()));
    }
    table.json_extra.push_back({absl::StrJoin(i.rules(), " "), absl::StrJoin(evidences, "; "), i.free(), i.reason()});
  });
  if (!status.ok()) return Failed(status, err);
  Render(table, format, out);
  return kExitOk;
}

int Titles(v1::Sam::Stub& stub, const Client& client, const std::map<std::string, std::string>& flags, Format format,
           std::ostream& out, std::ostream& err) {
  v1::ListTitlesRequest request;
  request.set_class_(FlagOr(flags, "--class"));
  grpc::ClientContext context;
  client.Prepare(context);
  OutputTable table;
  table.columns = {"class", "publisher", "product", "installs", "devices"};
  grpc::Status status = ReadAll<v1::TitleCount>(stub.ListTitles(&context, request), [&table](const v1::TitleCount& t) {
    table.rows.push_back({t.class_(), t.publisher(), t.product(), static_cast<int>(t.installs()), static_cast<int>(t.devices())});
  });
  if (!status.ok()) return Failed(status, err);
  Render(table, format, out);
  return kExitOk;
}

int Position(v1::Sam::Stub& stub, const Client& client, const std::map<std::string, std::string>& flags, Format format,
             std::ostream& out, std::ostream& err) {
  v1::PositionRequest request;
  request.set_product(FlagOr(flags, "--product"));
  request.set_as_of(FlagOr(flags, "--as-of"));
  grpc::ClientContext context;
  client.Prepare(context);
  OutputTable table;
  table.columns = {"publisher", "product", "metric", "owned", "consumed", "position", "shortfall", "status", "demands"};
  table.json_extra_columns = {"unlimited", "entitlements", "notes"};
  grpc::Status status = ReadAll<v1::ProductPosition>(stub.GetPosition(&context, request), [&table](const v1::ProductPosition& p) {
    table.rows.push_back({p.publisher(), p.product(), p.metric(), static_cast<int>(p.owned()), static_cast<int>(p.consumed()),
                          static_cast<int>(p.position()), static_cast<int>(p.shortfall()), p.status(), static_cast<int>(p.devices())});
    table.json_extra.push_back({p.unlimited(), absl::StrJoin(p.entitlements(), " "), absl::StrJoin(p.notes(), "; ")});
  });
  if (!status.ok()) return Failed(status, err);
  Render(table, format, out);
  return kExitOk;
}

// One row per demand and entitlement considered (a demand no entitlement could serve: one row
// without one), so a spreadsheet filter on subject or product shows the whole trail.
int Explain(v1::Sam::Stub& stub, const Client& client, const std::map<std::string, std::string>& flags, Format format,
            std::ostream& out, std::ostream& err) {
  v1::ExplainRequest request;
  request.set_device(FlagOr(flags, "--device"));
  request.set_product(FlagOr(flags, "--product"));
  request.set_as_of(FlagOr(flags, "--as-of"));
  grpc::ClientContext context;
  client.Prepare(context);
  OutputTable table;
  table.columns = {"subject", "publisher", "product", "metric", "required", "covered", "basis", "entitlement", "consumed", "why"};
  table.json_extra_columns = {"installs", "entitlement_record"};
  grpc::Status status = ReadAll<v1::LicenceDemand>(stub.Explain(&context, request), [&table](const v1::LicenceDemand& d) {
    auto row = [&](const std::string& entitlement, int64_t consumed, const std::string& why, const std::string& record) {
      table.rows.push_back({d.subject(), d.publisher(), d.product(), d.metric(), static_cast<int>(d.required()),
                            static_cast<int>(d.covered()), d.basis(), entitlement, static_cast<int>(consumed), why});
      table.json_extra.push_back({absl::StrJoin(d.installs(), " "), record});
    };
    if (d.considered().empty()) row("", 0, "no entitlement for this product", "");
    for (const v1::ConsideredEntitlement& c : d.considered()) {
      row(c.entitlement(), c.consumed(), c.rejected().empty() ? "consumed" : c.rejected(), c.record());
    }
  });
  if (!status.ok()) return Failed(status, err);
  Render(table, format, out);
  return kExitOk;
}

int Exceptions(v1::Sam::Stub& stub, const Client& client, const std::map<std::string, std::string>& flags, Format format,
               std::ostream& out, std::ostream& err) {
  v1::ListExceptionsRequest request;
  request.set_kind(FlagOr(flags, "--kind"));
  request.set_as_of(FlagOr(flags, "--as-of"));
  grpc::ClientContext context;
  client.Prepare(context);
  OutputTable table;
  table.columns = {"kind", "subject", "clause", "detail", "evidence"};
  grpc::Status status = ReadAll<v1::SamException>(stub.ListExceptions(&context, request), [&table](const v1::SamException& e) {
    table.rows.push_back({e.kind(), e.subject(), e.clause(), e.detail(), absl::StrJoin(e.evidence(), " ")});
  });
  if (!status.ok()) return Failed(status, err);
  Render(table, format, out);
  return kExitOk;
}

int Refresh(v1::Sam::Stub& stub, const Client& client, Format format, std::ostream& out, std::ostream& err) {
  v1::RefreshSamRequest request;
  v1::RefreshSamResponse response;
  grpc::ClientContext context;
  client.Prepare(context);
  const grpc::Status status = stub.Refresh(&context, request, &response);
  if (!status.ok()) return Failed(status, err);
  OutputTable table;
  table.columns = {"created", "updated", "unchanged", "deleted"};
  table.rows.push_back({static_cast<int>(response.created()), static_cast<int>(response.updated()),
                        static_cast<int>(response.unchanged()), static_cast<int>(response.deleted())});
  Render(table, format, out);
  return kExitOk;
}

// Which flags each subcommand takes (besides --format and --csv-encoding).
const std::map<std::string, std::set<std::string>>& SubcommandFlags() {
  static const auto* flags = new std::map<std::string, std::set<std::string>>{
      {"installs", {"--device", "--class"}},
      {"titles", {"--class"}},
      {"position", {"--product", "--as-of"}},
      {"explain", {"--device", "--product", "--as-of"}},
      {"exceptions", {"--kind", "--as-of"}},
      {"refresh", {}},
  };
  return *flags;
}

}  // namespace

std::string DecidingRule(const v1::Install& install) {
  if (install.rules().empty()) return "";
  if (install.class_() == "product" || install.class_() == "excluded") return *install.rules().rbegin();
  return "";
}

int RunSamCommand(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  const std::string sub = positional.empty() ? "" : positional[0];
  const auto takes = SubcommandFlags().find(sub);
  if (positional.size() != 1 || takes == SubcommandFlags().end()) {
    err << "crosswalk: 'sam' takes 'installs [--device D] [--class C]', 'titles [--class C]', 'position [--product P] "
           "[--as-of D]', 'explain [--device D] [--product P] [--as-of D]', 'exceptions [--kind K] [--as-of D]' or 'refresh'\n";
    return kExitUsage;
  }
  for (const char* flag : {"--device", "--class", "--product", "--as-of", "--kind"}) {
    if (flags.count(flag) && !takes->second.count(flag)) {
      err << "crosswalk: " << flag << " is not for 'sam " << sub << "'\n";
      return kExitUsage;
    }
  }
  const std::optional<Format> format = ParseFormat(flags.count("--format") ? flags.at("--format") : "table");
  if (!format) {
    err << "crosswalk: unknown format '" << flags.at("--format") << "' (table, csv or json)\n";
    return kExitUsage;
  }
  v1::Sam::Stub stub(client.channel());
  if (sub == "installs") return Installs(stub, client, flags, *format, out, err);
  if (sub == "titles") return Titles(stub, client, flags, *format, out, err);
  if (sub == "position") return Position(stub, client, flags, *format, out, err);
  if (sub == "explain") return Explain(stub, client, flags, *format, out, err);
  if (sub == "exceptions") return Exceptions(stub, client, flags, *format, out, err);
  return Refresh(stub, client, *format, out, err);
}

}  // namespace crosswalk::cli
