// crosswalk_bench_stages FILE PRESET [STORE]: where ingest time goes, stage by stage, in one
// process and one thread. Each line adds one stage to the previous and prints microseconds per
// record: read (connector: parse and bind columns), normalise (+ normalisation with content
// hash), encode (+ the stored JSON body), store (+ commit into a fresh SQLite store at STORE,
// default /tmp/crosswalk-bench-stages.db). Run by
// `tools/bench stages`; not part of the test suite.
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "connectors/files/file_connector.h"
#include "connectors/files/preset.h"
#include "gateway/core/data_dir.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/store/sqlite_store.h"

namespace crosswalk {
namespace {

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "crosswalk_bench_stages: %s\n", std::string(status.message()).c_str());
  return 1;
}

// Reads every page of `config` and calls `per_page` on each; returns records read or an error.
absl::StatusOr<int64_t> ReadAll(const ConnectorRegistry& registry, const SourceConfig& config,
                                const std::function<absl::Status(ConnectorPage&, const SourceShape&)>& per_page) {
  auto connector = registry.Create(config, {SystemClock()});
  if (!connector.ok()) return connector.status();
  if (absl::Status s = (*connector)->Start(""); !s.ok()) return s;
  const SourceShape shape = (*connector)->Shape();
  int64_t records = 0;
  while (true) {
    auto page = (*connector)->Pull(2000);
    if (!page.ok()) return page.status();
    records += static_cast<int64_t>(page->records.size());
    if (absl::Status s = per_page(*page, shape); !s.ok()) return s;
    if (page->done) return records;
  }
}

int Main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: crosswalk_bench_stages FILE PRESET [STORE]\n");
    return 2;
  }
  const std::string store_path = argc > 3 ? argv[3] : "/tmp/crosswalk-bench-stages.db";
  const std::string mappings = DefaultMappingsDir();
  auto rules = RuleSet::Load(mappings);
  if (!rules.ok()) return Fail(rules.status());
  auto presets = files::PresetSet::Load(mappings);
  if (!presets.ok()) return Fail(presets.status());
  ConnectorRegistry registry;
  registry.Register(files::FileConnectorFactory(presets->get()));
  const Normalizer normalizer(rules->get(), nullptr);
  const SourceConfig config{"bench", "file", {{"location", argv[1]}, {"preset", argv[2]}}};
  std::remove(store_path.c_str());
  std::remove((store_path + "-wal").c_str());
  std::remove((store_path + "-shm").c_str());
  auto store = OpenSqliteStore(store_path);
  if (!store.ok()) return Fail(store.status());

  struct Stage {
    const char* name;
    bool normalise, encode, commit;
  };
  const Stage stages[] = {{"read", false, false, false},
                          {"normalise", true, false, false},
                          {"encode", true, true, false},
                          {"store", true, true, true}};
  for (const Stage& stage : stages) {
    const auto start = std::chrono::steady_clock::now();
    auto records = ReadAll(registry, config, [&](ConnectorPage& page, const SourceShape& shape) -> absl::Status {
      std::vector<RecordToStore> batch;
      for (const RawRecord& raw : page.records) {
        if (!stage.normalise) continue;
        auto normalised = normalizer.Normalize(raw, shape, 0);
        if (!normalised.ok()) return normalised.status();
        RecordToStore item;
        item.record = std::move(normalised->record);
        if (stage.encode) {
          item.prepared = (*store)->Prepare(item.record);  // the store's encoding, off its lock
        }
        batch.push_back(std::move(item));
      }
      if (stage.commit) return (*store)->CommitBatch("bench", batch, page.next_cursor).status();
      return absl::OkStatus();
    });
    if (!records.ok()) return Fail(records.status());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-10s %8.2f us/record  (%lld records, %.2f s)\n", stage.name,
                seconds * 1e6 / static_cast<double>(*records), static_cast<long long>(*records), seconds);
  }
  return 0;
}

}  // namespace
}  // namespace crosswalk

int main(int argc, char** argv) { return crosswalk::Main(argc, argv); }
