#include "absl/strings/string_view.h"
#include "gateway/mapping/mapping_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/csv_reader.h"
#include "gateway/core/unicode.h"

namespace crosswalk::mapping {
namespace fs = std::filesystem;

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) absl::StrAppend(&out, ":", line);
  if (line > 0 && column > 0) absl::StrAppend(&out, ":", column);
  absl::StrAppend(&out, ": ", message);
  return out;
}

namespace {

struct Column {
  absl::string_view name;
  bool required;  // a value must be given
};

// One data row of a table file, with error reporting tied to its fields' positions.
class Row {
 public:
  Row(const std::string& file, const CsvRecord& record,
      const std::map<absl::string_view, size_t>& index, std::vector<Diagnostic>& diagnostics)
      : file_(file), record_(record), index_(index), diagnostics_(diagnostics) {}

  const std::string& operator[](absl::string_view column) const {
    return record_.fields[index_.at(column)].value;
  }
  int line() const { return record_.line; }
  bool ok() const { return ok_; }

  // Records a problem with the value of `column`; the row will not be kept.
  void Error(absl::string_view column, absl::string_view message) {
    const CsvField& field = record_.fields[index_.at(column)];
    diagnostics_.push_back({file_, field.line, field.column,
                            absl::StrCat("field '", column, "': ", message)});
    ok_ = false;
  }

  // The value of `column` as an int in [min, max]; 0 and an error otherwise. Empty gives 0.
  int LineNumber(absl::string_view column) {
    const std::string& text = (*this)[column];
    if (text.empty()) return 0;
    int value = 0;
    if (!absl::SimpleAtoi(text, &value) || value < 1) {
      Error(column, absl::StrCat("'", text, "' is not a line number (a whole number from 1)"));
      return 0;
    }
    return value;
  }

 private:
  const std::string& file_;
  const CsvRecord& record_;
  const std::map<absl::string_view, size_t>& index_;
  std::vector<Diagnostic>& diagnostics_;
  bool ok_ = true;
};

// Reads `relative` (under `root`) as a table with exactly the columns `columns` (any order) and
// calls `on_row` for every non-blank row whose syntax, field count, UTF-8 and required values are
// right. Everything else becomes a diagnostic.
void ReadTable(const fs::path& root, const std::string& relative, const std::vector<Column>& columns,
               std::vector<Diagnostic>& diagnostics, const std::function<void(Row&)>& on_row) {
  std::ifstream in(root / relative, std::ios::binary);
  if (!in) {
    diagnostics.push_back({relative, 0, 0, "cannot be opened for reading"});
    return;
  }
  CsvReader reader(in);
  auto header = reader.Next();
  if (!header.ok()) {
    diagnostics.push_back(
        {relative, reader.error_line(), reader.error_column(), reader.error_text()});
    return;
  }
  if (!header->has_value() || (*header)->IsBlank()) {
    diagnostics.push_back({relative, 1, 1, "empty file: expected a header row"});
    return;
  }
  std::map<absl::string_view, size_t> index;
  bool header_ok = true;
  const CsvRecord& head = **header;
  for (size_t i = 0; i < head.fields.size(); ++i) {
    const CsvField& field = head.fields[i];
    auto known = std::find_if(columns.begin(), columns.end(),
                              [&](const Column& c) { return c.name == field.value; });
    if (known == columns.end()) {
      std::vector<absl::string_view> names;
      for (const Column& c : columns) names.push_back(c.name);
      diagnostics.push_back({relative, field.line, field.column,
                             absl::StrCat("unknown column '", field.value,
                                          "' (expected: ", absl::StrJoin(names, ","), ")")});
      header_ok = false;
    } else if (!index.emplace(known->name, i).second) {
      diagnostics.push_back({relative, field.line, field.column,
                             absl::StrCat("column '", field.value, "' appears twice")});
      header_ok = false;
    }
  }
  for (const Column& c : columns) {
    if (!index.count(c.name)) {
      diagnostics.push_back(
          {relative, head.line, 1, absl::StrCat("missing column '", c.name, "' in the header")});
      header_ok = false;
    }
  }
  if (!header_ok) return;

  while (true) {
    auto next = reader.Next();
    if (!next.ok()) {
      diagnostics.push_back(
          {relative, reader.error_line(), reader.error_column(), reader.error_text()});
      continue;
    }
    if (!next->has_value()) break;
    const CsvRecord& record = **next;
    if (record.IsBlank()) continue;
    if (record.fields.size() != head.fields.size()) {
      diagnostics.push_back({relative, record.line, 1,
                             absl::StrCat("row has ", record.fields.size(), " fields, the header has ",
                                          head.fields.size())});
      continue;
    }
    Row row(relative, record, index, diagnostics);
    for (const CsvField& field : record.fields) {
      if (!IsValidUtf8(field.value)) {
        diagnostics.push_back({relative, field.line, field.column, "not valid UTF-8"});
        return;
      }
    }
    for (const Column& c : columns) {
      if (c.required && row[c.name].empty()) row.Error(c.name, "a value is required");
    }
    on_row(row);  // checks the rest and keeps the row only when every check passed
  }
}

std::string NamesList(const std::vector<absl::string_view>& names) {
  return absl::StrJoin(names, ", ");
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return out;
}

// Files with the .csv extension directly under `dir`, sorted, relative to `root`.
std::vector<std::string> CsvFiles(const fs::path& root, const std::string& dir) {
  std::vector<std::string> out;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") {
      out.push_back(dir + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Loader {
 public:
  explicit Loader(const fs::path& root) : root_(root) { result_.data.root = root.string(); }

  LoadResult Run() {
    if (!fs::is_directory(root_)) {
      Report(root_.string(), 0, 0, "is not a directory of mapping data");
      return std::move(result_);
    }
    LoadCatalogs();
    for (const std::string& file : CsvFiles(root_, "crosswalks")) LoadCrosswalks(file);
    for (const std::string& file : CsvFiles(root_, "terms")) LoadTerms(file);
    for (const std::string& file : CsvFiles(root_, "annotations")) LoadAnnotations(file);
    for (const std::string& file : CsvFiles(root_, "topics")) LoadTopics(file);
    return std::move(result_);
  }

 private:
  void Report(const std::string& file, int line, int column, std::string message) {
    result_.diagnostics.push_back({file, line, column, std::move(message)});
  }

  // Checks that `id` is the canonical id of a loaded catalog; returns it or nullptr.
  const Catalog* CheckCatalog(Row& row, absl::string_view column) {
    const std::string& id = row[column];
    if (id.empty()) return nullptr;  // reported as a missing value
    const Catalog* catalog = result_.data.FindCatalog(id);
    if (catalog == nullptr) {
      row.Error(column, absl::StrCat("unknown catalog '", id, "'"));
    } else if (catalog->id != id) {
      row.Error(column, absl::StrCat("write the catalog id '", catalog->id, "', not its alias '",
                                     id, "'"));
      return nullptr;
    }
    return catalog;
  }

  void CheckRef(Row& row, absl::string_view column, const Catalog* catalog) {
    const std::string& ref = row[column];
    if (catalog == nullptr || ref.empty()) return;
    const CatalogItem* item = catalog->Find(ref);
    if (item == nullptr) {
      row.Error(column, absl::StrCat("unknown ref '", ref, "' in catalog ", catalog->id));
    } else if (item->ref != ref) {
      row.Error(column, absl::StrCat("write the ref '", item->ref, "', not its alias '", ref, "'"));
    }
  }

  template <typename E>
  std::optional<E> CheckEnum(Row& row, absl::string_view column,
                             std::optional<E> (*parse)(absl::string_view),
                             const std::vector<absl::string_view>& names) {
    if (row[column].empty()) return std::nullopt;  // reported as a missing value
    std::optional<E> value = parse(row[column]);
    if (!value) {
      row.Error(column, absl::StrCat("'", row[column], "' is not one of: ", NamesList(names)));
    }
    return value;
  }

  void CheckOneOf(Row& row, absl::string_view column, const std::vector<absl::string_view>& names) {
    if (row[column].empty()) return;  // reported as a missing value, or optional
    if (std::find(names.begin(), names.end(), row[column]) == names.end()) {
      row.Error(column, absl::StrCat("'", row[column], "' is not one of: ", NamesList(names)));
    }
  }

  // A source must name a document; a seed source must be one of the contract labels.
  void CheckSource(Row& row, bool is_seed, bool requires_line, int source_line) {
    const std::string& source = row["source"];
    const bool names_seed = absl::StartsWith(source, kSeedDocument);
    if (!source.empty() && (is_seed || names_seed)) {
      absl::string_view label = source;
      const bool prefixed = absl::ConsumePrefix(&label, absl::StrCat(kSeedDocument, " "));
      const auto& labels = SeedLabels();
      if (!prefixed || std::find(labels.begin(), labels.end(), label) == labels.end()) {
        std::vector<std::string> expected;
        for (absl::string_view l : labels) expected.push_back(absl::StrCat(kSeedDocument, " ", l));
        row.Error("source", absl::StrCat("'", source, "' is not a seed source label (expected one of: ",
                                         absl::StrJoin(expected, ", "), ")"));
      }
    }
    if ((is_seed || names_seed) && requires_line && source_line == 0 && row["source_line"].empty()) {
      row.Error("source_line", "a seed row needs the seed line its evidence starts on");
    }
  }

  void LoadCatalogs() {
    const std::string index_file = "catalogs/catalogs.csv";
    const std::vector<Column> columns = {{"id", true},    {"title", true}, {"edition", true},
                                         {"aliases", false}, {"file", true}, {"source", true},
                                         {"note", false}};
    std::set<std::string> ids;  // ids and aliases
    std::map<std::string, int> files;
    std::vector<Catalog> catalogs;
    ReadTable(root_, index_file, columns, result_.diagnostics, [&](Row& row) {
      Catalog catalog;
      catalog.id = row["id"];
      catalog.title = row["title"];
      catalog.edition = row["edition"];
      catalog.aliases = SplitList(row["aliases"]);
      catalog.file = row["file"];
      catalog.source = row["source"];
      catalog.note = row["note"];
      catalog.origin = {index_file, row.line()};
      if (!ids.insert(catalog.id).second) row.Error("id", "catalog id or alias used twice");
      for (const std::string& alias : catalog.aliases) {
        if (!ids.insert(alias).second) {
          row.Error("aliases", absl::StrCat("'", alias, "' is already an id or alias"));
        }
      }
      if (catalog.file.find('/') != std::string::npos || !absl::EndsWith(catalog.file, ".csv")) {
        row.Error("file", "expected a .csv file name in catalogs/");
      } else if (!fs::is_regular_file(root_ / "catalogs" / catalog.file)) {
        row.Error("file", absl::StrCat("catalogs/", catalog.file, " does not exist"));
      } else if (!files.emplace(catalog.file, row.line()).second) {
        row.Error("file", "file is listed for two catalogs");
      }
      if (row.ok()) catalogs.push_back(std::move(catalog));
    });
    for (const std::string& file : CsvFiles(root_, "catalogs")) {
      if (file == index_file) continue;
      if (!files.count(file.substr(std::string("catalogs/").size()))) {
        Report(file, 0, 0, "catalog file is not listed in catalogs/catalogs.csv");
      }
    }
    for (Catalog& catalog : catalogs) LoadCatalogItems(catalog);
    result_.data.catalogs = std::move(catalogs);
  }

  void LoadCatalogItems(Catalog& catalog) {
    const std::vector<Column> columns = {
        {"ref", true},     {"parent", false}, {"kind", true},    {"title_en", true},
        {"title_ja", false}, {"aliases", false}, {"source", true}, {"source_line", false},
        {"note", false}};
    const std::string file = "catalogs/" + catalog.file;
    std::map<std::string, int> seen;  // refs and aliases -> line
    ReadTable(root_, file, columns, result_.diagnostics, [&](Row& row) {
      CatalogItem item;
      item.ref = row["ref"];
      item.parent = row["parent"];
      item.kind = row["kind"];
      item.title_en = row["title_en"];
      item.title_ja = row["title_ja"];
      item.aliases = SplitList(row["aliases"]);
      item.source = row["source"];
      item.source_line = row.LineNumber("source_line");
      item.note = row["note"];
      item.origin = {file, row.line()};
      CheckOneOf(row, "kind", ItemKinds());
      if (auto it = seen.find(item.ref); it != seen.end()) {
        row.Error("ref", absl::StrCat("ref '", item.ref, "' already defined on line ", it->second));
      }
      for (const std::string& alias : item.aliases) {
        if (auto it = seen.find(alias); it != seen.end()) {
          row.Error("aliases", absl::StrCat("'", alias, "' already defined on line ", it->second));
        }
      }
      if (!item.parent.empty() && !seen.count(item.parent)) {
        row.Error("parent", absl::StrCat("parent '", item.parent,
                                         "' is not a ref defined earlier in this catalog"));
      }
      if (!row.ok()) return;
      seen.emplace(item.ref, row.line());
      for (const std::string& alias : item.aliases) seen.emplace(alias, row.line());
      catalog.items.push_back(std::move(item));
    });
    catalog.Index();
  }

  void LoadCrosswalks(const std::string& file) {
    const std::vector<Column> columns = {
        {"from", true},      {"to", true},         {"from_ref", true},   {"to_ref", false},
        {"relationship", true}, {"rationale", false}, {"strength", false}, {"basis", true},
        {"confidence", true}, {"source", true},      {"source_line", false}, {"note", false}};
    using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
    ReadTable(root_, file, columns, result_.diagnostics, [&](Row& row) {
      CrosswalkRow out;
      out.from = row["from"];
      out.to = row["to"];
      out.from_ref = row["from_ref"];
      out.to_ref = row["to_ref"];
      out.source = row["source"];
      out.note = row["note"];
      out.origin = {file, row.line()};
      out.source_line = row.LineNumber("source_line");
      const Catalog* from = CheckCatalog(row, "from");
      const Catalog* to = CheckCatalog(row, "to");
      CheckRef(row, "from_ref", from);
      if (!out.to_ref.empty()) CheckRef(row, "to_ref", to);
      auto relationship =
          CheckEnum(row, "relationship", &ParseRelationship, RelationshipNames());
      if (relationship) out.relationship = *relationship;
      if (out.to_ref.empty() && relationship &&
          *relationship != Relationship::kNoRelationship) {
        row.Error("to_ref",
                  "empty to_ref states 'no counterpart' and needs relationship no-relationship");
      }
      if (!row["rationale"].empty()) {
        out.rationale = CheckEnum(row, "rationale", &ParseRationale, RationaleNames());
      }
      if (!row["strength"].empty()) {
        int strength = -1;
        if (!absl::SimpleAtoi(row["strength"], &strength) || strength < 0 || strength > 10) {
          row.Error("strength",
                    absl::StrCat("'", row["strength"], "' is not a whole number from 0 to 10"));
        } else {
          out.strength = strength;
        }
      }
      auto basis = CheckEnum(row, "basis", &ParseBasis, BasisNames());
      if (basis) out.basis = *basis;
      if (basis == Basis::kOrganisation) {
        row.Error("basis", "'organisation' is the basis of the organisation's own decisions, which "
                           "crosswalkd keeps (crosswalk decisions); a data file states seed, published or derived");
      }
      auto confidence = CheckEnum(row, "confidence", &ParseConfidence, ConfidenceNames());
      if (confidence) out.confidence = *confidence;
      CheckSource(row, basis == Basis::kSeed, /*requires_line=*/true, out.source_line);
      const Key key{out.from, out.to, out.from_ref, out.to_ref, out.source};
      if (auto [it, inserted] = crosswalk_keys_.emplace(key, out.origin); !inserted) {
        row.Error("from_ref", absl::StrCat("duplicate row: same from, to, from_ref, to_ref and "
                                           "source as ", it->second.file, ":", it->second.line));
      }
      if (row.ok()) result_.data.crosswalks.push_back(std::move(out));
    });
  }

  void LoadTerms(const std::string& file) {
    const std::vector<Column> columns = {{"term_en", true}, {"jis_ja", true},  {"itil_ja", false},
                                         {"differs", true}, {"source", true},  {"source_line", false},
                                         {"note", false}};
    ReadTable(root_, file, columns, result_.diagnostics, [&](Row& row) {
      Term term;
      term.term_en = row["term_en"];
      term.jis_ja = row["jis_ja"];
      term.itil_ja = row["itil_ja"];
      term.source = row["source"];
      term.note = row["note"];
      term.origin = {file, row.line()};
      term.source_line = row.LineNumber("source_line");
      if (row["differs"] == "true") {
        term.differs = true;
      } else if (row["differs"] != "false") {
        row.Error("differs", absl::StrCat("'", row["differs"], "' is not one of: true, false"));
      }
      CheckSource(row, false, true, term.source_line);
      if (auto [it, inserted] = term_keys_.emplace(std::make_pair(term.term_en, term.source),
                                                   term.origin);
          !inserted) {
        row.Error("term_en", absl::StrCat("duplicate term: same term_en and source as ",
                                          it->second.file, ":", it->second.line));
      }
      if (row.ok()) result_.data.terms.push_back(std::move(term));
    });
  }

  void LoadAnnotations(const std::string& file) {
    const std::vector<Column> columns = {
        {"catalog", true},   {"ref", true},    {"attribute", true},  {"value_en", false},
        {"value_ja", false}, {"source", true}, {"source_line", false}, {"note", false}};
    ReadTable(root_, file, columns, result_.diagnostics, [&](Row& row) {
      Annotation out;
      out.catalog = row["catalog"];
      out.ref = row["ref"];
      out.attribute = row["attribute"];
      out.value_en = row["value_en"];
      out.value_ja = row["value_ja"];
      out.source = row["source"];
      out.note = row["note"];
      out.origin = {file, row.line()};
      out.source_line = row.LineNumber("source_line");
      CheckRef(row, "ref", CheckCatalog(row, "catalog"));
      CheckOneOf(row, "attribute", {"purpose", "pdca-phase"});
      if (out.attribute == "pdca-phase") {
        if (out.value_en.empty()) row.Error("value_en", "a pdca-phase needs plan, do, check or act");
        CheckOneOf(row, "value_en", {"plan", "do", "check", "act"});
      }
      if (out.value_en.empty() && out.value_ja.empty()) {
        row.Error("value_en", "value_en or value_ja is required");
      }
      CheckSource(row, false, true, out.source_line);
      const auto key = std::make_tuple(out.catalog, out.ref, out.attribute, out.source);
      if (auto [it, inserted] = annotation_keys_.emplace(key, out.origin); !inserted) {
        row.Error("ref", absl::StrCat("duplicate annotation: same catalog, ref, attribute and "
                                      "source as ", it->second.file, ":", it->second.line));
      }
      if (row.ok()) result_.data.annotations.push_back(std::move(out));
    });
  }

  void LoadTopics(const std::string& file) {
    const std::vector<Column> columns = {
        {"topic_en", true}, {"topic_ja", false}, {"region", true}, {"catalog", false},
        {"ref", false},     {"confidence", true}, {"source", true}, {"source_line", false},
        {"note", false}};
    ReadTable(root_, file, columns, result_.diagnostics, [&](Row& row) {
      Topic out;
      out.topic_en = row["topic_en"];
      out.topic_ja = row["topic_ja"];
      out.region = row["region"];
      out.catalog = row["catalog"];
      out.ref = row["ref"];
      out.source = row["source"];
      out.note = row["note"];
      out.origin = {file, row.line()};
      out.source_line = row.LineNumber("source_line");
      CheckOneOf(row, "region", {"27001-only", "shared", "20000-1-only", "unplaced"});
      if (out.catalog.empty() != out.ref.empty()) {
        row.Error(out.catalog.empty() ? "catalog" : "ref",
                  "catalog and ref are given together or not at all");
      } else if (!out.catalog.empty()) {
        CheckRef(row, "ref", CheckCatalog(row, "catalog"));
      }
      auto confidence = CheckEnum(row, "confidence", &ParseConfidence, ConfidenceNames());
      if (confidence) out.confidence = *confidence;
      CheckSource(row, false, true, out.source_line);
      if (auto [it, inserted] = topic_keys_.emplace(std::make_pair(out.topic_en, out.source),
                                                    out.origin);
          !inserted) {
        row.Error("topic_en", absl::StrCat("duplicate topic: same topic_en and source as ",
                                           it->second.file, ":", it->second.line));
      }
      if (row.ok()) result_.data.topics.push_back(std::move(out));
    });
  }

  const fs::path root_;
  LoadResult result_;
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, Origin>
      crosswalk_keys_;
  std::map<std::pair<std::string, std::string>, Origin> term_keys_;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Origin> annotation_keys_;
  std::map<std::pair<std::string, std::string>, Origin> topic_keys_;
};

}  // namespace

LoadResult LoadMappings(const std::string& root) { return Loader(root).Run(); }

absl::StatusOr<MappingData> LoadValidMappings(const std::string& root) {
  LoadResult result = LoadMappings(root);
  if (result.diagnostics.empty()) return std::move(result.data);
  std::vector<std::string> first;
  for (size_t i = 0; i < result.diagnostics.size() && i < 5; ++i) {
    first.push_back(result.diagnostics[i].ToString());
  }
  return absl::FailedPreconditionError(
      absl::StrCat("mapping data in ", root, " has ", result.diagnostics.size(),
                   " problem(s); run 'crosswalk validate' for all of them:\n  ",
                   absl::StrJoin(first, "\n  ")));
}

}  // namespace crosswalk::mapping
