#ifndef CROSSWALK_GATEWAY_SERVER_GATEWAY_H_
#define CROSSWALK_GATEWAY_SERVER_GATEWAY_H_

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/files/preset.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/sam/sam_evidence.h"
#include "gateway/sam/sam_state.h"
#include "gateway/sam/sam_watch.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/server/config.h"
#include "gateway/server/import_shelf.h"
#include "gateway/server/source_shelf.h"
#include "gateway/store/organisation_store.h"
#include "gateway/store/store.h"
#include "gateway/sync/preview.h"
#include "gateway/sync/probe.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk::server {

// Everything crosswalkd serves, without the RPC layer: mapping data, rules, presets, the store, the
// connector registry, the sync engine, the sources (configured and imported) and the scheduler.
//
// Thread-safe.
class Gateway {
 public:
  // Loads mapping data, rules, presets and the software rules from `mappings_dir`, opens the store, checks every
  // configured source against its connector's keys, and re-registers the sources imported earlier
  // (kept beside the store in <store>.imports/, an ImportShelf). Import definitions that cannot be
  // read are quarantined and listed in warnings(), never fatal.
  static absl::StatusOr<std::unique_ptr<Gateway>> Create(GatewayConfig config,
                                                         const std::string& mappings_dir,
                                                         Clock* clock);
  ~Gateway();

  const GatewayConfig& config() const { return config_; }
  const mapping::MappingEngine& mapping() const { return *mapping_; }
  const files::PresetSet& presets() const { return *presets_; }
  const RuleSet& rules() const { return *rules_; }
  // The software rules (mappings/rules/software.csv), loaded once at start: a bad file fails Create.
  const sam::SoftwareCatalogue& software() const { return *software_; }
  Store& store() { return *store_; }
  // The clock the gateway was created with (what "today" is for reports and the licence position).
  Clock* clock() const { return clock_; }
  // The organisation's decisions, certifications and assessments as the API keeps them (in the
  // store's file).
  OrganisationStore& organisation_store() { return *organisation_; }
  // The certifications crosswalkd's configuration declares (origin "config", read-only), their
  // standards canonical.
  const std::vector<Certification>& configured_certifications() const { return configured_certifications_; }
  // What the organisation states now: the configured certifications, then the stored ones (a
  // stored one with the key of a configured one is left out), the stored decisions and
  // assessments. Passed into every report and every Map and Gaps query.
  absl::StatusOr<OrganisationState> Organisation();
  SyncEngine& sync() { return *sync_; }
  // One run of `source` (SyncEngine::Run); when it changed records a SAM view reads (the source
  // holds devices, CIs, installs or entitlements, or it deleted records), the SAM evidence is
  // refreshed before it returns (RefreshSam; a failed refresh is logged and noted in the run's
  // message, the run's outcome stands). Every sync — API, import, schedule — goes through here.
  absl::StatusOr<SyncRunRecord> Sync(const SourceDefinition& source, const ProgressFn& progress, bool full = false);
  // Works out the licence position and the exceptions as of today (the clock's day, UTC) and
  // stores them as the records of source `sam` (gateway/sam/sam_evidence.h). Serialised within
  // the gateway and across gateways sharing a store (the store's lease on source `sam`: a refresh
  // another gateway is doing makes this one return UNAVAILABLE at once).
  absl::StatusOr<sam::EvidenceWrite> RefreshSam();
  // The SAM report as of `as_of` (midnight UTC): today's is kept between calls and brought up to
  // date with what the syncs changed (only the machines whose installs or facts changed are read
  // again); another day's is worked out whole from the same state. The store's errors as they are.
  absl::StatusOr<std::shared_ptr<const sam::SamReport>> SamReport(int64_t as_of);

  std::vector<SourceDefinition> Sources() const;
  // The connector types this gateway knows, with their declared keys.
  const ConnectorRegistry& registry() const { return registry_; }
  absl::StatusOr<SourceDefinition> FindSource(const std::string& name) const;

  // Checks an import before its bytes arrive: INVALID_ARGUMENT for a name that is not a plain
  // file name (CheckImportName), an unknown preset, an option the file connector does not know, or
  // one a client may not set (location, preset) or raise (max_record_bytes above
  // limits.max_record_bytes).
  absl::Status CheckImport(const std::string& file_name, const std::string& preset,
                           const std::map<std::string, std::string>& options) const;
  // A new file for an import to arrive in (nothing kept until AddImport).
  absl::StatusOr<std::unique_ptr<StagedImport>> StageImport();
  // Keeps `staged` as the file of the import `file_name` (durably, replacing an earlier import of
  // that name) and registers the ad-hoc source "import:<file_name>" for it. Errors as CheckImport;
  // RESOURCE_EXHAUSTED or UNAVAILABLE when it cannot be kept (nothing changed).
  absl::StatusOr<SourceDefinition> AddImport(const std::string& file_name, const std::string& preset,
                                             const std::map<std::string, std::string>& options,
                                             std::unique_ptr<StagedImport> staged);

  // Adds a source on the running gateway (gateway_sources.cc; `crosswalk sources add`), kept across
  // restarts in <store>.sources.json (SourceShelf) and scheduled like a configured one. Checked as
  // crosswalkd checks its config (name, type, keys, values, schedule, on_error), and then:
  // file sources are refused (a client may not name a file on the server: `crosswalk import`
  // sends one); secret files are read from secrets_dir only (a relative path is taken there, and
  // one that resolves outside it is refused) and secret variables must be CROSSWALK_SECRET_*, so
  // an API admin cannot make crosswalkd send any file or variable of the server to a URL of theirs;
  // the connector is created (its secret read) before anything is kept. INVALID_ARGUMENT naming
  // the key for a bad value, FAILED_PRECONDITION for a secret file without secrets_dir,
  // ALREADY_EXISTS for a name in use.
  absl::StatusOr<SourceDefinition> AddSource(SourceDefinition source);

  // Previews and probes (gateway_preview.cc): the source read and normalised as its sync would read it,
  // nothing stored (PreviewSource). `limit`: records shown, 1 to kMaxPreviewLimit.
  // Preview: a configured source or an import, by name (NOT_FOUND as FindSource).
  absl::StatusOr<PreviewResult> Preview(const std::string& name, int limit);
  // PreviewImport: `staged` (from StageImportPreview) read as the import `file_name` would be, with
  // CheckImport's checks; the staged file is removed when this returns, nothing registered.
  absl::StatusOr<std::unique_ptr<StagedImport>> StageImportPreview(const std::string& file_name);
  absl::StatusOr<PreviewResult> PreviewImport(const std::string& file_name, const std::string& preset,
                                              const std::map<std::string, std::string>& options,
                                              std::unique_ptr<StagedImport> staged, int limit);
  static constexpr int kMaxPreviewLimit = 100;
  // Probe: one request to the source `name` through its connector (ProbeSource), nothing stored.
  // NOT_FOUND as FindSource.
  absl::StatusOr<ProbeResult> Probe(const std::string& name);

  // Removes the source `name` and what the store holds of it (Store::RemoveSource, one
  // transaction), once no run of it is running (SyncEngine::Exclusive): an import's definition and
  // file go too, as does an added source's definition, so a restart does not bring it back. A configured source stays configured: its
  // stored data goes, and its next sync (a scheduled one included) reads it again; the message
  // says so. A name that is no source but still has stored data (records kept as "removed:…",
  // an import whose removal was interrupted) has that data removed. NOT_FOUND when the name is
  // neither a source nor stored; FAILED_PRECONDITION as Store::RemoveSource.
  struct Removal {
    SourceRemoval stored;
    std::string message;
  };
  absl::StatusOr<Removal> RemoveSource(const std::string& name, bool keep_records);

  // What Create() had to say without failing (quarantined import definitions).
  const std::vector<std::string>& warnings() const { return warnings_; }

  // One page of the records that are evidence of `clause` ("8.6.1", "iso20000-1:2011#8.1") or of
  // one of its parts, decided as coverage decides (report::ClauseEvidence, with the
  // organisation's mapping decisions): operational records whatever their polarity, controls in
  // place and documents; never a record that reaches it only as a candidate. `filter` narrows the
  // listing (kind, source, effective dates, page size and token, byte budget); a page may hold fewer
  // records than page_size. NOT_FOUND for an unknown clause, INVALID_ARGUMENT for a clause of
  // another standard.
  absl::StatusOr<RecordPage> ListClauseRecords(const std::string& clause, RecordFilter filter);

  // Starts the scheduler thread: every source with a schedule runs at once and then at its
  // interval. Stop() cancels every running sync (SyncEngine::CancelAll) and ends the scheduler
  // (also called by the destructor).
  void StartScheduler();
  void Stop();

 private:
  Gateway() = default;
  void SchedulerLoop();

  SourceDefinition ImportSource(const ImportEntry& entry) const;
  // The checks AddSource makes of where an added source's files and variables are.
  absl::Status CheckAddedSourcePaths(SourceConfig& config) const;
  // Creates the connector of `source` (keys checked, secret read, catalog resolved), naming the
  // key at fault in `bad_key`.
  absl::Status CheckSource(const SourceDefinition& source, std::string* bad_key) const;

  GatewayConfig config_;
  std::unique_ptr<ImportShelf> imports_;
  std::unique_ptr<SourceShelf> added_;
  std::vector<std::string> warnings_;
  Clock* clock_ = nullptr;
  ConnectorDeps connector_deps_;  // the clock and the real HTTP transport, for every connector
  std::unique_ptr<mapping::MappingEngine> mapping_;
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<files::PresetSet> presets_;
  std::unique_ptr<sam::SoftwareCatalogue> software_;
  sam::CoreFactorTable core_factors_;  // mappings/rules/core-factors.csv
  ConnectorRegistry registry_;
  std::unique_ptr<Normalizer> normalizer_;
  sam::SamChanges sam_changes_;  // what store_ took since the SAM state last looked (before store_: it outlives it)
  std::unique_ptr<Store> store_;
  std::unique_ptr<OrganisationStore> organisation_;
  std::vector<Certification> configured_certifications_;
  std::unique_ptr<SyncEngine> sync_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool sources_changed_ = false;  // a source was added: the scheduler looks again
  std::thread scheduler_;

  // The SAM state (gateway_sam.cc), under sam_mutex_: read whole from the store at the first
  // need, each day, after a change the watch could not follow, and when another gateway sharing
  // the store has synced; else brought up to date change by change.
  absl::Status UpdateSamLocked(int64_t today);
  absl::StatusOr<std::shared_ptr<const sam::SamReport>> SamReportLocked(int64_t as_of);
  // True when the store holds a sync run this gateway neither made nor saw at the last update.
  absl::StatusOr<bool> ForeignRunsLocked();
  std::mutex sam_mutex_;
  std::unique_ptr<sam::SamState> sam_state_;
  int64_t sam_loaded_day_ = -1;
  std::shared_ptr<const sam::SamReport> sam_report_;  // today's, until something changes
  std::map<std::string, std::string> sam_runs_seen_;  // source → its last run (fingerprint), at the last update
  std::map<std::string, std::string> own_runs_;       // source → this gateway's last run of it (fingerprint)
  bool sam_loaded_ = false;  // the state was read from the store since today's report was made
  std::string sam_how_;      // how the last report was made, for the log
};

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_GATEWAY_H_
