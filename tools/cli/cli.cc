#include "tools/cli/cli.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/csv_encoding.h"
#include "gateway/core/text_distance.h"
#include "gateway/mapping/japanese_titles.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/core/terminal_text.h"
#include "gateway/mapping/ciso_assistant_import.h"
#include "gateway/mapping/mapping_csv.h"
#include "gateway/mapping/oscal_mapping.h"
#include "gateway/mapping/relationship_algebra.h"
#include "connectors/files/preset.h"
#include "tools/cli/command_table.h"
#include "tools/cli/map_table.h"
#include "tools/cli/output.h"
#include "tools/cli/parse.h"
#include "tools/cli/text_width.h"
#include "tools/cli/remote.h"

namespace crosswalk::cli {
namespace {

using mapping::MappingEngine;

std::string Origin(const mapping::Origin& origin) {
  return absl::StrCat(origin.file, ":", origin.line);
}

Cell LineCell(int line) { return line > 0 ? Cell(line) : Cell(); }

class LocalCommands {
 public:
  LocalCommands(const Invocation& invocation, const MappingEngine& engine, std::ostream& out,
           std::ostream& err)
      : invocation_(invocation), engine_(engine), out_(out), err_(err) {}

  // Returns the exit code; `format` is already checked.
  int Run(Format format) {
    const std::string& command = invocation_.command;
    if (command == "catalogs") return Catalogs(format);
    if (command == "catalog") return CatalogItems(format);
    if (command == "map") return Map(format);
    if (command == "gaps") return Gaps(format);
    return Terms(format);
  }

 private:
  int Usage(const std::string& message) {
    err_ << "crosswalk: " << message << "\n";
    return kExitUsage;
  }

  int Catalogs(Format format) {
    if (!invocation_.positional.empty()) return Usage("'catalogs' takes no arguments");
    OutputTable table;
    table.columns = {"id", "title", "edition", "aliases", "items"};
    table.json_extra_columns = {"source", "note", "origin"};
    for (const mapping::Catalog& catalog : engine_.data().catalogs) {
      table.rows.push_back({catalog.id, catalog.title, catalog.edition,
                            absl::StrJoin(catalog.aliases, ";"),
                            static_cast<int>(catalog.items.size())});
      table.json_extra.push_back({catalog.source, catalog.note, Origin(catalog.origin)});
    }
    Render(table, format, out_);
    return kExitOk;
  }

  int CatalogItems(Format format) {
    if (invocation_.positional.size() != 1) return Usage("'catalog' takes one catalog ID");
    auto catalog = engine_.ResolveCatalog(invocation_.positional[0]);
    if (!catalog.ok()) return Usage(std::string(catalog.status().message()));
    OutputTable table;
    table.columns = {"ref", "parent", "kind", "title_en", "title_ja"};
    table.json_extra_columns = {"aliases", "purpose_en", "purpose_ja", "pdca_phase",
                                "source",  "source_line", "note",      "origin"};
    for (const mapping::CatalogItem& item : (*catalog)->items) {
      table.rows.push_back({item.ref, item.parent, item.kind, item.title_en, item.title_ja});
      Cell purpose_en, purpose_ja, pdca_phase;
      for (const mapping::Annotation* note : engine_.AnnotationsOf(**catalog, item.ref)) {
        if (note->attribute == "purpose") {
          purpose_en = note->value_en;
          purpose_ja = note->value_ja;
        } else if (note->attribute == "pdca-phase") {
          pdca_phase = note->value_en;
        }
      }
      table.json_extra.push_back({absl::StrJoin(item.aliases, ";"), purpose_en, purpose_ja,
                                  pdca_phase, item.source, LineCell(item.source_line), item.note,
                                  Origin(item.origin)});
    }
    Render(table, format, out_);
    return kExitOk;
  }

  int Map(Format format) {
    const auto& flags = invocation_.flags;
    if (!flags.count("--from") || !flags.count("--to")) return Usage("'map' needs --from and --to");
    mapping::MapQuery query;
    query.from = flags.at("--from");
    query.to = flags.at("--to");
    query.refs = invocation_.positional;
    query.direct_only = flags.count("--direct-only") > 0;
    query.best = flags.count("--best") > 0;
    query.candidates = flags.count("--sound-only") == 0;
    if (auto hops = flags.find("--max-hops"); hops != flags.end()) {
      if (!absl::SimpleAtoi(hops->second, &query.max_hops) || query.max_hops < 1 ||
          query.max_hops > 10) {
        return Usage("--max-hops takes a whole number from 1 to 10");
      }
    }
    auto answer = engine_.Map(query);
    if (!answer.ok()) return Usage(std::string(answer.status().message()));
    OutputTable table = MapTable();
    for (const mapping::MapResult& result : answer->results) AddMapRow(MapRowOf(result), table);
    std::vector<MapRow> rejected;
    for (const mapping::MapResult& result : answer->rejected) rejected.push_back(MapRowOf(result));
    AddRejected(rejected, format, table, err_);
    Render(table, format, out_);
    for (const std::string& note : answer->notes) err_ << "note: " << note << "\n";
    return kExitOk;
  }

  int Gaps(Format format) {
    const auto& flags = invocation_.flags;
    if (!flags.count("--from") || !flags.count("--to")) return Usage("'gaps' needs --from and --to");
    if (!invocation_.positional.empty()) return Usage("'gaps' takes no refs");
    int max_hops = 5;
    if (auto hops = flags.find("--max-hops"); hops != flags.end()) {
      if (!absl::SimpleAtoi(hops->second, &max_hops) || max_hops < 1 || max_hops > 10) {
        return Usage("--max-hops takes a whole number from 1 to 10");
      }
    }
    auto gaps = engine_.Gaps(flags.at("--from"), flags.at("--to"), max_hops);
    if (!gaps.ok()) return Usage(std::string(gaps.status().message()));
    OutputTable table;
    table.columns = {"to_ref", "status", "note"};
    for (const mapping::Gap& gap : *gaps) {
      table.rows.push_back({gap.to_ref, std::string(mapping::Name(gap.status)), gap.note});
    }
    Render(table, format, out_);
    return kExitOk;
  }

  int Terms(Format format) {
    const std::string query = absl::StrJoin(invocation_.positional, " ");
    OutputTable table;
    table.columns = {"term_en", "jis_ja", "itil_ja", "differs"};
    table.json_extra_columns = {"source", "source_line", "note", "origin"};
    for (const mapping::Term* term : engine_.FindTerms(query)) {
      table.rows.push_back({term->term_en, term->jis_ja, term->itil_ja, term->differs});
      table.json_extra.push_back(
          {term->source, LineCell(term->source_line), term->note, Origin(term->origin)});
    }
    Render(table, format, out_);
    return kExitOk;
  }

  const Invocation& invocation_;
  const MappingEngine& engine_;
  std::ostream& out_;
  std::ostream& err_;
};

int Validate(const std::string& root, std::ostream& out) {
  mapping::LoadResult result = mapping::LoadMappings(root);
  for (const mapping::Diagnostic& diagnostic : result.diagnostics) {
    out << diagnostic.ToString() << "\n";
  }
  const mapping::MappingData& data = result.data;
  size_t items = 0;
  for (const mapping::Catalog& catalog : data.catalogs) items += catalog.items.size();
  if (!result.diagnostics.empty()) {
    out << result.diagnostics.size() << " problem(s) in " << root << "\n";
    return kExitDataError;
  }
  out << "ok: " << root << ": " << data.catalogs.size() << " catalogs (" << items << " items), "
      << data.crosswalks.size() << " crosswalk rows, " << data.terms.size() << " terms, "
      << data.annotations.size() << " annotations, " << data.topics.size() << " topics\n";
  return kExitOk;
}

// Writes `text` to --out FILE when given, else to `out`. False (and a message) when it cannot.
bool Emit(const Invocation& invocation, const std::string& text, std::ostream& out,
          std::ostream& err) {
  auto file = invocation.flags.find("--out");
  if (file == invocation.flags.end()) {
    out << text;
    return true;
  }
  std::ofstream stream(file->second, std::ios::binary | std::ios::trunc);
  stream << text;
  if (!stream.good()) {
    err << "crosswalk: cannot write " << file->second << "\n";
    return false;
  }
  return true;
}

int Export(const Invocation& invocation, const MappingEngine& engine, std::ostream& out,
           std::ostream& err) {
  const auto& flags = invocation.flags;
  if (!flags.count("--from") || !flags.count("--to") || !invocation.positional.empty()) {
    err << "crosswalk: 'export' needs --from, --to and --format oscal|csv, and takes no refs\n";
    return kExitUsage;
  }
  const std::string format = flags.count("--format") ? flags.at("--format") : "";
  if (format != "oscal" && format != "csv") {
    err << "crosswalk: 'export' takes --format oscal or --format csv\n";
    return kExitUsage;
  }
  if (format == "oscal") {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm utc;
    gmtime_r(&now, &utc);
    std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &utc);
    auto document = mapping::ExportOscalMappingCollection(engine, flags.at("--from"),
                                                          flags.at("--to"), stamp);
    if (!document.ok()) {
      err << "crosswalk: " << document.status().message() << "\n";
      return document.status().code() == absl::StatusCode::kFailedPrecondition ? kExitDataError
                                                                               : kExitUsage;
    }
    return Emit(invocation, *document, out, err) ? kExitOk : kExitDataError;
  }
  auto from = engine.ResolveCatalog(flags.at("--from"));
  auto to = engine.ResolveCatalog(flags.at("--to"));
  if (!from.ok() || !to.ok()) {
    err << "crosswalk: " << (from.ok() ? to.status() : from.status()).message() << "\n";
    return kExitUsage;
  }
  std::vector<mapping::CrosswalkRow> rows;
  for (const mapping::CrosswalkRow& row : engine.data().crosswalks) {
    if ((row.from == (*from)->id && row.to == (*to)->id) ||
        (row.from == (*to)->id && row.to == (*from)->id)) {
      rows.push_back(row);
    }
  }
  return Emit(invocation, mapping::CrosswalkRowsCsv(rows), out, err) ? kExitOk : kExitDataError;
}

std::optional<std::string> ReadFile(const std::string& path, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "crosswalk: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Lists an import's notes and problems (at most kShownProblems, then how many more) on `err`, and
// writes its output with `emit` unless a problem forbids it: any problem without `skip_invalid`, a
// problem with the document itself, or no row left. Returns the exit code.
int ReportImport(const mapping::ImportReport& report, const std::vector<std::string>& files,
                 bool skip_invalid, const std::function<bool()>& emit, std::ostream& err) {
  constexpr size_t kShownProblems = 100;
  // Messages quote the files' text: shown terminal-safe.
  for (size_t i = 0; i < report.notes.size() && i < kShownProblems; ++i) err << "note: " << TerminalSafe(report.notes[i]) << "\n";
  if (report.notes.size() > kShownProblems) err << "… " << report.notes.size() - kShownProblems << " more note(s)\n";
  for (size_t i = 0; i < report.problems.size() && i < kShownProblems; ++i) err << TerminalSafe(report.problems[i]) << "\n";
  if (report.problems.size() > kShownProblems) {
    err << "… " << report.problems.size() - kShownProblems << " more problem(s) not shown\n";
  }
  const std::string in = absl::StrCat(" problem(s) in ", absl::StrJoin(files, ", "));
  if (!report.problems.empty() && (!skip_invalid || report.document_problems > 0)) {
    err << report.problems.size() << in << "; nothing was written"
        << (skip_invalid || report.document_problems > 0 ? "" : " (--skip-invalid imports the valid rows)") << "\n";
    return kExitDataError;
  }
  if (!report.problems.empty()) {
    if (report.rows.empty()) {
      err << report.problems.size() << in << "; no valid row, nothing was written\n";
      return kExitDataError;
    }
    err << report.problems.size() << in << "; " << report.rows_skipped << " row(s) skipped, "
        << report.rows.size() << " imported\n";
  }
  return emit() ? kExitOk : kExitDataError;
}

// OSCAL (.json, one file) or CISO Assistant library YAML (.yaml/.yml, one or more files: give the
// frameworks' files with a mapping set so its URNs are checked against their nodes).
int Import(const Invocation& invocation, const MappingEngine& engine, std::ostream& out,
           std::ostream& err) {
  const std::vector<std::string>& files = invocation.positional;
  if (files.empty()) {
    err << "crosswalk: 'import' takes FILE.json (OSCAL) or FILE.yaml… (CISO Assistant)\n";
    return kExitUsage;
  }
  mapping::ImportReport report;
  std::string text;
  if (absl::EndsWith(files[0], ".json")) {
    if (files.size() != 1) {
      err << "crosswalk: 'import' takes one OSCAL file at a time\n";
      return kExitUsage;
    }
    auto json = ReadFile(files[0], err);
    if (!json) return kExitDataError;
    mapping::OscalImport imported = mapping::ImportOscalMappingCollection(engine, *json, files[0]);
    text = mapping::CrosswalkRowsCsv(imported.rows);
    report = std::move(imported);
  } else {
    std::vector<mapping::CisoAssistantFile> yaml;
    for (const std::string& file : files) {
      if (!absl::EndsWith(file, ".yaml") && !absl::EndsWith(file, ".yml")) {
        err << "crosswalk: " << file << ": expected .json (OSCAL) or .yaml (CISO Assistant)\n";
        return kExitUsage;
      }
      auto content = ReadFile(file, err);
      if (!content) return kExitDataError;
      yaml.push_back({file, std::move(*content)});
    }
    mapping::CisoAssistantImport imported = mapping::ImportCisoAssistant(engine, yaml);
    text = imported.rows.empty() && !imported.catalog_items.empty()
               ? mapping::CatalogItemsCsv(imported.catalog_items)
               : mapping::CrosswalkRowsCsv(imported.rows);
    report = std::move(imported);
  }
  return ReportImport(report, files, invocation.flags.count("--skip-invalid") > 0,
                      [&] { return Emit(invocation, text, out, err); }, err);
}

int LocalPresets(const Invocation& invocation, const std::string& root, std::ostream& out,
                 std::ostream& err) {
  auto presets = files::PresetSet::Load(root);
  if (!presets.ok()) {
    err << "crosswalk: " << presets.status().message() << "\n";
    return kExitDataError;
  }
  Format format = Format::kTable;
  if (auto it = invocation.flags.find("--format"); it != invocation.flags.end()) {
    auto parsed = ParseFormat(it->second);
    if (!parsed) {
      err << "crosswalk: unknown format '" << it->second << "'\n";
      return kExitUsage;
    }
    format = *parsed;
  }
  OutputTable table;
  table.columns = {"preset", "kind", "description"};
  table.json_extra_columns = {"roles"};
  for (const files::Preset& preset : (*presets)->presets()) {
    table.rows.push_back({preset.name, preset.kind, preset.description});
    std::vector<std::string> roles;
    for (bool required : {true, false}) {
      for (const files::PresetColumn& column : preset.columns) {
        if (column.required == required) roles.push_back(column.role);
      }
    }
    table.json_extra.push_back({absl::StrJoin(roles, ";")});
  }
  Render(table, format, out);
  return kExitOk;
}

// `crosswalk completion bash`: the script, with the kinds of the mapping data for --kind.
int Completion(const Invocation& invocation, const std::string& root, std::ostream& out, std::ostream& err) {
  if (invocation.positional != std::vector<std::string>{"bash"}) {
    err << "crosswalk: 'completion' takes the shell: bash\n";
    return kExitUsage;
  }
  std::vector<std::string> kinds;
  if (std::ifstream in(root + "/rules/kinds.csv"); in) {
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
      const std::string kind = line.substr(0, line.find(','));
      if (!kind.empty() && kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos) {
        kinds.push_back(kind);
      }
    }
  }
  out << BashCompletion(kinds);
  return kExitOk;
}

// The mapping data under `root`, with the Japanese titles of --titles FILE; nullopt (and the
// message naming file:line:column) when either cannot be used.
std::optional<mapping::MappingData> LoadMappings(const Invocation& invocation, const std::string& root,
                                                 std::ostream& err) {
  auto data = mapping::LoadValidMappings(root);
  if (!data.ok()) {
    err << "crosswalk: " << data.status().message() << "\n";
    return std::nullopt;
  }
  if (auto titles = invocation.flags.find("--titles"); titles != invocation.flags.end()) {
    if (absl::Status status = mapping::ApplyJapaneseTitles(titles->second, &*data); !status.ok()) {
      err << "crosswalk: --titles: " << status.message() << "\n";
      return std::nullopt;
    }
  }
  return std::move(*data);
}

// A table command with --encoding: its CSV output is produced whole in UTF-8, then written in the
// encoding (csv_encoding.h). Nothing is written when the text cannot be converted.
int RunEncoded(const std::vector<std::string>& args, const Invocation& invocation,
               const std::string& default_mappings, std::ostream& out, std::ostream& err) {
  const std::string& encoding = invocation.flags.at("--encoding");
  if (absl::Status status = CheckCsvEncoding(encoding); !status.ok()) {
    err << "crosswalk: " << status.message() << "\n";
    return kExitUsage;
  }
  auto format = invocation.flags.find("--format");
  if (format == invocation.flags.end() || format->second != "csv" || invocation.flags.count("--out")) {
    err << "crosswalk: --encoding applies to CSV written to standard output: add --format csv (and no --out)\n";
    return kExitUsage;
  }
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--encoding") {
      ++i;  // and its value
    } else if (args[i].rfind("--encoding=", 0) != 0) {
      rest.push_back(args[i]);
    }
  }
  std::ostringstream utf8;
  const int code = RunCli(rest, default_mappings, utf8, err);
  auto encoded = EncodeCsv(utf8.str(), encoding);
  if (!encoded.ok()) {
    err << "crosswalk: " << encoded.status().message() << "\n";
    return kExitDataError;
  }
  out << *encoded;
  return code;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const std::string& default_mappings,
           std::ostream& out, std::ostream& err) {
  auto parsed = Parse(args);
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    err << "crosswalk: " << TerminalSafe(error->message) << "\n(crosswalk --help lists the commands)\n";
    return kExitUsage;
  }
  const Invocation& invocation = std::get<Invocation>(parsed);
  if (invocation.flags.count("--help")) {
    const CommandDef* command = FindCommand(invocation.command);
    out << (command != nullptr ? CommandHelp(*command) : TopLevelHelp());
    return kExitOk;
  }
  SetTableWidth(TableWidth(invocation.flags.count("--wide") > 0));
  if (invocation.flags.count("--version")) {
    out << "crosswalk " << CROSSWALK_VERSION << "\n";
    return kExitOk;
  }
  std::string root = default_mappings;
  if (const char* env = std::getenv("CROSSWALK_MAPPINGS"); env != nullptr && *env != '\0') {
    root = env;
  }
  if (auto it = invocation.flags.find("--mappings"); it != invocation.flags.end()) root = it->second;
  if (invocation.command == "completion") return Completion(invocation, root, out, err);
  // import's --encoding names its file's encoding; report's is applied by the server.
  if (invocation.flags.count("--encoding") && invocation.command != "import" && invocation.command != "report") {
    return RunEncoded(args, invocation, default_mappings, out, err);
  }
  // A gateway client when a server is named (--server or CROSSWALK_SERVER). `import` without
  // --preset stays the local mapping import; `validate` and `export` are always local.
  std::map<std::string, std::string> flags = invocation.flags;
  if (!flags.count("--server")) {
    if (const char* env = std::getenv("CROSSWALK_SERVER"); env != nullptr && *env != '\0') flags["--server"] = env;
  }
  const std::string& command = invocation.command;
  if (command == "import" && flags.count("--preset") && flags.count("--skip-invalid")) {
    err << "crosswalk: --skip-invalid is for mapping files (OSCAL, CISO Assistant); a --preset "
           "import follows its source's on_error\n";
    return kExitUsage;
  }
  if (command == "import" && !flags.count("--preset") && (flags.count("--dry-run") || flags.count("--limit"))) {
    err << "crosswalk: --dry-run and --limit are for a --preset import (a gateway preview); a mapping "
           "import writes nothing when it finds a problem\n";
    return kExitUsage;
  }
  const bool gateway_only = command == "sources" || command == "sync" || command == "records" || command == "report" ||
                            command == "decisions" || command == "certifications" || command == "assess" ||
                            command == "sam" || (command == "import" && flags.count("--preset"));
  if (gateway_only && !flags.count("--server")) {
    err << "crosswalk: '" << command << "' talks to a gateway: give --server HOST:PORT (or set CROSSWALK_SERVER)\n";
    return kExitUsage;
  }
  if (flags.count("--server") && flags.count("--titles") && command != "report") {
    err << "crosswalk: --titles loads Japanese titles into the local mapping data; a gateway loads "
           "them from its config (titles: FILE)\n";
    return kExitUsage;
  }
  if (flags.count("--server") && command != "validate" && command != "export" &&
      !(command == "import" && !flags.count("--preset"))) {
    return RunRemote(command, flags, invocation.positional, out, err);
  }
  if (command == "import" && invocation.flags.count("--format")) {
    err << "crosswalk: 'import' takes --format only with --preset\n";
    return kExitUsage;
  }


  if (invocation.command == "presets") return LocalPresets(invocation, root, out, err);

  if (invocation.command == "validate") {
    if (!invocation.positional.empty()) {
      err << "crosswalk: 'validate' takes no arguments\n";
      return kExitUsage;
    }
    return Validate(root, out);
  }

  if (invocation.command == "export" || invocation.command == "import") {
    auto data = LoadMappings(invocation, root, err);
    if (!data) return kExitDataError;
    const MappingEngine engine(std::move(*data));
    return invocation.command == "export" ? Export(invocation, engine, out, err)
                                          : Import(invocation, engine, out, err);
  }

  Format format = Format::kTable;
  if (auto it = invocation.flags.find("--format"); it != invocation.flags.end()) {
    std::optional<Format> parsed_format = ParseFormat(it->second);
    if (!parsed_format) {
      err << "crosswalk: unknown format '" << it->second << "'; nearest known: "
          << absl::StrJoin(Nearest(it->second, {"table", "csv", "json"}), ", ") << "\n";
      return kExitUsage;
    }
    format = *parsed_format;
  }

  auto data = LoadMappings(invocation, root, err);
  if (!data) return kExitDataError;
  const MappingEngine engine(std::move(*data));
  return LocalCommands(invocation, engine, out, err).Run(format);
}

}  // namespace crosswalk::cli
