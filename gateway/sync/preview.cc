#include "gateway/sync/preview.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/sync/bad_records.h"

namespace crosswalk {
namespace {

// "column 3" → ("3", 3); "cell C12" → ("C", 3); anything else (a JSON member) → ("", 0).
std::pair<std::string, int> ColumnOf(const std::string& where) {
  int number = 0;
  if (absl::StartsWith(where, "column ") && absl::SimpleAtoi(where.substr(7), &number)) {
    return {where.substr(7), number};
  }
  if (absl::StartsWith(where, "cell ")) {
    std::string letters;
    for (size_t i = 5; i < where.size() && absl::ascii_isalpha(where[i]); ++i) {
      letters += where[i];
      number = number * 26 + (absl::ascii_toupper(where[i]) - 'A' + 1);
    }
    return {letters, number};
  }
  return {"", 0};
}

// The columns seen so far, by header: a spreadsheet leaves empty cells out of a row, so the table
// is the union over every row read (bounded: a JSON file may have many member names).
class ColumnTable {
 public:
  void Add(const RawRecord& raw) {
    for (const RawField& field : raw.fields) {
      const std::string& header = field.extra ? field.role : field.header;
      if (header.empty() || columns_.size() >= kMaxColumns || seen_.count(header)) continue;
      auto [column, order] = ColumnOf(field.where);
      seen_.emplace(header, columns_.size());
      columns_.push_back(PreviewColumn{header, std::move(column), field.extra ? "" : field.role, order});
    }
  }
  std::vector<PreviewColumn> Take() {
    std::stable_sort(columns_.begin(), columns_.end(),
                     [](const PreviewColumn& a, const PreviewColumn& b) { return a.order < b.order; });
    return std::move(columns_);
  }

 private:
  static constexpr size_t kMaxColumns = 1000;
  std::map<std::string, size_t> seen_;
  std::vector<PreviewColumn> columns_;
};

// Unknown values counted over the whole source in a bounded table.
class UnknownCounter {
 public:
  void Add(const std::string& field, const std::string& raw_value, const std::string& native_id) {
    auto key = std::make_pair(field, raw_value);
    auto it = counts_.find(key);
    if (it != counts_.end()) {
      ++it->second.count;
      return;
    }
    ++distinct_;
    if (counts_.size() < kTrackedUnknown) counts_.emplace(std::move(key), PreviewUnknown{field, raw_value, 1, native_id});
  }
  int64_t distinct() const { return distinct_; }
  // The most frequent first, then by field and value.
  std::vector<PreviewUnknown> Top() const {
    std::vector<PreviewUnknown> all;
    for (const auto& entry : counts_) all.push_back(entry.second);
    std::stable_sort(all.begin(), all.end(),
                     [](const PreviewUnknown& a, const PreviewUnknown& b) { return a.count > b.count; });
    if (all.size() > kListedUnknown) all.resize(kListedUnknown);
    return all;
  }

 private:
  std::map<std::pair<std::string, std::string>, PreviewUnknown> counts_;
  int64_t distinct_ = 0;
};

}  // namespace

absl::StatusOr<PreviewResult> PreviewSource(const SourceDefinition& source, const ConnectorRegistry& registry,
                                            const Normalizer& normalizer, const ConnectorDeps& deps,
                                            const PreviewOptions& options, int batch_size) {
  // Every record the reader cannot parse is listed, whatever on_error says: the preview shows
  // the whole source, and says below what a sync would do with them.
  RunBadRecords unparsed(/*skip=*/true);
  ConnectorDeps preview_deps = deps;
  preview_deps.bad_records = &unparsed;
  absl::StatusOr<std::unique_ptr<Connector>> connector = registry.Create(source.config, preview_deps);
  if (!connector.ok()) return connector.status();
  PreviewResult result;
  result.source = source.config.name;
  const bool skip = source.on_error == "skip";
  ColumnTable columns;
  UnknownCounter unknown;
  auto fail = [&](const absl::Status& status) {
    result.outcome = "failed";
    result.errors.emplace_back(status.message());
  };
  // From the start, whatever the stored cursor: the preview shows the whole source.
  absl::Status started = (*connector)->Start("");
  const SourceShape shape = (*connector)->Shape();
  const int64_t fetched_at = deps.clock != nullptr ? deps.clock->NowSeconds() : 0;
  bool done = !started.ok();
  if (!started.ok()) fail(started);
  while (!done) {
    absl::StatusOr<ConnectorPage> page = (*connector)->Pull(batch_size);
    if (!page.ok()) {
      fail(page.status());
      break;
    }
    for (std::string& note : page->notes) {
      if (absl::StartsWith(note, kWarningNotePrefix)) {
        result.warnings.push_back(note.substr(std::string(kWarningNotePrefix).size()));
      } else {
        result.notes.push_back(std::move(note));
      }
    }
    for (std::string& message : unparsed.Take()) {
      ++result.read;
      ++result.bad;
      if (result.errors.size() < kListedErrors) result.errors.push_back(std::move(message));
    }
    for (const RawRecord& raw : page->records) {
      ++result.read;
      columns.Add(raw);
      absl::StatusOr<NormalizedRecord> normalized = normalizer.Normalize(raw, shape, fetched_at, false);
      if (!normalized.ok()) {
        ++result.bad;
        if (result.errors.size() < kListedErrors) result.errors.emplace_back(normalized.status().message());
        continue;
      }
      ++result.kinds[normalized->record.kind];
      for (const UnmappedValue& value : normalized->unmapped) {
        unknown.Add(value.field, value.raw_value, normalized->record.provenance.native_id);
      }
      if (static_cast<int>(result.records.size()) < options.limit) result.records.push_back(std::move(normalized->record));
    }
    done = page->done;
  }
  result.columns = columns.Take();
  result.unknown = unknown.Top();
  result.unknown_distinct = unknown.distinct();
  if (result.bad > 0) {
    if (result.bad > static_cast<int64_t>(kListedErrors)) {
      result.errors.push_back(absl::StrCat("… ", result.bad - static_cast<int64_t>(kListedErrors), " more bad rows"));
    }
    if (skip) {
      result.warnings.push_back(absl::StrCat(result.bad, " bad rows a sync would skip (on_error: skip)"));
    } else if (result.outcome.empty()) {
      result.outcome = "failed";
      result.warnings.push_back(absl::StrCat(result.bad, " bad rows: a sync would reject the file and keep nothing of it"));
    }
  }
  const int64_t stored = result.read - result.bad;
  if (result.outcome.empty() && stored == 0) {
    result.outcome = "empty";
    result.warnings.push_back(result.read == 0 ? kNoRecordsReadMessage : "no records would be stored: every row is bad");
  }
  if (result.outcome.empty()) result.outcome = "ok";
  return result;
}

}  // namespace crosswalk
