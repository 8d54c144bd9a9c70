#include "tools/cli/remote_sources.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "crosswalk/v1/records.grpc.pb.h"
#include "gateway/core/terminal_text.h"
#include "tools/cli/cli.h"
#include "tools/cli/output.h"

namespace crosswalk::cli {
namespace {

// A source's options as one text: "key=value; key=value" (secrets already redacted by the server).
std::string OptionsText(const v1::Source& source) {
  std::vector<std::string> parts;
  for (const v1::SourceOption& option : source.options()) {
    parts.push_back(absl::StrCat(option.key(), "=", option.value()));
  }
  return absl::StrJoin(parts, "; ");
}

// Every source, page by page, in the gateway's order; false (with `err` written) on an RPC error.
bool ListAllSources(const Client& client, std::vector<v1::Source>* sources, std::ostream& err,
                    int* exit_code) {
  v1::Sources::Stub stub(client.channel());
  v1::ListSourcesRequest request;
  do {
    grpc::ClientContext context;
    client.Prepare(context);
    v1::ListSourcesResponse response;
    grpc::Status status = stub.ListSources(&context, request, &response);
    if (!status.ok()) {
      *exit_code = Failed(status, err);
      return false;
    }
    for (const v1::Source& s : response.sources()) sources->push_back(s);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return true;
}

}  // namespace

int ShowSource(const Client& client, const std::map<std::string, std::string>& flags,
               const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 2) {
    err << "crosswalk: 'sources show' takes one source name\n";
    return kExitUsage;
  }
  std::vector<v1::Source> sources;
  int exit_code = kExitOk;
  if (!ListAllSources(client, &sources, err, &exit_code)) return exit_code;
  for (const v1::Source& s : sources) {
    if (s.name() != positional[1]) continue;
    OutputTable table;
    table.columns = {"field", "value"};
    auto row = [&table](const std::string& field, Cell value) { table.rows.push_back({field, std::move(value)}); };
    row("name", s.name());
    row("type", s.type());
    row("schedule", s.schedule().empty() ? "on demand" : s.schedule());
    row("on_error", s.on_error());
    row("origin", s.origin());
    row("adhoc", s.adhoc() ? "yes (crosswalk import)" : "no");
    row("records", static_cast<int>(s.records()));
    row("versions", static_cast<int>(s.versions()));
    row("deleted in the source", static_cast<int>(s.deleted()));
    row("last_outcome", s.last_outcome().empty() ? "never run" : s.last_outcome());
    row("last_finished", Time(s.last_finished()));
    row("last_message", s.last_message());
    row("cursor", s.cursor());
    for (const v1::SourceOption& option : s.options()) {
      row(absl::StrCat("option ", option.key()),
          option.type().empty() ? option.value() : absl::StrCat(option.value(), "  [", option.type(), "]"));
    }
    Render(table, FormatOf(flags), out);
    return kExitOk;
  }
  std::vector<std::string> names;
  for (const v1::Source& s : sources) names.push_back(s.name());
  err << "crosswalk: no source '" << TerminalSafe(positional[1]) << "' (the gateway has: "
      << TerminalSafe(absl::StrJoin(names, ", ")) << ")\n";
  return kExitUsage;  // as `sources remove` of an unknown name
}

int Sources(const Client& client, const std::map<std::string, std::string>& flags, std::ostream& out,
            std::ostream& err) {
  std::vector<v1::Source> sources;
  int exit_code = kExitOk;
  if (!ListAllSources(client, &sources, err, &exit_code)) return exit_code;
  OutputTable table;
  table.columns = {"name", "type", "preset", "records", "versions", "last_outcome", "last_finished", "schedule"};
  table.json_extra_columns = {"location", "on_error", "adhoc", "last_message", "cursor", "options"};
  for (const v1::Source& s : sources) {
    table.rows.push_back({s.name(), s.type(), s.preset(), static_cast<int>(s.records()),
                          static_cast<int>(s.versions()), s.last_outcome(), Time(s.last_finished()), s.schedule()});
    table.json_extra.push_back({s.location(), s.on_error(), s.adhoc(), s.last_message(), s.cursor(), OptionsText(s)});
  }
  Render(table, FormatOf(flags), out);
  return kExitOk;
}

int AddSource(const Client& client, const std::map<std::string, std::string>& flags,
              const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 2) {
    err << "crosswalk: 'sources add' takes one source name\n";
    return kExitUsage;
  }
  auto flag = [&flags](const char* name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  if (flag("--type").empty()) {
    err << "crosswalk: 'sources add' needs --type (rt, redmine, servicenow, jira, glpi)\n";
    return kExitUsage;
  }
  v1::AddSourceRequest request;
  request.set_name(positional[1]);
  request.set_type(flag("--type"));
  request.set_schedule(flag("--schedule"));
  request.set_on_error(flag("--on-error"));
  // Repeated --set flags arrive joined by newlines.
  for (absl::string_view setting : absl::StrSplit(flag("--set"), '\n', absl::SkipEmpty())) {
    const size_t equals = setting.find('=');
    if (equals == absl::string_view::npos || equals == 0) {
      err << "crosswalk: --set takes KEY=VALUE, not '" << TerminalSafe(std::string(setting)) << "'\n";
      return kExitUsage;
    }
    const std::string key(setting.substr(0, equals));
    if (request.options().count(key)) {
      err << "crosswalk: --set " << TerminalSafe(key) << " given twice\n";
      return kExitUsage;
    }
    (*request.mutable_options())[key] = std::string(setting.substr(equals + 1));
  }
  v1::Sources::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  v1::AddSourceResponse response;
  grpc::Status status = stub.Add(&context, request, &response);
  if (!status.ok()) return Failed(status, err);
  out << TerminalSafe(response.message()) << "\n";
  return kExitOk;
}

int TestSource(const Client& client, const std::map<std::string, std::string>& flags,
               const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 2) {
    err << "crosswalk: 'sources test' takes one source name\n";
    return kExitUsage;
  }
  v1::TestSourceRequest request;
  request.set_name(positional[1]);
  v1::Sources::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  v1::TestSourceResponse response;
  grpc::Status status = stub.Test(&context, request, &response);
  if (!status.ok()) return Failed(status, err);  // NOT_FOUND (no such source): exit 2
  OutputTable table;
  table.columns = {"step", "result"};
  auto step = [&table](const std::string& name, bool passed) { table.rows.push_back({name, std::string(passed ? "yes" : "no")}); };
  table.rows.push_back({"source", response.source()});
  table.rows.push_back({"type", response.type()});
  step("configured", response.configured());
  step("reachable", response.reachable());
  step("authenticated", response.authenticated());
  step("permitted", response.permitted());
  if (response.permitted()) {
    table.rows.push_back({"records_visible", absl::StrCat(response.visible_is_total() ? "" : "at least ", response.visible())});
  }
  table.rows.push_back({"verdict", response.verdict()});
  if (!response.detail().empty()) table.rows.push_back({"detail", response.detail()});
  table.rows.push_back({"code", response.code()});
  Render(table, FormatOf(flags), out);
  return response.permitted() ? kExitOk : kExitDataError;
}

int RemoveSource(const Client& client, const std::map<std::string, std::string>& flags,
                 const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 2) {
    err << "crosswalk: 'sources remove' takes one source name\n";
    return kExitUsage;
  }
  v1::RemoveSourceRequest request;
  request.set_name(positional[1]);
  request.set_keep_records(flags.count("--keep-records") > 0);
  v1::Sources::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  v1::RemoveSourceResponse response;
  grpc::Status status = stub.Remove(&context, request, &response);
  if (!status.ok()) return Failed(status, err);  // NOT_FOUND (no such source): exit 2
  out << TerminalSafe(response.message()) << "\n";
  return kExitOk;
}

}  // namespace crosswalk::cli
