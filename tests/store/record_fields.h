#ifndef CROSSWALK_TESTS_STORE_RECORD_FIELDS_H_
#define CROSSWALK_TESTS_STORE_RECORD_FIELDS_H_

#include <string>
#include <vector>

#include "gateway/core/record.h"

// Field-by-field views of a Record for round-trip tests of its encodings (the store's JSON, the
// crosswalk.v1 proto). Every member of Record and of the structs it holds is listed once, through a
// structured binding that must name all of them: a member added to Record, Provenance, Link,
// Attribute or FieldOrigin breaks the build in record_fields.cc until it is listed there and given
// a value in FullRecord(), after which every encoding that forgets it fails its round-trip test.
namespace crosswalk {

// One leaf of a record (a string, a time, or the size of a list), by its path such as
// "provenance.origins[1].rule_id", printed as text ("absent" for an unset time).
struct RecordLeaf {
  std::string path;
  std::string value;
  bool is_default = false;  // empty string, 0, absent time or empty list
};

std::vector<RecordLeaf> RecordLeaves(const Record& record);

// The paths of the leaves where `a` and `b` differ, each with both values: empty when equal.
std::vector<std::string> DifferingFields(const Record& a, const Record& b);

// A record whose every leaf has a non-default value distinct from every other leaf's (lists hold
// two or more items), with text that needs JSON escaping and non-ASCII text.
Record FullRecord();

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_STORE_RECORD_FIELDS_H_
