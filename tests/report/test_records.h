#ifndef CROSSWALK_TESTS_REPORT_TEST_RECORDS_H_
#define CROSSWALK_TESTS_REPORT_TEST_RECORDS_H_

// Hand-built canonical records for the report tests, shaped as the normaliser leaves them: an
// empty cell leaves no attribute, a value no rule knew leaves the canonical field empty and an
// origin with an empty rule id, a preset role's flag leaves an origin with a rule id.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/core/record.h"

namespace crosswalk::report {

// Unix seconds of an RFC 3339 time ("2025-01-10T09:00:00Z") or a date ("2025-01-10").
int64_t T(const std::string& text);

// The lines of a text file (the seed, for the tests of cited lines); empty when it cannot be read.
std::vector<std::string> ReadLines(const std::string& path);

class RecordBuilder {
 public:
  RecordBuilder(std::string kind, std::string native_id, std::string source = "t");

  RecordBuilder& Status(std::string status);
  RecordBuilder& Priority(std::string priority);
  // A canonical field whose raw value no rule knew ("status", "priority", …).
  RecordBuilder& Unmapped(std::string field, std::string raw_value);
  // An attribute as an extra column leaves it (no origin).
  RecordBuilder& Attr(std::string key, std::string value, std::string type = "text");
  // A flag read through a preset role: a bool attribute and an origin with a rule id.
  RecordBuilder& Flag(std::string role, bool value);
  RecordBuilder& Link(std::string relation, std::string target);
  RecordBuilder& Title(std::string title);
  RecordBuilder& NativeKind(std::string native_kind);
  RecordBuilder& Opened(const std::string& time);
  RecordBuilder& Resolved(const std::string& time);
  RecordBuilder& Closed(const std::string& time);
  RecordBuilder& Updated(const std::string& time);
  RecordBuilder& Effective(const std::string& time);

  operator Record() const { return record_; }  // NOLINT: builders convert implicitly

 private:
  RecordBuilder& Time(std::optional<int64_t> Record::*member, const std::string& time);

  Record record_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_TESTS_REPORT_TEST_RECORDS_H_
