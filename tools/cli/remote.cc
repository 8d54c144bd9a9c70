#include "tools/cli/remote.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "absl/algorithm/container.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "crosswalk/v1/mapping.grpc.pb.h"
#include "crosswalk/v1/records.grpc.pb.h"
#include "crosswalk/v1/reports.grpc.pb.h"
#include "gateway/core/terminal_text.h"
#include "gateway/core/time_text.h"
#include "tools/cli/remote_sources.h"
#include "gateway/core/time_zone.h"
#include "grpcpp/grpcpp.h"
#include "tools/cli/cli.h"
#include "tools/cli/client.h"
#include "tools/cli/map_table.h"
#include "tools/cli/organisation_commands.h"
#include "tools/cli/output.h"
#include "tools/cli/progress_line.h"
#include "tools/cli/remote_preview.h"
#include "tools/cli/sam_commands.h"
#include "tools/cli/text_width.h"

namespace crosswalk::cli {
namespace {

// Progress of sync and import runs: a bar redrawn in place on a terminal, one line per report
// otherwise. Returns false when any run failed.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& err) : err_(err), tty_(isatty(STDERR_FILENO) == 1) {}

  void Show(const v1::SyncProgress& p) {
    const std::string counts = absl::StrCat(p.created(), " new, ", p.updated(), " changed, ",
                                            p.unchanged(), " unchanged",
                                            p.deleted() > 0 ? absl::StrCat(", ", p.deleted(), " deleted") : "",
                                            p.skipped() > 0 ? absl::StrCat(", ", p.skipped(), " skipped") : "");
    if (p.phase() == "done" || p.phase() == "warning" || p.phase() == "failed") {
      if (tty_) err_ << "\r\033[K";
      // Source names, messages and notes carry file content (headers, values): shown escaped.
      const std::string source = TerminalSafe(p.source());
      if (!p.waited_for().empty()) err_ << source << ": " << TerminalSafe(p.waited_for()) << "\n";
      if (!p.reread().empty()) err_ << source << ": " << TerminalSafe(p.reread()) << "\n";
      err_ << source << ": " << p.phase() << " (" << counts << ")"
           << (p.message().empty() ? "" : ": ") << TerminalSafe(p.message()) << "\n";
      for (const std::string& note : p.notes()) err_ << source << ": " << TerminalSafe(note) << "\n";
      failed_ = failed_ || p.phase() == "failed";
      warned_ = warned_ || p.phase() == "warning";
      return;
    }
    if (p.phase() == "waiting") {
      err_ << (tty_ ? "\r\033[K" : "") << TerminalSafe(p.source()) << ": waiting: " << TerminalSafe(p.message()) << "\n";
      return;
    }
    if (!tty_) {
      // A log, not a screen: the first line of each source's run, then one every few seconds
      // (a million records in pages of 2,000 would otherwise be 500 lines).
      if (!log_lines_.Due(p.source(), std::chrono::steady_clock::now())) return;
      err_ << p.source() << ": " << p.phase() << " " << p.records()
           << (p.total() > 0 ? absl::StrCat("/", p.total()) : "") << " records (" << counts << ")\n";
      return;
    }
    constexpr int kWidth = 30;
    std::string bar;
    if (p.total() > 0) {
      const int filled = static_cast<int>(kWidth * std::min<int64_t>(p.records(), p.total()) / p.total());
      bar = absl::StrCat("[", std::string(filled, '#'), std::string(kWidth - filled, '.'), "]");
    } else {
      bar = absl::StrCat("[", std::string(spin_++ % kWidth, '.'), "#", "]");
    }
    if (p.source() != timed_source_) {
      timed_source_ = p.source();
      started_ = std::chrono::steady_clock::now();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    err_ << "\r\033[K" << p.source() << " " << p.phase() << " " << bar << " "
         << ProgressFigures(p.records(), p.total(), elapsed) << std::flush;
  }
  bool failed() const { return failed_; }
  bool warned() const { return warned_; }

 private:
  std::ostream& err_;
  bool tty_;
  bool failed_ = false;
  bool warned_ = false;
  int spin_ = 0;
  LogThrottle log_lines_;  // without a terminal
  std::string timed_source_;  // the run the rate is measured for, since started_
  std::chrono::steady_clock::time_point started_;
};

int Presets(const Client& client, const std::map<std::string, std::string>& flags, std::ostream& out,
            std::ostream& err) {
  v1::Sources::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  v1::ListPresetsResponse response;
  grpc::Status status = stub.ListPresets(&context, {}, &response);
  if (!status.ok()) return Failed(status, err);
  OutputTable table;
  table.columns = {"preset", "kind", "description"};
  table.json_extra_columns = {"roles"};
  for (const v1::Preset& p : response.presets()) {
    table.rows.push_back({p.name(), p.kind(), p.description()});
    table.json_extra.push_back({absl::StrJoin(p.roles(), ";")});
  }
  Render(table, FormatOf(flags), out);
  return kExitOk;
}

int Sync(const Client& client, const std::map<std::string, std::string>& flags,
         const std::vector<std::string>& positional, std::ostream& err) {
  v1::SyncRequest request;
  request.set_all(flags.count("--all") > 0);
  request.set_full(flags.count("--full") > 0);
  for (const std::string& name : positional) request.add_sources(name);
  if (request.all() == !positional.empty()) {
    err << "crosswalk: 'sync' takes SOURCE… or --all\n";
    return kExitUsage;
  }
  v1::Sync::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  auto reader = stub.Run(&context, request);
  ProgressPrinter printer(err);
  v1::SyncProgress progress;
  while (reader->Read(&progress)) printer.Show(progress);
  grpc::Status status = reader->Finish();
  if (!status.ok()) return Failed(status, err);
  return printer.failed() ? kExitDataError : printer.warned() ? kExitNothingStored : kExitOk;
}

int Import(const Client& client, const std::map<std::string, std::string>& flags,
           const std::vector<std::string>& files, std::ostream& err) {
  return ForEachImportFile(client, files, "import --preset PRESET", err,
                           [&](const std::string& path, std::istream& in, v1::Sources::Stub& stub,
                               grpc::ClientContext& context, bool& stop) {
    auto stream = stub.Import(&context);
    stop = true;
    if (!SendImportFile(*stream, FirstImportChunk(path, flags), in, context, path, err)) return kExitDataError;
    ProgressPrinter printer(err);
    v1::SyncProgress progress;
    while (stream->Read(&progress)) printer.Show(progress);
    grpc::Status status = stream->Finish();
    if (!status.ok()) return Failed(status, err);
    stop = false;
    return printer.failed() ? kExitDataError : printer.warned() ? kExitNothingStored : kExitOk;
  });
}

int Records(const Client& client, const std::map<std::string, std::string>& flags,
            std::ostream& out, std::ostream& err) {
  v1::Records::Stub stub(client.channel());
  const Format format = FormatOf(flags);
  if (flags.count("--unmapped")) {
    v1::ListUnmappedRequest request;
    if (auto it = flags.find("--source"); it != flags.end()) request.set_source(it->second);
    request.set_page_size(1000);
    OutputTable table;
    table.columns = {"source", "field", "raw_value", "count", "example_native_id"};
    do {
      grpc::ClientContext context;
      client.Prepare(context);
      v1::ListUnmappedResponse response;
      grpc::Status status = stub.ListUnmapped(&context, request, &response);
      if (!status.ok()) return Failed(status, err);
      for (const v1::UnmappedValue& v : response.values()) {
        table.rows.push_back({v.source(), v.field(), v.raw_value(), static_cast<int>(v.count()), v.example_native_id()});
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    Render(table, format, out);
    return kExitOk;
  }
  v1::ListRecordsRequest request;
  if (auto it = flags.find("--kind"); it != flags.end()) request.set_kind(it->second);
  if (auto it = flags.find("--source"); it != flags.end()) request.set_source(it->second);
  if (auto it = flags.find("--clause"); it != flags.end()) request.set_clause(it->second);
  int64_t limit = -1;
  if (auto it = flags.find("--limit"); it != flags.end() && (!absl::SimpleAtoi(it->second, &limit) || limit < 0)) {
    err << "crosswalk: --limit takes a whole number\n";
    return kExitUsage;
  }
  request.set_page_size(limit >= 0 && limit < 1000 ? static_cast<int>(std::max<int64_t>(limit, 1)) : 1000);
  // Date-times are shown on the clock of --timezone, else of the server's reports (the response
  // names it); calendar dates as the source wrote them.
  std::optional<absl::TimeZone> zone;
  if (auto it = flags.find("--timezone"); it != flags.end()) {
    auto loaded = LoadIanaZone(it->second);
    if (!loaded.ok()) {
      err << "crosswalk: --timezone: " << loaded.status().message() << "\n";
      return kExitUsage;
    }
    zone = *loaded;
  }
  OutputTable table;
  table.columns = {"kind", "source", "native_id", "status", "effective", "priority", "title", "version"};
  table.json_extra_columns = {"opened", "resolved", "closed", "links", "attributes", "location", "origins", "content_hash"};
  while (true) {
    grpc::ClientContext context;
    client.Prepare(context);
    v1::ListRecordsResponse response;
    grpc::Status status = stub.ListRecords(&context, request, &response);
    if (!status.ok()) return Failed(status, err);
    if (!zone) zone = LoadIanaZone(response.time_zone()).value_or(absl::UTCTimeZone());
    for (const v1::Record& r : response.records()) {
      if (limit >= 0 && static_cast<int64_t>(table.rows.size()) >= limit) break;
      const v1::RecordProvenance& p = r.provenance();
      auto shown = [&r, &zone](const char* field, int64_t seconds, bool date) -> std::string {
        if (seconds == 0) return "";
        const bool calendar = absl::c_linear_search(r.calendar_dates(), field);
        return date ? ShowDate(seconds, calendar, *zone) : ShowTime(seconds, calendar, *zone);
      };
      table.rows.push_back({r.kind(), p.source(), p.native_id(), r.status(), shown("effective", r.effective(), true),
                            r.priority(), r.title(), static_cast<int>(r.version())});
      std::vector<std::string> links, attributes, origins;
      for (const v1::Link& l : r.links()) links.push_back(absl::StrCat(l.relation(), "=", l.target()));
      for (const v1::Attribute& a : r.attributes()) attributes.push_back(absl::StrCat(a.key(), "=", a.value()));
      for (const v1::FieldOrigin& o : p.origins()) {
        origins.push_back(absl::StrCat(o.field(), ":", o.native_value(), "→", o.rule_id().empty() ? "(unmapped)" : o.rule_id()));
      }
      table.json_extra.push_back({shown("opened", r.opened(), false), shown("resolved", r.resolved(), false),
                                  shown("closed", r.closed(), false), absl::StrJoin(links, "; "),
                                  absl::StrJoin(attributes, "; "), p.location(), absl::StrJoin(origins, "; "),
                                  p.content_hash()});
    }
    if (response.next_page_token().empty() || (limit >= 0 && static_cast<int64_t>(table.rows.size()) >= limit)) break;
    request.set_page_token(response.next_page_token());
  }
  Render(table, format, out);
  return kExitOk;
}

int MappingCommand(const Client& client, const std::string& command,
                   const std::map<std::string, std::string>& flags,
                   const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  v1::Mapping::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  const Format format = FormatOf(flags);
  OutputTable table;
  auto flag = [&](const char* name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  int max_hops = 0;
  if (!flag("--max-hops").empty() && (!absl::SimpleAtoi(flag("--max-hops"), &max_hops) || max_hops < 1 || max_hops > 10)) {
    err << "crosswalk: --max-hops takes a whole number from 1 to 10\n";
    return kExitUsage;
  }
  if (command == "catalogs") {
    v1::ListCatalogsResponse response;
    grpc::Status status = stub.ListCatalogs(&context, {}, &response);
    if (!status.ok()) return Failed(status, err);
    table.columns = {"id", "title", "edition", "aliases", "items"};
    for (const v1::CatalogSummary& c : response.catalogs()) {
      table.rows.push_back({c.id(), c.title(), c.edition(), absl::StrJoin(c.aliases(), ";"), c.items()});
    }
  } else if (command == "catalog") {
    if (positional.size() != 1) {
      err << "crosswalk: 'catalog' takes one catalog ID\n";
      return kExitUsage;
    }
    v1::GetCatalogRequest request;
    request.set_id(positional[0]);
    v1::GetCatalogResponse response;
    grpc::Status status = stub.GetCatalog(&context, request, &response);
    if (!status.ok()) return Failed(status, err);
    table.columns = {"ref", "parent", "kind", "title_en", "title_ja"};
    for (const v1::CatalogItem& i : response.items()) table.rows.push_back({i.ref(), i.parent(), i.kind(), i.title_en(), i.title_ja()});
  } else if (command == "map" || command == "gaps") {
    if (flag("--from").empty() || flag("--to").empty()) {
      err << "crosswalk: '" << command << "' needs --from and --to\n";
      return kExitUsage;
    }
    if (command == "gaps") {
      v1::GapsRequest request;
      request.set_from(flag("--from"));
      request.set_to(flag("--to"));
      request.set_max_hops(max_hops);
      v1::GapsResponse response;
      grpc::Status status = stub.Gaps(&context, request, &response);
      if (!status.ok()) return Failed(status, err);
      table.columns = {"to_ref", "status", "note"};
      for (const v1::Gap& g : response.gaps()) table.rows.push_back({g.to_ref(), g.status(), g.note()});
    } else {
      v1::MapRequest request;
      request.set_from(flag("--from"));
      request.set_to(flag("--to"));
      for (const std::string& ref : positional) request.add_refs(ref);
      request.set_direct_only(flags.count("--direct-only") > 0);
      request.set_best(flags.count("--best") > 0);
      request.set_sound_only(flags.count("--sound-only") > 0);
      request.set_max_hops(max_hops);
      v1::MapResponse response;
      grpc::Status status = stub.Map(&context, request, &response);
      if (!status.ok()) return Failed(status, err);
      table = MapTable();
      for (const v1::MappingResult& result : response.results()) AddMapRow(MapRowOf(result), table);
      std::vector<MapRow> rejected;
      for (const v1::MappingResult& result : response.rejected()) rejected.push_back(MapRowOf(result));
      AddRejected(rejected, format, table, err);
      Render(table, format, out);
      for (const std::string& note : response.notes()) err << "note: " << note << "\n";
      return kExitOk;
    }
  } else {  // terms
    v1::FindTermsRequest request;
    request.set_query(absl::StrJoin(positional, " "));
    v1::FindTermsResponse response;
    grpc::Status status = stub.FindTerms(&context, request, &response);
    if (!status.ok()) return Failed(status, err);
    table.columns = {"term_en", "jis_ja", "itil_ja", "differs"};
    for (const v1::Term& t : response.terms()) table.rows.push_back({t.term_en(), t.jis_ja(), t.itil_ja(), t.differs()});
  }
  Render(table, format, out);
  return kExitOk;
}

// `report KIND`: the server renders; the chunks go to --out or stdout as they arrive.
int Report(const Client& client, const std::map<std::string, std::string>& flags,
           const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 1) {
    err << "crosswalk: 'report' needs one KIND: coverage, shared, gaps, quality, service, scope, all or evidence\n";
    return kExitUsage;
  }
  v1::RenderReportRequest request;
  request.set_kind(positional[0]);
  auto flag = [&](const char* name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  request.set_target(flag("--target"));
  request.set_lang(flag("--lang"));
  request.set_format(flag("--format"));
  request.set_as_of(flag("--as-of"));
  request.set_clause(flag("--clause"));
  request.set_time_zone(flag("--timezone"));
  request.set_encoding(flag("--encoding"));
  if (const std::string titles = flag("--titles"); !titles.empty()) {
    // Sent whole and applied by the server for this report; checked there like its own titles.
    std::ifstream in(titles, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || text.str().empty()) {
      err << "crosswalk: --titles: cannot read " << titles << " (or it is empty)\n";
      return kExitDataError;
    }
    request.set_titles_csv(text.str());
    request.set_titles_name(titles);
  }
  const std::string out_path = flag("--out");
  // A report for the terminal fits it, like the CLI's own tables; one written to a file does not.
  if (out_path.empty()) request.set_width(TableWidth(flags.count("--wide") > 0));
  // A workbook is binary: never sprayed over a terminal.
  if (request.format() == "xlsx" && out_path.empty() && &out == &std::cout && isatty(STDOUT_FILENO)) {
    err << "crosswalk: an XLSX workbook is binary: give --out FILE (e.g. --out report.xlsx) or redirect the output\n";
    return kExitUsage;
  }
  // Written to a temporary file first, so a failed report never leaves half a file at --out.
  const std::string partial = out_path.empty() ? "" : out_path + ".partial";
  std::ofstream file;
  if (!out_path.empty()) {
    file.open(partial, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "crosswalk: cannot write " << out_path << "\n";
      return 1;
    }
  }
  std::ostream& sink = out_path.empty() ? out : file;
  v1::Reports::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  std::unique_ptr<grpc::ClientReader<v1::ReportChunk>> reader = stub.Render(&context, request);
  v1::ReportChunk chunk;
  while (reader->Read(&chunk)) sink << chunk.data();
  grpc::Status status = reader->Finish();
  if (!out_path.empty()) {
    file.close();
    if (!status.ok() || !file) {
      std::remove(partial.c_str());
    } else if (std::rename(partial.c_str(), out_path.c_str()) != 0) {
      err << "crosswalk: cannot write " << out_path << "\n";
      return 1;
    }
  }
  if (!status.ok()) {
    // An unknown kind, format, language, date or catalog is a usage error, as locally.
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
        status.error_code() == grpc::StatusCode::NOT_FOUND) {
      err << "crosswalk: " << status.error_message() << "\n";
      return kExitUsage;
    }
    return Failed(status, err);
  }
  return 0;
}

}  // namespace

int RunRemote(const std::string& command, const std::map<std::string, std::string>& flags,
              const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  std::unique_ptr<Client> client = Client::Connect(flags, err);
  if (client == nullptr) return kExitUsage;
  if (command == "sources") {
    if (positional.empty() && !flags.count("--keep-records") && !flags.count("--limit")) return Sources(*client, flags, out, err);
    if (!positional.empty() && positional[0] == "remove") return RemoveSource(*client, flags, positional, out, err);
    if (!positional.empty() && positional[0] == "preview") return PreviewSource(*client, flags, positional, out, err);
    if (!positional.empty() && positional[0] == "show") return ShowSource(*client, flags, positional, out, err);
    if (!positional.empty() && positional[0] == "test") return TestSource(*client, flags, positional, out, err);
    if (!positional.empty() && positional[0] == "add") return AddSource(*client, flags, positional, out, err);
    err << "crosswalk: 'sources' takes no argument, 'show NAME', 'test NAME', 'add NAME --type T --set KEY=VALUE…', 'remove NAME [--keep-records]' or 'preview NAME [--limit N]'\n";
    return kExitUsage;
  }
  if (command == "presets") return Presets(*client, flags, out, err);
  if (command == "sync") return Sync(*client, flags, positional, err);
  if (command == "records") return Records(*client, flags, out, err);
  if (command == "import" && flags.count("--dry-run")) return DryRunImport(*client, flags, positional, out, err);
  if (command == "import" && flags.count("--limit")) {
    err << "crosswalk: --limit of 'import' is for --dry-run (the records a preview shows)\n";
    return kExitUsage;
  }
  if (command == "import") return Import(*client, flags, positional, err);
  if (command == "report") return Report(*client, flags, positional, out, err);
  if (command == "decisions" || command == "certifications" || command == "assess") {
    const bool oscal = command == "decisions" && !positional.empty() && positional[0] == "export";
    if (flags.count("--format") && !ParseFormat(flags.at("--format")) && !oscal) {
      err << "crosswalk: unknown format '" << flags.at("--format") << "' (table, csv or json)\n";
      return kExitUsage;
    }
    return RunOrganisationCommand(*client, command, flags, positional, out, err);
  }
  if (command == "sam") return RunSamCommand(*client, flags, positional, out, err);
  if (command == "catalogs" || command == "catalog" || command == "map" || command == "gaps" || command == "terms") {
    return MappingCommand(*client, command, flags, positional, out, err);
  }
  err << "crosswalk: '" << command << "' is not a gateway command\n";
  return kExitUsage;
}

}  // namespace crosswalk::cli
