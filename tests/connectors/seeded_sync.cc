#include "tests/connectors/seeded_sync.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/store/sqlite_store.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk::testing_sync {
namespace {

// native id → content hash of every record in `store`.
std::map<std::string, std::string> Contents(Store& store, std::vector<std::string>* errors) {
  std::map<std::string, std::string> contents;
  RecordFilter filter;
  filter.page_size = 1000;
  while (true) {
    auto page = store.ListRecords(filter);
    if (!page.ok()) {
      errors->push_back(absl::StrCat("listing the store: ", page.status().ToString()));
      break;
    }
    for (const StoredRecord& r : page->records) contents[r.record.provenance.native_id] = r.record.provenance.content_hash;
    if (page->next_page_token.empty()) break;
    filter.page_token = page->next_page_token;
  }
  return contents;
}

std::string ScratchStore(uint64_t seed, const char* what) {
  static std::atomic<int> serial{0};
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     absl::StrCat("seeded-", ::getpid(), "-", serial++, "-", seed, "-", what, ".db");
  std::filesystem::remove(path);
  return path.string();
}

// Owns one fault-injecting transport and adds each fault it injects to `counts` by name.
class CountedTransport : public HttpClient {
 public:
  CountedTransport(std::unique_ptr<FaultInjectingHttpClient> inner, std::map<std::string, int64_t>* counts)
      : inner_(std::move(inner)), counts_(counts) {}

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    auto response = inner_->Send(request);
    const FaultKind kind = inner_->injected().back();
    if (kind != FaultKind::kNone) ++(*counts_)[FaultKindName(kind)];
    return response;
  }

 private:
  std::unique_ptr<FaultInjectingHttpClient> inner_;
  std::map<std::string, int64_t>* counts_;
};

}  // namespace

std::string SeededSyncResult::Describe(uint64_t seed) const {
  std::vector<std::string> faults;
  for (const auto& [name, count] : injected) faults.push_back(absl::StrCat(name, "×", count));
  return absl::StrCat("seed ", seed, ": ", runs, " runs, ", completed ? "completed" : "never completed",
                      "; faults: ", absl::StrJoin(faults, ", "), "; failures: ", absl::StrJoin(failures, " | "),
                      "; differences: ", absl::StrJoin(differences, ", "));
}

SeededSyncResult RunSeededSync(const ConnectorFactory& factory, const SourceConfig& source,
                               const SeededSyncOptions& options) {
  SeededSyncResult result;
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  if (!rules.ok()) {
    result.differences.push_back(absl::StrCat("rules: ", rules.status().ToString()));
    return result;
  }
  Normalizer normalizer(rules->get(), [](const std::string&, const std::string&, bool, std::string*) {
    return std::optional<std::string>();
  });
  ConnectorRegistry registry;
  registry.Register(factory);
  SourceDefinition definition;
  definition.config = source;

  ManualClock clock;
  // Every transport the connector makes injects faults; one schedule stream per run, seeded.
  // A transport dies with its connector inside SyncEngine::Run, so it adds up its own faults as
  // it goes (CountedTransport) instead of being read afterwards.
  uint64_t next_seed = options.seed;
  ConnectorDeps faulty;
  faulty.clock = &clock;
  faulty.http = [&](const HttpClientOptions& http) -> absl::StatusOr<std::unique_ptr<HttpClient>> {
    auto inner = NewHttplibClient(http);
    if (!inner.ok()) return inner.status();
    auto client = std::make_unique<FaultInjectingHttpClient>(
        *std::move(inner), &clock, FaultSchedule::Uniform(options.fault_share, next_seed++ * 7919 + 1));
    return std::unique_ptr<HttpClient>(std::make_unique<CountedTransport>(std::move(client), &result.injected));
  };

  const std::string path = ScratchStore(options.seed, "faulty");
  {
    auto store = OpenSqliteStore(path);
    if (!store.ok()) {
      result.differences.push_back(absl::StrCat("store: ", store.status().ToString()));
      return result;
    }
    SyncEngine engine(store->get(), &registry, &normalizer, faulty, options.page_size);
    while (result.runs < options.max_runs && !result.completed) {
      ++result.runs;
      auto run = engine.Run(definition, nullptr);
      if (!run.ok()) {
        result.failures.push_back(absl::StrCat("engine: ", run.status().ToString()));
        continue;
      }
      if (run->outcome == "ok" || run->outcome == "warning") {
        result.completed = true;
      } else {
        result.failures.push_back(run->message.empty() ? "(a failed run with no message)" : run->message);
      }
    }
    ConnectorDeps plain;
    plain.clock = &clock;
    plain.http = NewHttplibClient;
    if (result.completed && options.after_completed) {
      options.after_completed();
      SyncEngine again_engine(store->get(), &registry, &normalizer, plain, options.page_size);
      auto again = again_engine.Run(definition, nullptr);
      if (!again.ok() || (again->outcome != "ok" && again->outcome != "warning")) {
        result.differences.push_back(absl::StrCat("the run after after_completed failed: ",
                                                  again.ok() ? again->message : again.status().ToString()));
      } else {
        result.deleted_after = again->totals.deleted;
      }
    }
    if (options.freeze_source) options.freeze_source();
    // The oracle: the same source read whole into a fresh store without faults.
    const std::string clean_path = ScratchStore(options.seed, "clean");
    auto clean = OpenSqliteStore(clean_path);
    SyncEngine clean_engine(clean->get(), &registry, &normalizer, plain, options.page_size);
    auto clean_run = clean_engine.Run(definition, nullptr);
    if (!clean_run.ok() || clean_run->outcome == "failed") {
      result.differences.push_back(absl::StrCat("the clean read failed: ",
                                                clean_run.ok() ? clean_run->message : clean_run.status().ToString()));
    } else if (result.completed) {
      const auto expected = Contents(**clean, &result.differences);
      const auto stored = Contents(**store, &result.differences);
      result.records = static_cast<int64_t>(expected.size());
      for (const auto& [id, hash] : expected) {
        auto it = stored.find(id);
        if (it == stored.end()) {
          result.differences.push_back(absl::StrCat("missing ", id));
        } else if (it->second != hash) {
          result.differences.push_back(absl::StrCat("stale ", id));
        }
      }
      for (const auto& [id, hash] : stored) {
        if (!expected.count(id)) result.differences.push_back(absl::StrCat("extra ", id));
      }
    }
    clean->reset();
    std::filesystem::remove(clean_path);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return result;
}

struct PlainSync::State {
  std::unique_ptr<RuleSet> rules;
  std::unique_ptr<Normalizer> normalizer;
  ConnectorRegistry registry;
  SourceDefinition definition;
  ManualClock clock;
  std::string path;
  std::unique_ptr<Store> store;
  std::unique_ptr<SyncEngine> engine;
  absl::Status broken;
};

PlainSync::PlainSync(const ConnectorFactory& factory, const SourceConfig& source) : state_(std::make_unique<State>()) {
  State& s = *state_;
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  if (!rules.ok()) {
    s.broken = rules.status();
    return;
  }
  s.rules = *std::move(rules);
  s.normalizer = std::make_unique<Normalizer>(s.rules.get(), [](const std::string&, const std::string&, bool, std::string*) {
    return std::optional<std::string>();
  });
  s.registry.Register(factory);
  s.definition.config = source;
  s.path = ScratchStore(0, "plain");
  auto store = OpenSqliteStore(s.path);
  if (!store.ok()) {
    s.broken = store.status();
    return;
  }
  s.store = *std::move(store);
  ConnectorDeps deps;
  deps.clock = &s.clock;
  deps.http = NewHttplibClient;
  s.engine = std::make_unique<SyncEngine>(s.store.get(), &s.registry, s.normalizer.get(), deps, 50);
}

PlainSync::~PlainSync() {
  state_->engine.reset();
  state_->store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(state_->path + suffix);
}

absl::StatusOr<SyncRunRecord> PlainSync::Run() {
  if (!state_->broken.ok()) return state_->broken;
  return state_->engine->Run(state_->definition, nullptr);
}

std::vector<std::string> PlainSync::LiveIds() {
  std::vector<std::string> errors;
  std::vector<std::string> ids;
  if (state_->store == nullptr) return ids;
  for (const auto& [id, hash] : Contents(*state_->store, &errors)) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;  // numbers as numbers
  });
  return ids;
}

Store& PlainSync::store() { return *state_->store; }

}  // namespace crosswalk::testing_sync
