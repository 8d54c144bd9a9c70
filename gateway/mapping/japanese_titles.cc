#include "gateway/mapping/japanese_titles.h"

#include <map>
#include <sstream>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::mapping {

namespace {

constexpr char kCatalog[] = "catalog";
constexpr char kRef[] = "ref";
constexpr char kTitle[] = "title_ja";

absl::Status Apply(const CsvTable& csv, MappingData* data) {
  // Checked whole before anything changes: (catalog index, item index) → title.
  std::map<std::pair<size_t, size_t>, std::string> titles;
  for (const CsvRecord& row : csv.rows) {
    const std::string catalog_id = csv.Value(row, "catalog");
    const Catalog* catalog = data->FindCatalog(catalog_id);
    if (catalog == nullptr) {
      return csv.ErrorAt(row, "catalog", absl::StrCat("unknown catalog '", catalog_id, "' (e.g. iso27001:2022)"));
    }
    const size_t c = static_cast<size_t>(catalog - data->catalogs.data());
    const std::string ref = csv.Value(row, "ref");
    size_t found = catalog->items.size();
    for (size_t i = 0; i < catalog->items.size(); ++i) {
      if (catalog->items[i].ref == ref) found = i;
    }
    if (found == catalog->items.size()) {
      return csv.ErrorAt(row, "ref", absl::StrCat("'", ref, "' is not a ref of ", catalog->id));
    }
    const std::string title = csv.Value(row, "title_ja");
    if (title.empty()) return csv.ErrorAt(row, "title_ja", absl::StrCat("no title_ja for ", catalog->id, " ", ref));
    if (!titles.emplace(std::make_pair(c, found), title).second) {
      return csv.ErrorAt(row, "ref", absl::StrCat(catalog->id, " ", ref, " is given twice"));
    }
  }
  if (titles.empty()) return csv.Error(1, 1, "no titles (expected rows catalog,ref,title_ja)");
  // A title must still name exactly one item of its catalog, as refs are resolved by title.
  std::map<std::pair<size_t, std::string>, std::vector<size_t>> named;  // (catalog, title key) → items
  for (size_t c = 0; c < data->catalogs.size(); ++c) {
    for (size_t i = 0; i < data->catalogs[c].items.size(); ++i) {
      auto given = titles.find({c, i});
      const std::string& title = given != titles.end() ? given->second : data->catalogs[c].items[i].title_ja;
      if (!title.empty()) named[{c, MatchKey(title)}].push_back(i);
    }
  }
  for (const CsvRecord& row : csv.rows) {
    const Catalog* catalog = data->FindCatalog(csv.Value(row, "catalog"));
    const size_t c = static_cast<size_t>(catalog - data->catalogs.data());
    const std::vector<size_t>& items = named[{c, MatchKey(csv.Value(row, "title_ja"))}];
    if (items.size() < 2) continue;
    std::string refs;
    for (size_t i : items) {
      if (catalog->items[i].ref != csv.Value(row, "ref")) absl::StrAppend(&refs, refs.empty() ? "" : ", ", catalog->items[i].ref);
    }
    return csv.ErrorAt(row, "title_ja", absl::StrCat("'", csv.Value(row, "title_ja"), "' is also the title of ",
                                                     catalog->id, " ", refs, " (a title names one item)"));
  }
  for (const auto& [at, title] : titles) data->catalogs[at.first].items[at.second].title_ja = title;
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyJapaneseTitles(const std::string& path, MappingData* data) {
  CW_ASSIGN_OR_RETURN(CsvTable csv, ReadCsvTable(path, {kCatalog, kRef, kTitle}));
  return Apply(csv, data);
}

absl::Status ApplyJapaneseTitlesText(const std::string& name, const std::string& text, MappingData* data) {
  std::istringstream in(text);
  CW_ASSIGN_OR_RETURN(CsvTable csv, ParseCsvTable(in, name, {kCatalog, kRef, kTitle}));
  return Apply(csv, data);
}

}  // namespace crosswalk::mapping
