#include "gateway/server/services.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "connectors/inventory/inventory_connector.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/inventory/inventory_connector.h"
#include "crosswalk/v1/mapping.grpc.pb.h"
#include "crosswalk/v1/organisation.grpc.pb.h"
#include "crosswalk/v1/records.grpc.pb.h"
#include "crosswalk/v1/reports.grpc.pb.h"
#include "crosswalk/v1/sam.grpc.pb.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/mapping/japanese_titles.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/report/report_render.h"
#include "gateway/report/report_zone.h"
#include "gateway/server/listing_bounds.h"
#include "gateway/server/mapping_convert.h"
#include "gateway/server/path_redactor.h"
#include "gateway/server/preview_convert.h"
#include "gateway/server/record_convert.h"
#include "gateway/server/report_admission.h"

namespace crosswalk::server {
namespace {

// Receives an import's bytes into `staged`, from `chunk` (the first message, already read) on:
// OK when the client marked the last message and then half-closed. RESOURCE_EXHAUSTED past
// limits.max_import_bytes (a client cannot raise it), CANCELLED for a stream that ended before its
// last message (nothing may be kept of it).
template <typename Stream>
grpc::Status ReceiveImport(grpc::ServerContext* context, Stream* stream, v1::ImportChunk& chunk,
                           StagedImport& staged, int64_t max_import_bytes) {
  const std::string file_name = chunk.file_name();
  bool complete = false;
  while (true) {
    if (staged.size() + static_cast<int64_t>(chunk.data().size()) > max_import_bytes) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          absl::StrCat("import larger than ", max_import_bytes, " bytes (limits.max_import_bytes)"));
    }
    if (absl::Status status = staged.Append(chunk.data()); !status.ok()) return ToGrpc(status);
    if (chunk.last()) {
      complete = true;
      break;
    }
    if (!stream->Read(&chunk)) break;
  }
  if (complete && stream->Read(&chunk)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "import data after the message marked last");
  }
  if (!complete || context->IsCancelled()) {
    std::fprintf(stderr, "crosswalkd: import of %s ended before the client finished it (%lld bytes, %s): nothing kept\n",
                 absl::CHexEscape(file_name).c_str(), static_cast<long long>(staged.size()),
                 context->IsCancelled() ? "cancelled" : "no last message");
    return grpc::Status(grpc::StatusCode::CANCELLED, "the import ended before its last message: nothing was kept");
  }
  return grpc::Status::OK;
}

class SourcesService final : public v1::Sources::Service {
 public:
  SourcesService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status ListSources(grpc::ServerContext* context, const v1::ListSourcesRequest* request,
                           v1::ListSourcesResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    if (request->page_size() < 0 || request->page_size() > 1000) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "page_size must be 0 to 1000");
    }
    const int page_size = request->page_size() == 0 ? 100 : request->page_size();
    size_t first = 0;
    if (!request->page_token().empty() &&
        (request->page_token()[0] != 's' || !absl::SimpleAtoi(request->page_token().substr(1), &first))) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "page_token was not issued by ListSources");
    }
    const size_t budget = PageBudget(gateway_->config().max_message_bytes);
    auto runs = gateway_->store().LastRuns();
    if (!runs.ok()) return ToGrpc(runs.status());
    const std::vector<SourceDefinition> sources = gateway_->Sources();
    size_t next = first;
    for (; next < sources.size() && response->sources_size() < page_size; ++next) {
      const SourceDefinition& source = sources[next];
      v1::Source* out = response->add_sources();
      out->set_name(source.config.name);
      out->set_type(source.config.type);
      auto option = [&](const char* key) {
        auto it = source.config.options.find(key);
        return it == source.config.options.end() ? std::string() : it->second;
      };
      out->set_location(ClientRedactor().Redact(option("location")));
      const ConnectorFactory* factory = gateway_->registry().Find(source.config.type);
      for (const auto& [key, value] : source.config.options) {
        v1::SourceOption* listed = out->add_options();
        listed->set_key(key);
        const ConfigKey* declared = nullptr;
        if (factory != nullptr) {
          for (const ConfigKey& candidate : factory->keys) {
            if (candidate.name == key) declared = &candidate;
          }
        }
        listed->set_secret(declared != nullptr && declared->secret());
        if (declared != nullptr) listed->set_type(DescribeType(*declared));
        listed->set_value(listed->secret() ? ListedValue(factory->keys, key, value)
                                           : ClientRedactor().Redact(value));
      }
      out->set_preset(option("preset"));
      out->set_schedule(source.schedule);
      out->set_on_error(source.on_error);
      out->set_adhoc(source.adhoc);
      out->set_origin(source.adhoc ? "import" : source.added ? "added" : "config");
      auto counts = gateway_->store().Counts(source.config.name);
      if (!counts.ok()) return ToGrpc(counts.status());
      out->set_records(counts->records);
      out->set_versions(counts->versions);
      out->set_deleted(counts->deleted);
      for (const SyncRunRecord& run : *runs) {
        if (run.source != source.config.name) continue;
        out->set_last_outcome(run.outcome);
        out->set_last_finished(run.finished);
        out->set_last_message(ClientRedactor().Redact(run.message));
      }
      auto cursor = gateway_->store().GetCursor(source.config.name);
      if (cursor.ok()) out->set_cursor(*cursor);
      BoundSource(*out);
      // A page ends before the source that would take it past the budget (never empty).
      if (response->sources_size() > 1 && response->ByteSizeLong() > budget) {
        response->mutable_sources()->RemoveLast();
        break;
      }
    }
    if (next < sources.size()) response->set_next_page_token(absl::StrCat("s", next));
    return grpc::Status::OK;
  }

  grpc::Status ListPresets(grpc::ServerContext* context, const v1::ListPresetsRequest*,
                           v1::ListPresetsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    for (const files::Preset& preset : gateway_->presets().presets()) {
      v1::Preset* out = response->add_presets();
      out->set_name(preset.name);
      out->set_kind(preset.kind);
      out->set_description(preset.description);
      for (bool required : {true, false}) {
        for (const files::PresetColumn& column : preset.columns) {
          if (column.required == required) out->add_roles(column.role);
        }
      }
    }
    for (const std::string& format : inventory::InventoryFormats()) {
      v1::Preset* out = response->add_presets();
      out->set_name(format);
      out->set_kind("software-installation");
      out->set_description(absl::StrCat("software inventory (", format,
                                        "): the file's device and each software entry on it (docs/sam.md)"));
    }
    return grpc::Status::OK;
  }

  // The file is staged as it arrives and kept only when the client's last message says it is
  // complete and the client then half-closes: a cancelled or dropped stream keeps nothing, and an
  // earlier import of the same name stays as it was.
  grpc::Status Import(grpc::ServerContext* context,
                      grpc::ServerReaderWriter<v1::SyncProgress, v1::ImportChunk>* stream) override {
    CW_AUTHORIZE(context, Role::kSync);
    v1::ImportChunk chunk;
    if (!stream->Read(&chunk)) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no import chunk received");
    const std::string file_name = chunk.file_name();
    const std::string preset = chunk.preset();
    const std::map<std::string, std::string> options(chunk.options().begin(), chunk.options().end());
    if (absl::Status status = gateway_->CheckImport(file_name, preset, options); !status.ok()) return ToGrpc(status);
    auto staged = gateway_->StageImport();
    if (!staged.ok()) return ToGrpc(staged.status());
    if (grpc::Status received = ReceiveImport(context, stream, chunk, **staged, gateway_->config().max_import_bytes);
        !received.ok()) {
      return received;
    }
    auto source = gateway_->AddImport(file_name, preset, options, std::move(*staged));
    if (!source.ok()) return ToGrpc(source.status());
    auto run = gateway_->Sync(*source, [&](const SyncProgress& progress) {
      if (!context->IsCancelled()) stream->Write(ToProto(progress));
    });
    if (!run.ok()) return ToGrpc(run.status());
    return grpc::Status::OK;
  }

  grpc::Status Preview(grpc::ServerContext* context, const v1::PreviewRequest* request,
                       v1::PreviewResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    if (request->name().empty()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "name the source to preview");
    auto preview = gateway_->Preview(request->name(), request->limit() == 0 ? kDefaultPreviewLimit : request->limit());
    if (!preview.ok()) return ToGrpc(preview.status());
    *response = ToProto(*preview, PageBudget(gateway_->config().max_message_bytes));
    return grpc::Status::OK;
  }

  // As Import, to the end of the file's bytes; then the staged copy is read and deleted.
  grpc::Status PreviewImport(grpc::ServerContext* context, grpc::ServerReader<v1::ImportChunk>* reader,
                             v1::PreviewResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    v1::ImportChunk chunk;
    if (!reader->Read(&chunk)) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no import chunk received");
    const std::string file_name = chunk.file_name();
    const std::string preset = chunk.preset();
    const int limit = chunk.preview_limit() == 0 ? kDefaultPreviewLimit : chunk.preview_limit();
    const std::map<std::string, std::string> options(chunk.options().begin(), chunk.options().end());
    if (absl::Status status = gateway_->CheckImport(file_name, preset, options); !status.ok()) return ToGrpc(status);
    auto staged = gateway_->StageImportPreview(file_name);
    if (!staged.ok()) return ToGrpc(staged.status());
    if (grpc::Status received = ReceiveImport(context, reader, chunk, **staged, gateway_->config().max_import_bytes);
        !received.ok()) {
      return received;
    }
    auto preview = gateway_->PreviewImport(file_name, preset, options, std::move(*staged), limit);
    if (!preview.ok()) return ToGrpc(preview.status());
    *response = ToProto(*preview, PageBudget(gateway_->config().max_message_bytes));
    return grpc::Status::OK;
  }

  grpc::Status Remove(grpc::ServerContext* context, const v1::RemoveSourceRequest* request,
                      v1::RemoveSourceResponse* response) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    if (request->name().empty()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "name the source to remove");
    auto removal = gateway_->RemoveSource(request->name(), request->keep_records());
    if (!removal.ok()) return ToGrpc(removal.status());
    response->set_records(removal->stored.records);
    response->set_versions(removal->stored.versions);
    response->set_kept_as(removal->stored.kept_as);
    response->set_message(removal->message);
    std::fprintf(stderr, "crosswalkd: %s\n", absl::CHexEscape(removal->message).c_str());
    return grpc::Status::OK;
  }

  grpc::Status Add(grpc::ServerContext* context, const v1::AddSourceRequest* request,
                   v1::AddSourceResponse* response) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    SourceDefinition source;
    source.config.name = request->name();
    source.config.type = request->type();
    source.config.options.insert(request->options().begin(), request->options().end());
    source.schedule = request->schedule();
    source.on_error = request->on_error();
    auto added = gateway_->AddSource(std::move(source));
    if (!added.ok()) return ToGrpc(added.status());
    response->set_name(added->config.name);
    response->set_message(absl::StrCat(
        "added source ", added->config.name, " (", added->config.type, added->schedule.empty() ? ", on demand" : absl::StrCat(", every ", added->schedule),
        "); it is kept across restarts: `crosswalk sources test ", added->config.name, "` checks it, `crosswalk sync ",
        added->config.name, "` reads it"));
    std::fprintf(stderr, "crosswalkd: %s\n", absl::CHexEscape(response->message()).c_str());
    return grpc::Status::OK;
  }

  grpc::Status Test(grpc::ServerContext* context, const v1::TestSourceRequest* request,
                    v1::TestSourceResponse* response) override {
    CW_AUTHORIZE(context, Role::kSync);
    if (request->name().empty()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "name the source to test");
    auto probe = gateway_->Probe(request->name());
    if (!probe.ok()) return ToGrpc(probe.status());
    *response = ToProto(*probe);
    return grpc::Status::OK;
  }

 private:
  static constexpr int kDefaultPreviewLimit = 5;
  Gateway* gateway_;
  const Authorizer* auth_;
};

class SyncService final : public v1::Sync::Service {
 public:
  SyncService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status Run(grpc::ServerContext* context, const v1::SyncRequest* request,
                   grpc::ServerWriter<v1::SyncProgress>* writer) override {
    CW_AUTHORIZE(context, Role::kSync);
    std::vector<SourceDefinition> sources;
    if (request->all()) {
      sources = gateway_->Sources();
    } else {
      if (request->sources().empty()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "name at least one source, or set all");
      }
      for (const std::string& name : request->sources()) {
        auto source = gateway_->FindSource(name);
        if (!source.ok()) return ToGrpc(source.status());
        sources.push_back(*source);
      }
    }
    for (const SourceDefinition& source : sources) {
      auto run = gateway_->Sync(source, [&](const SyncProgress& progress) {
        if (!context->IsCancelled()) writer->Write(ToProto(progress));
      }, request->full());
      if (!run.ok()) {
        // The store itself failed, or the source is already running: report, go on with the next.
        SyncProgress failed{source.config.name, "failed"};
        failed.message = std::string(run.status().message());
        writer->Write(ToProto(failed));
      }
    }
    return grpc::Status::OK;
  }

 private:
  Gateway* gateway_;
  const Authorizer* auth_;
};

class MappingService final : public v1::Mapping::Service {
 public:
  MappingService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status ListCatalogs(grpc::ServerContext* context, const v1::ListCatalogsRequest*,
                            v1::ListCatalogsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    for (const mapping::Catalog& catalog : gateway_->mapping().data().catalogs) {
      *response->add_catalogs() = ToProto(catalog);
    }
    return grpc::Status::OK;
  }

  grpc::Status GetCatalog(grpc::ServerContext* context, const v1::GetCatalogRequest* request,
                          v1::GetCatalogResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto catalog = gateway_->mapping().ResolveCatalog(request->id());
    if (!catalog.ok()) return ToGrpc(catalog.status());
    *response->mutable_catalog() = ToProto(**catalog);
    for (const mapping::CatalogItem& item : (*catalog)->items) *response->add_items() = ToProto(item);
    return grpc::Status::OK;
  }

  grpc::Status Map(grpc::ServerContext* context, const v1::MapRequest* request,
                   v1::MapResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    mapping::MapQuery query;
    query.from = request->from();
    query.to = request->to();
    query.refs.assign(request->refs().begin(), request->refs().end());
    query.direct_only = request->direct_only();
    query.max_hops = request->max_hops() == 0 ? 5 : request->max_hops();
    query.best = request->best();
    query.candidates = !request->sound_only();
    auto from = gateway_->mapping().ResolveCatalog(query.from);
    if (!from.ok()) return ToGrpc(from.status());
    auto to = gateway_->mapping().ResolveCatalog(query.to);
    if (!to.ok()) return ToGrpc(to.status());
    // The organisation's decisions take part (confirmed and added rows, rejected candidates).
    auto organisation = gateway_->Organisation();
    if (!organisation.ok()) return ToGrpc(organisation.status());
    query.decisions = &organisation->decisions;
    auto answer = gateway_->mapping().Map(query);
    if (!answer.ok()) return ToGrpc(answer.status());
    response->set_from((*from)->id);
    response->set_to((*to)->id);
    for (const mapping::MapResult& result : answer->results) *response->add_results() = ToProto(result);
    for (const std::string& note : answer->notes) response->add_notes(note);
    for (const mapping::MapResult& result : answer->rejected) *response->add_rejected() = ToProto(result);
    return grpc::Status::OK;
  }

  grpc::Status FindTerms(grpc::ServerContext* context, const v1::FindTermsRequest* request,
                         v1::FindTermsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    for (const mapping::Term* term : gateway_->mapping().FindTerms(request->query())) {
      *response->add_terms() = ToProto(*term);
    }
    return grpc::Status::OK;
  }

  grpc::Status Gaps(grpc::ServerContext* context, const v1::GapsRequest* request,
                    v1::GapsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto from = gateway_->mapping().ResolveCatalog(request->from());
    if (!from.ok()) return ToGrpc(from.status());
    auto to = gateway_->mapping().ResolveCatalog(request->to());
    if (!to.ok()) return ToGrpc(to.status());
    auto organisation = gateway_->Organisation();
    if (!organisation.ok()) return ToGrpc(organisation.status());
    auto gaps = gateway_->mapping().Gaps(request->from(), request->to(),
                                         request->max_hops() == 0 ? 5 : request->max_hops(),
                                         &organisation->decisions);
    if (!gaps.ok()) return ToGrpc(gaps.status());
    response->set_from((*from)->id);
    response->set_to((*to)->id);
    for (const mapping::Gap& gap : *gaps) {
      v1::Gap* out = response->add_gaps();
      out->set_to_ref(gap.to_ref);
      out->set_status(std::string(mapping::Name(gap.status)));
      out->set_note(gap.note);
    }
    return grpc::Status::OK;
  }

 private:
  Gateway* gateway_;
  const Authorizer* auth_;
};

class ReportsService final : public v1::Reports::Service {
 public:
  ReportsService(Gateway* gateway, const Authorizer* auth, Clock* clock)
      : gateway_(gateway), auth_(auth), clock_(clock), admission_(gateway->config().report_memory_bytes) {}

  grpc::Status Render(grpc::ServerContext* context, const v1::RenderReportRequest* request,
                      grpc::ServerWriter<v1::ReportChunk>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto kind = report::ParseReportKind(request->kind().empty() ? "all" : request->kind());
    if (!kind.ok()) return ToGrpc(kind.status());
    report::RenderOptions render;
    if (!request->format().empty()) render.format = request->format();
    if (!request->lang().empty()) render.lang = request->lang();
    constexpr size_t kClauseBytes = 32;  // refs are short ("8.5.1.3"); a longer one is refused unread
    if (request->clause().size() > kClauseBytes) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("clause '", TruncateUtf8(request->clause(), kClauseBytes), "…' is not a clause"));
    }
    render.clause = request->clause();
    if (request->width() < 0) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("width ", request->width(), " is negative; give 0 (no limit) or a terminal's width (at least 20)"));
    }
    render.width = request->width() == 0 ? 0 : std::max(request->width(), 20);
    render.encoding = request->encoding();
    constexpr size_t kTitlesBytes = 1 << 20;  // a title per item of every catalog fits many times over
    if (request->titles_csv().size() > kTitlesBytes) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "titles: the file is over 1 MiB");
    }
    report::ReportOptions options;
    // The evidence pack lists more of each clause's records than the reports' tables do; still
    // bounded per clause, with complete counts.
    constexpr int kEvidencePackListed = 200;
    if (*kind == report::ReportKind::kEvidence) options.max_listed = kEvidencePackListed;
    if (!request->target().empty()) options.target = request->target();
    options.mappings_dir = gateway_->mapping().data().root;
    // The zone: the request's, else the configuration's (checked when it was read), else UTC.
    const std::string& zone = request->time_zone().empty() ? gateway_->config().reports.timezone : request->time_zone();
    auto loaded = report::LoadReportZone(zone);
    if (!loaded.ok()) return ToGrpc(loaded.status());
    options.zone = *loaded;
    // Targets and calendar: the configuration's, checked at start; read again here so an edited
    // holiday list counts without a restart.
    const GatewayConfig::Reports& reports = gateway_->config().reports;
    options.service_targets_file = reports.resolution_targets;
    if (!reports.working_hours.empty()) {
      auto calendar = report::WorkingCalendar::Create(reports.working_hours, reports.working_days, reports.holidays);
      if (!calendar.ok()) return ToGrpc(calendar.status());
      options.calendar = std::move(*calendar);
    }
    // The report date: the given day, or today in the zone.
    options.as_of = report::TodayOnReportClock(clock_->NowSeconds(), options.zone);
    if (!request->as_of().empty()) {
      auto date = ParseTimestamp(request->as_of());
      if (!date.ok() || request->as_of().size() != 10) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("as_of '", TruncateUtf8(request->as_of(), kQuotedTextBytes), "' is not a date YYYY-MM-DD"));
      }
      options.as_of = *date;
    }
    // Refuse a bad format or language before reading the store.
    if (absl::Status status = report::CheckRenderOptions(*kind, render); !status.ok()) return ToGrpc(status);
    // Renders are admitted under the memory budget; one that has to wait longer than this is
    // refused with a hint to retry (trailing metadata retry-after, seconds).
    auto counts = gateway_->store().Counts("");
    if (!counts.ok()) return ToGrpc(counts.status());
    const int64_t estimate = EstimateReportBytes(counts->records);
    auto ticket = admission_.Admit(estimate, kAdmissionWait);
    if (!ticket.ok()) {
      if (estimate <= gateway_->config().report_memory_bytes) context->AddTrailingMetadata("retry-after", "60");
      return ToGrpc(ticket.status());
    }
    auto organisation = gateway_->Organisation();
    if (!organisation.ok()) return ToGrpc(organisation.status());
    options.organisation = std::move(*organisation);
    // The request's own titles: a private engine over a copy of the mapping data with them.
    std::optional<mapping::MappingEngine> titled;
    const mapping::MappingEngine* engine = &gateway_->mapping();
    if (!request->titles_csv().empty()) {
      mapping::MappingData data = engine->data();
      const std::string name = request->titles_name().empty() ? "titles" : TruncateUtf8(request->titles_name(), kQuotedTextBytes);
      if (absl::Status status = mapping::ApplyJapaneseTitlesText(name, request->titles_csv(), &data); !status.ok()) {
        return ToGrpc(absl::InvalidArgumentError(absl::StrCat("titles: ", status.message())));
      }
      engine = &titled.emplace(std::move(data));
    }
    auto document = report::BuildReport(&gateway_->store(), engine, &gateway_->rules(), options);
    if (!document.ok()) return ToGrpc(document.status());
    auto rendered = report::RenderReport(*document, *kind, render);
    if (!rendered.ok()) return ToGrpc(rendered.status());
    constexpr size_t kChunk = 1 << 20;  // well under the message limit
    const std::string& content = rendered->content;
    for (size_t at = 0; at == 0 || at < content.size(); at += kChunk) {
      v1::ReportChunk chunk;
      if (at == 0) chunk.set_content_type(rendered->content_type);
      chunk.set_data(content.substr(at, kChunk));
      if (!writer->Write(chunk)) return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
    }
    return grpc::Status::OK;
  }

 private:
  static constexpr absl::Duration kAdmissionWait = absl::Seconds(30);

  Gateway* gateway_;
  const Authorizer* auth_;
  Clock* clock_;
  ReportAdmission admission_;
};

}  // namespace

grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message = ClientRedactor().Redact(status.message());
  if (message != status.message()) std::cerr << "crosswalkd: " << status << "\n";  // the full text stays here
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::move(message));
}

std::vector<std::string> ServedServiceNames() {
  return {v1::Sources::service_full_name(),   v1::Sync::service_full_name(),
          v1::Records::service_full_name(),   v1::Mapping::service_full_name(),
          v1::Reports::service_full_name(),   v1::Decisions::service_full_name(),
          v1::Certifications::service_full_name(), v1::Assessments::service_full_name(),
          v1::Sam::service_full_name()};
}

std::unique_ptr<grpc::Service> NewSourcesService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<SourcesService>(gateway, auth);
}
std::unique_ptr<grpc::Service> NewSyncService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<SyncService>(gateway, auth);
}
std::unique_ptr<grpc::Service> NewMappingService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<MappingService>(gateway, auth);
}
std::unique_ptr<grpc::Service> NewReportsService(Gateway* gateway, const Authorizer* auth, Clock* clock) {
  return std::make_unique<ReportsService>(gateway, auth, clock);
}

}  // namespace crosswalk::server
