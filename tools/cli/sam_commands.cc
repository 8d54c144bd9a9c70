#include "tools/cli/sam_commands.h"

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

// The rule that made the install what it is: a product's product or package rule (its last), an
// excluded entry's exclude rule (its only one); none for an unrecognised title or a package no
// rule maps. Every rule is in the json's `rules`.
std::string DecidingRule(const v1::Install& install) {
  if (install.rules().empty()) return "";
  if (install.class_() == "product") return *install.rules().rbegin();
  if (install.class_() == "excluded") return install.rules(0);
  return "";
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
  table.json_extra_columns = {"rules", "evidences"};
  grpc::Status status = ReadAll<v1::Install>(stub.ListInstalls(&context, request), [&table](const v1::Install& i) {
    table.rows.push_back({i.device(), i.publisher(), i.product(), i.version(), i.edition(), i.arch(), i.class_(),
                          i.raw_name(), DecidingRule(i), static_cast<int>(i.evidences_size())});
    std::vector<std::string> evidences;
    for (const v1::InstallEvidence& e : i.evidences()) {
      evidences.push_back(absl::StrCat(e.source(), "/", e.native_id(), " (", e.format(), ", ", e.from(), ", ",
                                       e.evidence(), "): ", e.raw_name()));
    }
    table.json_extra.push_back({absl::StrJoin(i.rules(), " "), absl::StrJoin(evidences, "; ")});
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

}  // namespace

int RunSamCommand(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  const std::string sub = positional.empty() ? "" : positional[0];
  if (positional.size() != 1 || (sub != "installs" && sub != "titles")) {
    err << "crosswalk: 'sam' takes 'installs [--device D] [--class C]' or 'titles [--class C]'\n";
    return kExitUsage;
  }
  if (sub == "titles" && flags.count("--device")) {
    err << "crosswalk: --device is for 'sam installs'\n";
    return kExitUsage;
  }
  const std::optional<Format> format = ParseFormat(flags.count("--format") ? flags.at("--format") : "table");
  if (!format) {
    err << "crosswalk: unknown format '" << flags.at("--format") << "' (table, csv or json)\n";
    return kExitUsage;
  }
  v1::Sam::Stub stub(client.channel());
  return sub == "installs" ? Installs(stub, client, flags, *format, out, err) : Titles(stub, client, flags, *format, out, err);
}

}  // namespace crosswalk::cli
