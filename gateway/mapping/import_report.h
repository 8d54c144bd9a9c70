#ifndef CROSSWALK_GATEWAY_MAPPING_IMPORT_REPORT_H_
#define CROSSWALK_GATEWAY_MAPPING_IMPORT_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "gateway/mapping/mapping_engine.h"

namespace crosswalk::mapping {

// What an import of third-party mapping files (OSCAL, CISO Assistant) found besides its rows.
struct ImportReport {
  std::vector<CrosswalkRow> rows;     // every row that passed its checks
  std::vector<std::string> problems;  // "FILE:LINE:COLUMN: what" or "FILE: /json/pointer: what"
  std::vector<std::string> notes;     // data kept with a label fixed, and how (not problems)
  // Problems not about one row (the file is unreadable or a document, set or mapping has the
  // wrong shape): the import cannot go ahead even when rows with problems may be skipped.
  size_t document_problems = 0;
  size_t rows_skipped = 0;  // rows left out for their problems
};

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_IMPORT_REPORT_H_
