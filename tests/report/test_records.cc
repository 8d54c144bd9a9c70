#include "tests/report/test_records.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "gateway/core/time_text.h"

namespace crosswalk::report {

int64_t T(const std::string& text) {
  auto seconds = ParseTimestamp(text);
  if (!seconds.ok()) {
    std::cerr << "bad test time " << text << ": " << seconds.status() << "\n";
    std::abort();
  }
  return *seconds;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

RecordBuilder::RecordBuilder(std::string kind, std::string native_id, std::string source) {
  record_.kind = std::move(kind);
  record_.provenance.source = std::move(source);
  record_.provenance.native_id = native_id;
  record_.provenance.location = "test.csv " + native_id;
}

RecordBuilder& RecordBuilder::Status(std::string status) {
  record_.status = std::move(status);
  return *this;
}

RecordBuilder& RecordBuilder::Priority(std::string priority) {
  record_.priority = std::move(priority);
  return *this;
}

RecordBuilder& RecordBuilder::Unmapped(std::string field, std::string raw_value) {
  record_.provenance.origins.push_back({std::move(field), std::move(raw_value), ""});
  return *this;
}

RecordBuilder& RecordBuilder::Attr(std::string key, std::string value, std::string type) {
  record_.attributes.push_back({std::move(key), std::move(type), std::move(value)});
  return *this;
}

RecordBuilder& RecordBuilder::Flag(std::string role, bool value) {
  record_.provenance.origins.push_back({role, value ? "yes" : "no", value ? "common.bool.true" : "common.bool.false"});
  record_.attributes.push_back({std::move(role), "bool", value ? "true" : "false"});
  return *this;
}

RecordBuilder& RecordBuilder::Link(std::string relation, std::string target) {
  record_.links.push_back({std::move(relation), std::move(target)});
  return *this;
}

RecordBuilder& RecordBuilder::Title(std::string title) {
  record_.title = std::move(title);
  return *this;
}

RecordBuilder& RecordBuilder::NativeKind(std::string native_kind) {
  record_.provenance.native_kind = std::move(native_kind);
  return *this;
}

RecordBuilder& RecordBuilder::Time(std::optional<int64_t> Record::*member, const std::string& time) {
  record_.*member = T(time);
  return *this;
}

RecordBuilder& RecordBuilder::Opened(const std::string& time) { return Time(&Record::opened, time); }
RecordBuilder& RecordBuilder::Resolved(const std::string& time) { return Time(&Record::resolved, time); }
RecordBuilder& RecordBuilder::Closed(const std::string& time) { return Time(&Record::closed, time); }
RecordBuilder& RecordBuilder::Updated(const std::string& time) { return Time(&Record::updated, time); }
RecordBuilder& RecordBuilder::Effective(const std::string& time) { return Time(&Record::effective, time); }

}  // namespace crosswalk::report
