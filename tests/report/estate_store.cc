#include "tests/report/estate_store.h"

#include <map>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/files/file_connector.h"
#include "gateway/mapping/ref_resolver.h"
#include "gateway/core/status_macros.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/store/sqlite_store.h"

namespace crosswalk::report {
namespace {

absl::Status Annotate(const absl::Status& status, const std::string& source) {
  return absl::Status(status.code(), absl::StrCat(source, ": ", status.message()));
}

}  // namespace

std::vector<EstateSource> ExampleEstateSources() {
  return {
      {"isms-soa", "soa.csv", "isms-soa", {{"catalog", "iso27001:2022"}}},
      {"isms-risks", "risk-register.csv", "isms-risk", {}},
      {"qms-capa", "capa-log.csv", "qms-nc", {}},
      {"audit-findings", "audit-findings.csv", "audit-findings", {}},
      {"sn-incidents", "servicenow-incident.json", "servicenow-incident", {}},
      {"sn-changes", "servicenow-change_request.csv", "servicenow-change", {}},
      {"sn-problems", "servicenow-problem.csv", "servicenow-problem", {}},
      {"sn-cmdb", "servicenow-cmdb_ci.jsonl", "servicenow-cmdb-ci", {}},
      {"isms-incidents", "isms-incidents.csv", "isms-incident", {}},
      {"complaints", "complaints.csv", "complaints", {}},
      {"desk-tickets-ja", "tickets-sjis.csv", "generic-ticket", {{"encoding", "shift_jis"}, {"timezone", "+09:00"}}},
      {"service-catalogue", "services.csv", "service-catalogue", {}},
      {"suppliers", "suppliers.csv", "suppliers", {}},
      {"documents", "documents.csv", "documents", {}},
  };
}

absl::StatusOr<int64_t> CommitEstate(const std::string& estate_dir, const mapping::MappingEngine* engine,
                                     const RuleSet* rules, const files::PresetSet* presets, Store* store) {
  ConnectorRegistry registry;
  registry.Register(files::FileConnectorFactory(presets));
  const Normalizer normalizer(rules, mapping::RefResolverFor(engine));
  int64_t committed = 0;
  for (const EstateSource& source : ExampleEstateSources()) {
    std::map<std::string, std::string> options(source.options.begin(), source.options.end());
    options["location"] = absl::StrCat(estate_dir, "/", source.file);
    options["preset"] = source.preset;
    auto connector = registry.Create({source.name, "file", options}, {});
    if (!connector.ok()) return Annotate(connector.status(), source.name);
    if (absl::Status started = (*connector)->Start(""); !started.ok()) return Annotate(started, source.name);
    const SourceShape shape = (*connector)->Shape();
    std::vector<RecordToStore> batch;
    std::string cursor;
    while (true) {
      auto page = (*connector)->Pull(500);
      if (!page.ok()) return Annotate(page.status(), source.name);
      for (const RawRecord& raw : page->records) {
        auto normalized = normalizer.Normalize(raw, shape, 0);
        if (!normalized.ok()) return Annotate(normalized.status(), source.name);
        RecordToStore item;
        item.record = std::move(normalized->record);
        for (UnmappedValue& value : normalized->unmapped) item.unmapped.emplace_back(value.field, value.raw_value);
        batch.push_back(std::move(item));
      }
      cursor = page->next_cursor;
      if (page->done) break;
    }
    auto result = store->CommitBatch(source.name, batch, cursor);
    if (!result.ok()) return Annotate(result.status(), source.name);
    committed += static_cast<int64_t>(batch.size());
  }
  return committed;
}

absl::StatusOr<ReportDocument> EstateReport(const std::string& estate_dir, const std::string& mappings_dir,
                                            const std::string& db_path, int64_t as_of) {
  CW_ASSIGN_OR_RETURN(mapping::MappingData data, mapping::LoadValidMappings(mappings_dir));
  const mapping::MappingEngine engine(std::move(data));
  CW_ASSIGN_OR_RETURN(auto rules, RuleSet::Load(mappings_dir));
  CW_ASSIGN_OR_RETURN(auto presets, files::PresetSet::Load(mappings_dir));
  CW_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(db_path));
  CW_ASSIGN_OR_RETURN(int64_t committed, CommitEstate(estate_dir, &engine, rules.get(), presets.get(), store.get()));
  if (committed == 0) return absl::FailedPreconditionError(absl::StrCat("no records read from ", estate_dir));
  ReportOptions options;
  options.as_of = as_of;
  options.mappings_dir = mappings_dir;
  return BuildReport(store.get(), &engine, rules.get(), options);
}

}  // namespace crosswalk::report
