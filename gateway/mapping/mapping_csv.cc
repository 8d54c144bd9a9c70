#include "gateway/mapping/mapping_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk::mapping {
namespace {

std::string Quote(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  return quoted + "\"";
}

std::string Line(const std::vector<std::string>& fields) {
  std::vector<std::string> cells;
  for (const std::string& field : fields) cells.push_back(Quote(field));
  return absl::StrCat(absl::StrJoin(cells, ","), "\n");
}

std::string LineNumber(int line) { return line > 0 ? std::to_string(line) : ""; }

}  // namespace

std::string CrosswalkRowsCsv(const std::vector<CrosswalkRow>& rows) {
  std::string out =
      "from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,source,"
      "source_line,note\n";
  for (const CrosswalkRow& row : rows) {
    absl::StrAppend(
        &out, Line({row.from, row.to, row.from_ref, row.to_ref, std::string(Name(row.relationship)),
                    row.rationale ? std::string(Name(*row.rationale)) : "",
                    row.strength ? std::to_string(*row.strength) : "", std::string(Name(row.basis)),
                    std::string(Name(row.confidence)), row.source, LineNumber(row.source_line),
                    row.note}));
  }
  return out;
}

std::string CatalogItemsCsv(const std::vector<CatalogItem>& items) {
  std::string out = "ref,parent,kind,title_en,title_ja,aliases,source,source_line,note\n";
  for (const CatalogItem& item : items) {
    absl::StrAppend(&out, Line({item.ref, item.parent, item.kind, item.title_en, item.title_ja,
                                absl::StrJoin(item.aliases, ";"), item.source,
                                LineNumber(item.source_line), item.note}));
  }
  return out;
}

}  // namespace crosswalk::mapping
