// The file connector's row readers (connectors/files: CSV in UTF-8 and Shift_JIS, JSON, JSON
// Lines, XLSX with its ZIP container) over arbitrary bytes. The first byte picks the reader (its
// value mod 6: CSV utf-8, shift_jis, windows-1252, JSON, JSON Lines, XLSX); every
// row is read to the end or the first error.
#include <cstdlib>

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
  const uint8_t which = data[0] % 6;
  crosswalk::fuzz::InputFile input(data + 1, size - 1);
  auto file = crosswalk::files::OpenFile::Open(input.path());
  if (!file.ok()) std::abort();  // a memory file is a regular file
  constexpr size_t kMaxRecord = 1 << 16;
  if (which <= 2) {
    static const char* const kEncodings[] = {"utf-8", "shift_jis", "windows-1252"};
    Drain(crosswalk::files::OpenCsvRows(std::move(*file), kEncodings[which], kMaxRecord));
  } else if (which <= 4) {
    crosswalk::files::JsonRowsOptions options;
    options.lines = which == 4;
    options.max_record_bytes = kMaxRecord;
    Drain(crosswalk::files::OpenJsonRows(std::move(*file), options));
  } else {
    crosswalk::files::XlsxOptions options;
    options.max_cell_bytes = kMaxRecord;
    options.max_xml_bytes = 64 << 20;
    options.max_part_bytes = 32 << 20;
    Drain(crosswalk::files::OpenXlsx(std::move(*file), options));
  }
  return 0;
}
