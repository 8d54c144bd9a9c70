#include "gateway/server/gateway.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/text_distance.h"
#include "gateway/core/unicode.h"
#include "gateway/mapping/japanese_titles.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/mapping/ref_resolver.h"
#include "connectors/inventory/inventory_connector.h"
#include "gateway/server/connector_types.h"
#include "gateway/report/clause_evidence.h"
#include "gateway/report/report_labels.h"
#include "gateway/store/postgres/postgres_store.h"
#include "gateway/store/sqlite_organisation_store.h"
#include "gateway/store/sqlite_store.h"

namespace crosswalk::server {

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(GatewayConfig config,
                                                         const std::string& mappings_dir,
                                                         Clock* clock) {
  std::unique_ptr<Gateway> gateway(new Gateway());
  gateway->config_ = std::move(config);
  gateway->clock_ = clock;
  gateway->connector_deps_.clock = clock;
  gateway->connector_deps_.http = NewHttplibClient;
  CW_ASSIGN_OR_RETURN(mapping::MappingData data, mapping::LoadValidMappings(mappings_dir));
  if (!gateway->config_.titles.empty()) {
    if (absl::Status status = mapping::ApplyJapaneseTitles(gateway->config_.titles, &data); !status.ok()) {
      return absl::Status(status.code(), absl::StrCat("titles: ", status.message()));
    }
  }
  gateway->mapping_ = std::make_unique<mapping::MappingEngine>(std::move(data));
  // The reports' words (mappings/reports/labels.csv) are mapping data: checked now, not at the
  // first report.
  CW_RETURN_IF_ERROR(report::InstallReportLabels(mappings_dir));
  CW_ASSIGN_OR_RETURN(gateway->rules_, RuleSet::Load(mappings_dir));
  CW_ASSIGN_OR_RETURN(gateway->presets_, files::PresetSet::Load(mappings_dir));
  CW_ASSIGN_OR_RETURN(gateway->software_, sam::SoftwareCatalogue::Load(mappings_dir));
  CW_ASSIGN_OR_RETURN(gateway->core_factors_, sam::LoadCoreFactors(mappings_dir));
  RegisterConnectorTypes(gateway->presets_.get(), &gateway->registry_);
  gateway->normalizer_ = std::make_unique<Normalizer>(gateway->rules_.get(), mapping::RefResolverFor(gateway->mapping_.get()));
  // Every configured source's keys and values (preset, format, timezone, columns, catalog) are
  // checked now, naming the entry in the config file: crosswalkd refuses to start rather than
  // fail at the source's first sync. Creating a connector opens no file.
  for (const SourceDefinition& source : gateway->config_.sources) {
    std::string bad_key;
    absl::Status status = gateway->CheckSource(source, &bad_key);
    if (!status.ok()) {
      auto key_position = source.key_positions.find(bad_key);
      const std::string& position =
          key_position == source.key_positions.end() ? source.position : key_position->second;
      return absl::InvalidArgumentError(absl::StrCat(position, ": ", status.message()));
    }
  }
  if (IsPostgresUrl(gateway->config_.store)) {
    if (gateway->config_.data_dir.empty()) {
      return absl::InvalidArgumentError(
          "a PostgreSQL store needs data_dir: (or --data-dir): the folder where this gateway keeps imports and sources "
          "added through the API");
    }
    const PgTarget target{gateway->config_.store, gateway->config_.store_password_file};
    CW_ASSIGN_OR_RETURN(gateway->store_, OpenPostgresStore(target, {.clock = clock}));
    CW_ASSIGN_OR_RETURN(gateway->organisation_, OpenPostgresOrganisationStore(target, clock));
  } else {
    CW_ASSIGN_OR_RETURN(gateway->store_, OpenSqliteStore(gateway->config_.store, {.clock = clock}));
    CW_ASSIGN_OR_RETURN(gateway->organisation_, OpenSqliteOrganisationStore(gateway->config_.store));
  }
  // Every write goes through the watch, so the SAM state follows the syncs record by record.
  gateway->store_ = std::make_unique<sam::SamWatchedStore>(std::move(gateway->store_), &gateway->sam_changes_);
  if (!gateway->config_.data_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(gateway->config_.data_dir, error);
    if (error) {
      return absl::UnavailableError(absl::StrCat("data_dir ", gateway->config_.data_dir, ": ", error.message()));
    }
  }
  for (const ConfiguredCertification& configured : gateway->config_.certifications) {
    Certification certification = configured.certification;
    auto standard = gateway->mapping_->ResolveCatalog(certification.standard);
    if (!standard.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(configured.position, ": certifications: standard: ", standard.status().message()));
    }
    certification.standard = (*standard)->id;
    gateway->configured_certifications_.push_back(std::move(certification));
  }
  gateway->sync_ = std::make_unique<SyncEngine>(gateway->store_.get(), &gateway->registry_,
                                                gateway->normalizer_.get(), gateway->connector_deps_,
                                                gateway->config_.batch_size);

  CW_ASSIGN_OR_RETURN(gateway->imports_, ImportShelf::Open(ImportsDirectory(gateway->config_), &gateway->warnings_));
  // Sources added through the API stay listed when they no longer check (a secret file gone): a
  // warning now, and their syncs fail loudly until they are fixed or removed.
  CW_ASSIGN_OR_RETURN(gateway->added_, SourceShelf::Open(AddedSourcesFile(gateway->config_)));
  for (const SourceDefinition& source : gateway->added_->Entries()) {
    std::string bad_key;
    if (absl::Status status = gateway->CheckSource(source, &bad_key); !status.ok()) {
      gateway->warnings_.push_back(absl::StrCat("added source '", source.config.name, "' no longer checks: ", status.message()));
    }
  }
  return gateway;
}

Gateway::~Gateway() { Stop(); }

absl::StatusOr<OrganisationState> Gateway::Organisation() {
  CW_ASSIGN_OR_RETURN(OrganisationState state, organisation_->Snapshot());
  std::vector<Certification> certifications = configured_certifications_;
  for (Certification& stored : state.certifications) {
    const bool configured = std::any_of(certifications.begin(), certifications.begin() + configured_certifications_.size(),
                                        [&](const Certification& c) {
                                          return c.standard == stored.standard && c.certificate == stored.certificate;
                                        });
    if (!configured) certifications.push_back(std::move(stored));
  }
  state.certifications = std::move(certifications);
  return state;
}

SourceDefinition Gateway::ImportSource(const ImportEntry& entry) const {
  SourceDefinition source;
  source.adhoc = true;
  source.config.name = absl::StrCat(kImportPrefix, entry.file_name);
  source.config.options = entry.options;
  source.config.options["location"] = imports_->FilePath(entry.file_name);
  // An inventory format is a preset of its own connector (docs/sam.md); every other preset is the
  // file connector's column preset.
  const std::vector<std::string>& formats = inventory::InventoryFormats();
  if (std::find(formats.begin(), formats.end(), entry.preset) != formats.end()) {
    source.config.type = "inventory";
    source.config.options["format"] = entry.preset;
  } else {
    source.config.type = "file";
    source.config.options["preset"] = entry.preset;
  }
  return source;
}

std::vector<SourceDefinition> Gateway::Sources() const {
  std::vector<SourceDefinition> sources = config_.sources;
  for (const ImportEntry& entry : imports_->Entries()) sources.push_back(ImportSource(entry));
  for (SourceDefinition& added : added_->Entries()) sources.push_back(std::move(added));
  return sources;
}

absl::StatusOr<SourceDefinition> Gateway::FindSource(const std::string& name) const {
  std::vector<std::string> names;
  for (const SourceDefinition& source : Sources()) {
    if (source.config.name == name) return source;
    names.push_back(source.config.name);
  }
  const std::vector<std::string> nearest = Nearest(name, names);
  return absl::NotFoundError(absl::StrCat("no source '", name, "'",
                                          nearest.empty() ? "" : absl::StrCat("; nearest: ", absl::StrJoin(nearest, ", ")),
                                          " (sources: ", names.empty() ? "none" : absl::StrJoin(names, ", "), ")"));
}

absl::StatusOr<Gateway::Removal> Gateway::RemoveSource(const std::string& name, bool keep_records) {
  absl::StatusOr<SourceDefinition> source = FindSource(name);
  Removal removal;
  CW_RETURN_IF_ERROR(sync_->Exclusive(name, [&]() -> absl::Status {
    // An import's definition goes before its data: interrupted in between, the data is left under
    // a name that is no source, and removing that name again finishes the job.
    if (source.ok() && source->adhoc) {
      CW_RETURN_IF_ERROR(imports_->Remove(name.substr(std::string(kImportPrefix).size())));
    }
    if (source.ok() && source->added) CW_RETURN_IF_ERROR(added_->Remove(name));
    CW_ASSIGN_OR_RETURN(removal.stored, store_->RemoveSource(name, keep_records));
    return absl::OkStatus();
  }));
  if (!source.ok() && !removal.stored.existed) return source.status();
  const SourceRemoval& stored = removal.stored;
  removal.message = stored.kept_as.empty()
                        ? absl::StrCat("removed ", name, ": ", stored.records, " records and ", stored.versions,
                                       " earlier versions deleted")
                        : absl::StrCat("removed ", name, ": ", stored.records, " records kept as source '",
                                       stored.kept_as, "' (their provenance still names ", name, ")");
  if (source.ok() && source->added) {
    absl::StrAppend(&removal.message, "; its definition (added through the API) is removed too");
  } else if (source.ok() && !source->adhoc) {
    absl::StrAppend(&removal.message, "; it is still configured in crosswalkd's config file, so its next sync",
                    source->schedule.empty() ? "" : absl::StrCat(" (scheduled every ", source->schedule, ")"),
                    " reads it again — delete it from the config and restart crosswalkd to stop that");
  }
  return removal;
}

absl::Status Gateway::CheckImport(const std::string& file_name, const std::string& preset,
                                  const std::map<std::string, std::string>& options) const {
  CW_RETURN_IF_ERROR(CheckImportName(file_name));
  for (const auto& [key, value] : options) {
    if (key == "location" || key == "preset") {
      return absl::InvalidArgumentError(absl::StrCat("import option '", key, "' is set by the server, not the client"));
    }
    if (!IsValidUtf8(value) || value.find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("import option '", key, "' is not text"));
    }
    if (key == "max_record_bytes") {
      int64_t bytes = 0;
      if (!absl::SimpleAtoi(value, &bytes) || bytes < 1 || bytes > config_.max_record_bytes) {
        return absl::InvalidArgumentError(absl::StrCat(
            "import option max_record_bytes must be 1 to ", config_.max_record_bytes,
            " (the server's limits.max_record_bytes), not '", value, "'"));
      }
    }
  }
  ImportEntry entry{file_name, preset, options};
  const SourceDefinition source = ImportSource(entry);
  CW_RETURN_IF_ERROR(registry_.Check(source.config));
  // Creating the connector checks the preset, format and options before anything is kept.
  return registry_.Create(source.config, connector_deps_).status();
}

absl::StatusOr<std::unique_ptr<StagedImport>> Gateway::StageImport() { return imports_->Stage(); }

absl::StatusOr<SourceDefinition> Gateway::AddImport(const std::string& file_name, const std::string& preset,
                                                    const std::map<std::string, std::string>& options,
                                                    std::unique_ptr<StagedImport> staged) {
  CW_RETURN_IF_ERROR(CheckImport(file_name, preset, options));
  ImportEntry entry{file_name, preset, options};
  CW_RETURN_IF_ERROR(imports_->Keep(entry, std::move(staged)));
  return ImportSource(entry);
}

absl::StatusOr<RecordPage> Gateway::ListClauseRecords(const std::string& clause, RecordFilter filter) {
  std::string catalog_id = "iso20000-1:2018";
  std::string ref = clause;
  if (const size_t hash = clause.find('#'); hash != std::string::npos) {
    catalog_id = clause.substr(0, hash);
    ref = clause.substr(hash + 1);
  }
  CW_ASSIGN_OR_RETURN(const mapping::Catalog* catalog, mapping_->ResolveCatalog(catalog_id));
  if (catalog->id != "iso20000-1:2018" && catalog->id != "iso20000-1:2011") {
    return absl::InvalidArgumentError(absl::StrCat("clause filter needs a clause of iso20000-1:2018 or iso20000-1:2011, not ", catalog->id));
  }
  CW_ASSIGN_OR_RETURN(const mapping::CatalogItem* item, mapping_->ResolveRef(*catalog, ref));
  const std::string& canonical = item->ref;
  auto within = [&](const std::string& candidate) {
    return candidate == canonical || absl::StartsWith(candidate, canonical + ".");
  };
  // The organisation's decisions take part as they do in coverage: a confirmed candidate lists its
  // records, a rejected one does not.
  CW_ASSIGN_OR_RETURN(OrganisationState organisation, Organisation());
  CW_ASSIGN_OR_RETURN(report::ClauseEvidence evidence,
                      report::ClauseEvidence::Create(mapping_.get(), rules_.get(), catalog->id,
                                                     std::move(organisation.decisions)));
  // Reads the store a page at a time, never asking for more than the page still has room for, so
  // the page ends on a store page boundary and its token continues exactly there.
  RecordPage out;
  const int page_size = filter.page_size;
  size_t bytes = 0;
  while (true) {
    RecordFilter step = filter;
    step.page_size = page_size - static_cast<int>(out.records.size());
    if (filter.size_of) step.max_bytes = filter.max_bytes > bytes ? filter.max_bytes - bytes : 1;
    CW_ASSIGN_OR_RETURN(RecordPage page, store_->ListRecords(step));
    for (StoredRecord& stored : page.records) {
      const report::RecordEvidence of = evidence.Of(stored.record);
      const bool evidence_of_clause = std::any_of(of.links.begin(), of.links.end(), [&](const report::ClauseLink& link) {
        return link.role != report::ClauseRole::kCandidate && within(link.clause);
      });
      if (!evidence_of_clause) continue;
      if (filter.size_of) bytes += filter.size_of(stored);
      out.records.push_back(std::move(stored));
    }
    out.next_page_token = page.next_page_token;
    const bool full = static_cast<int>(out.records.size()) >= page_size || (filter.size_of && bytes >= filter.max_bytes);
    if (page.next_page_token.empty() || full) break;
    filter.page_token = page.next_page_token;
  }
  return out;
}

void Gateway::StartScheduler() {
  scheduler_ = std::thread([this] { SchedulerLoop(); });
}

void Gateway::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  if (sync_ != nullptr) sync_->CancelAll();
  wake_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
}

void Gateway::SchedulerLoop() {
  // Re-read every round: sources added through the API are scheduled from the moment they are
  // added (AddSource wakes this loop), removed ones are dropped.
  std::map<std::string, std::chrono::steady_clock::time_point> due;
  while (true) {
    auto next = std::chrono::steady_clock::now() + std::chrono::hours(24);
    std::map<std::string, std::chrono::steady_clock::time_point> still_due;
    for (const SourceDefinition& source : Sources()) {
      if (source.schedule.empty()) continue;
      auto it = due.find(source.config.name);
      auto when = it == due.end() ? std::chrono::steady_clock::now() : it->second;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return;
      }
      if (std::chrono::steady_clock::now() >= when) {
        auto run = Sync(source, nullptr);
        if (run.ok()) {
          std::fprintf(stderr, "crosswalkd: scheduled sync of %s: %s (%lld new, %lld changed, %lld unchanged)%s%s%s%s\n",
                       source.config.name.c_str(), run->outcome.c_str(),
                       static_cast<long long>(run->totals.created), static_cast<long long>(run->totals.updated),
                       static_cast<long long>(run->totals.unchanged), run->message.empty() ? "" : ": ",
                       run->message.c_str(), run->waited_for.empty() ? "" : "; ", run->waited_for.c_str());
        }
        when = std::chrono::steady_clock::now() + std::chrono::seconds(*ParseSchedule(source.schedule));
      }
      still_due[source.config.name] = when;
      next = std::min(next, when);
    }
    due = std::move(still_due);
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_until(lock, next, [this] { return stopping_ || sources_changed_; })) {
      if (stopping_) return;
      sources_changed_ = false;
    }
  }
}

}  // namespace crosswalk::server

