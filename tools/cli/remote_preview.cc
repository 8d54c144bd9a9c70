#include "tools/cli/remote_preview.h"

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/terminal_text.h"
#include "gateway/core/time_text.h"
#include "google/protobuf/util/json_util.h"
#include "tools/cli/cli.h"
#include "tools/cli/output.h"

namespace crosswalk::cli {
namespace {

constexpr int kShownAttributes = 3;  // a record's first attributes shown beside its fields

// --limit as the request's limit: 0 (the server's default, 5) when absent; -1 after a message,
// also for --format csv (a preview is sections of tables: table or json).
int LimitOf(const std::map<std::string, std::string>& flags, const char* command, std::ostream& err) {
  if (FormatOf(flags) == Format::kCsv) {
    err << "crosswalk: '" << command << "' shows table or json\n";
    return -1;
  }
  auto it = flags.find("--limit");
  if (it == flags.end()) return 0;
  int limit = 0;
  if (!absl::SimpleAtoi(it->second, &limit) || limit < 1 || limit > 100) {
    err << "crosswalk: --limit takes a whole number from 1 to 100\n";
    return -1;
  }
  return limit;
}

std::string DateOf(const v1::Record& record) {
  if (record.effective() == 0) return "";
  for (const std::string& name : record.calendar_dates()) {
    if (name == "effective") return FormatDate(record.effective());
  }
  return Time(record.effective());
}

void Section(const std::string& title, std::ostream& out) { out << "\n" << title << "\n"; }

// The preview as tables (cells are escaped by Render; the other lines here with TerminalSafe).
void RenderTables(const v1::PreviewResponse& preview, std::ostream& out) {
  out << "source: " << TerminalSafe(preview.source()) << "  outcome: " << TerminalSafe(preview.outcome())
      << "  records read: " << preview.read() << (preview.bad() > 0 ? absl::StrCat(" (", preview.bad(), " bad)") : "")
      << "  (a preview: nothing was stored)\n";
  Section("columns", out);
  OutputTable columns;
  columns.columns = {"header", "column", "role"};
  std::vector<std::string> unclaimed;
  for (const v1::PreviewColumn& c : preview.columns()) {
    columns.rows.push_back({c.header(), c.column(), c.role().empty() ? std::string("(no role)") : c.role()});
    if (c.role().empty()) unclaimed.push_back(c.header());
  }
  Render(columns, Format::kTable, out);
  out << "unclaimed columns: " << (unclaimed.empty() ? "none" : TerminalSafe(absl::StrJoin(unclaimed, ", "))) << "\n";
  Section(absl::StrCat("first ", preview.records_size(), " records"), out);
  OutputTable records;
  records.columns = {"kind", "native_id", "status", "title", "effective", "priority", "more"};
  for (const v1::Record& r : preview.records()) {
    std::vector<std::string> more;
    for (int i = 0; i < r.attributes_size() && i < kShownAttributes; ++i) {
      more.push_back(absl::StrCat(r.attributes(i).key(), "=", r.attributes(i).value()));
    }
    records.rows.push_back({r.kind(), r.provenance().native_id(), r.status(), r.title(), DateOf(r), r.priority(),
                            absl::StrJoin(more, "; ")});
  }
  Render(records, Format::kTable, out);
  Section("records per kind", out);
  OutputTable kinds;
  kinds.columns = {"kind", "count"};
  for (const v1::PreviewKind& k : preview.kinds()) kinds.rows.push_back({k.kind(), static_cast<int>(k.count())});
  Render(kinds, Format::kTable, out);
  Section(absl::StrCat("unknown values (records --unmapped would list ", preview.unknown_distinct(), ")"), out);
  OutputTable unknown;
  unknown.columns = {"field", "raw_value", "count"};
  for (const v1::UnmappedValue& v : preview.unknown()) unknown.rows.push_back({v.field(), v.raw_value(), static_cast<int>(v.count())});
  Render(unknown, Format::kTable, out);
  out << "\n";
  for (const std::string& note : preview.notes()) out << "note: " << TerminalSafe(note) << "\n";
  for (const std::string& warning : preview.warnings()) out << "warning: " << TerminalSafe(warning) << "\n";
  for (const std::string& error : preview.errors()) out << "error: " << TerminalSafe(error) << "\n";
}

// Shows one preview; returns its exit code (sync's: 1 rejected, 3 nothing stored).
int Show(const v1::PreviewResponse& preview, const std::map<std::string, std::string>& flags, std::ostream& out) {
  if (FormatOf(flags) == Format::kJson) {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    (void)google::protobuf::util::MessageToJsonString(preview, &json, options);
    out << json;
  } else {
    RenderTables(preview, out);
  }
  return preview.outcome() == "failed" ? kExitDataError : preview.outcome() == "empty" ? kExitNothingStored : kExitOk;
}

// The worse of two exit codes: a failure over nothing stored over ok.
int Worse(int a, int b) {
  if (a == kExitDataError || b == kExitDataError) return kExitDataError;
  return std::max(a, b);
}

}  // namespace

v1::ImportChunk FirstImportChunk(const std::string& path, const std::map<std::string, std::string>& flags) {
  v1::ImportChunk chunk;
  chunk.set_file_name(path.substr(path.find_last_of('/') + 1));
  chunk.set_preset(flags.at("--preset"));
  // With --dry-run, --format is the preview's output format, not the file's.
  const bool dry_run = flags.count("--dry-run") > 0;
  for (const char* key : {"encoding", "sheet", "catalog", "timezone", "columns", "format"}) {
    if (dry_run && std::string(key) == "format") continue;
    if (auto it = flags.find(absl::StrCat("--", key)); it != flags.end()) (*chunk.mutable_options())[key] = it->second;
  }
  return chunk;
}

int ForEachImportFile(const Client& client, const std::vector<std::string>& files, const char* usage,
                      std::ostream& err,
                      const std::function<int(const std::string& path, std::istream& in, v1::Sources::Stub& stub,
                                              grpc::ClientContext& context, bool& stop)>& each) {
  if (files.empty()) {
    err << "crosswalk: '" << usage << "' takes one or more files\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      err << "crosswalk: cannot read " << path << "\n";
      return kExitDataError;
    }
    v1::Sources::Stub stub(client.channel());
    grpc::ClientContext context;
    client.Prepare(context);
    bool stop = false;
    const int code = each(path, in, stub, context, stop);
    if (stop) return code;
    exit_code = Worse(exit_code, code);
  }
  return exit_code;
}

int DryRunImport(const Client& client, const std::map<std::string, std::string>& flags,
                 const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  const int limit = LimitOf(flags, "import --dry-run", err);
  if (limit < 0) return kExitUsage;
  return ForEachImportFile(client, files, "import --preset PRESET --dry-run", err,
                           [&](const std::string& path, std::istream& in, v1::Sources::Stub& stub,
                               grpc::ClientContext& context, bool& stop) {
    v1::PreviewResponse response;
    auto stream = stub.PreviewImport(&context, &response);
    v1::ImportChunk first = FirstImportChunk(path, flags);
    first.set_preview_limit(limit);
    stop = true;
    if (!SendImportFile(*stream, std::move(first), in, context, path, err)) return kExitDataError;
    grpc::Status status = stream->Finish();
    if (!status.ok()) return Failed(status, err);
    stop = false;
    if (files.size() > 1 && FormatOf(flags) != Format::kJson) out << "== " << TerminalSafe(path) << "\n";
    return Show(response, flags, out);
  });
}

int PreviewSource(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err) {
  if (positional.size() != 2) {
    err << "crosswalk: 'sources preview' takes one source name\n";
    return kExitUsage;
  }
  const int limit = LimitOf(flags, "sources preview", err);
  if (limit < 0) return kExitUsage;
  v1::PreviewRequest request;
  request.set_name(positional[1]);
  request.set_limit(limit);
  v1::Sources::Stub stub(client.channel());
  grpc::ClientContext context;
  client.Prepare(context);
  v1::PreviewResponse response;
  grpc::Status status = stub.Preview(&context, request, &response);
  if (!status.ok()) return Failed(status, err);  // NOT_FOUND (no such source): exit 2
  return Show(response, flags, out);
}

}  // namespace crosswalk::cli
