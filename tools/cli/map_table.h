#ifndef CROSSWALK_TOOLS_CLI_MAP_TABLE_H_
#define CROSSWALK_TOOLS_CLI_MAP_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "crosswalk/v1/mapping.pb.h"
#include "gateway/mapping/mapping_engine.h"
#include "tools/cli/output.h"

// The table of `crosswalk map`, the same whether the answer comes from the local mapping engine or
// from crosswalkd's Mapping.Map: both fill a MapRow and print it through one function, so the
// local and the remote json carry the same fields and values.
namespace crosswalk::cli {

// One stated row crossed by a path.
struct MapHop {
  std::string source;
  int source_line = 0;
  std::string note;
  mapping::Basis basis = mapping::Basis::kSeed;
  mapping::Confidence confidence = mapping::Confidence::kHigh;
  std::optional<mapping::Rationale> rationale;
  std::string origin;  // "data file:line"
};

struct MapRow {
  std::string from_ref, to_ref;
  mapping::RelationSet relations;
  bool equivalent = false;
  std::optional<int> strength;
  bool derived = false, inverted = false;
  std::vector<mapping::PathHop> path;
  std::vector<MapHop> hops;
  std::string tier = "sound";  // sound, candidate or rejected
  std::string reason;
  int set_aside = 0;
};

MapRow MapRowOf(const mapping::MapResult& result);
MapRow MapRowOf(const v1::MappingResult& result);

// The columns (and json-only columns) of the map table, and one row of it.
OutputTable MapTable();
void AddMapRow(const MapRow& row, OutputTable& table);

// The candidates the organisation rejected: in json as rows of tier "rejected" after the others, in
// table and csv as notes on `err` (the table stays the answer).
void AddRejected(const std::vector<MapRow>& rejected, Format format, OutputTable& table, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_MAP_TABLE_H_
