#ifndef CROSSWALK_GATEWAY_MAPPING_MAPPING_CSV_H_
#define CROSSWALK_GATEWAY_MAPPING_MAPPING_CSV_H_

#include <string>
#include <vector>

#include "gateway/mapping/mapping_data.h"

// Writers for the CSV formats of mappings/README.md (header first, RFC 4180 quoting, values kept
// exactly: these are data files, not spreadsheet exports).
namespace crosswalk::mapping {

std::string CrosswalkRowsCsv(const std::vector<CrosswalkRow>& rows);
std::string CatalogItemsCsv(const std::vector<CatalogItem>& items);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_MAPPING_CSV_H_
