// The file connector's row readers (connectors/files: CSV in UTF-8 and Shift_JIS, JSON, JSON
// Lines, XLSX with its ZIP container) over arbitrary bytes. The first byte picks the reader; every
// row is read to the end or the first error.
#include "connectors/files/csv_rows.h"
#include "connectors/files/json_rows.h"
#include "connectors/files/xlsx_reader.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

void Drain(absl::StatusOr<std::unique_ptr<crosswalk::files::RowSource>> rows) {
  if (!rows.ok()) return;
  for (int i = 0; i < 100000; ++i) {
    auto row = (*rows)->Next();
    if (!row.ok() || !row->has_value()) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0] % 5;
  crosswalk::fuzz::InputFile file(data + 1, size - 1);
  constexpr size_t kMaxRecord = 1 << 16;
  switch (which) {
    case 0:
      Drain(crosswalk::files::OpenCsvRows(file.path(), "utf-8", kMaxRecord));
      break;
    case 1:
      Drain(crosswalk::files::OpenCsvRows(file.path(), "shift_jis", kMaxRecord));
      break;
    case 2:
    case 3: {
      crosswalk::files::JsonRowsOptions options;
      options.lines = which == 3;
      options.max_record_bytes = kMaxRecord;
      Drain(crosswalk::files::OpenJsonRows(file.path(), options));
      break;
    }
    default: {
      crosswalk::files::XlsxOptions options;
      options.max_cell_bytes = kMaxRecord;
      options.max_xml_bytes = 64 << 20;
      Drain(crosswalk::files::OpenXlsx(file.path(), options));
    }
  }
  return 0;
}
