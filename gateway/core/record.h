#ifndef CROSSWALK_GATEWAY_CORE_RECORD_H_
#define CROSSWALK_GATEWAY_CORE_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace crosswalk {

// One value of a raw record. `role` is a canonical field name the preset or connector assigned
// ("native_id", "kind", "status", "priority", "opened", "control_ref", "owner", ...) or, when `extra`
// is set, the source's own column or member name (kept as an attribute so nothing is dropped).
// `type` says how to read it: text, date, datetime, number, flag (yes/no), ref (one catalog ref),
// refs (a list of refs).
struct RawField {
  std::string role;
  std::string type = "text";
  std::string value;
  std::string where;  // position within the record for errors: "column 5", "cell C4"; may be empty
  bool extra = false;
  std::string header;  // the column header as the file spells it (bound columns); may be empty
};

// What a connector hands over: one record of the source system as the source names it, before
// normalisation.
struct RawRecord {
  std::string native_id;
  std::string native_kind;  // e.g. "incident" (ServiceNow table), "soa" (preset), "Ticket"
  std::string location;     // where it was read: "incidents.csv line 12", "INC0010023"
  std::vector<RawField> fields;

  // The value of the non-extra field `role`, or nullptr when absent or empty.
  const RawField* Field(const std::string& role) const;
};

// A typed key/value kept beside the normalised fields. `type` is one of "text", "number", "bool",
// "date" (YYYY-MM-DD), "datetime" (UTC, RFC 3339 with Z).
struct Attribute {
  std::string key;
  std::string type;
  std::string value;
};

// A link from a record to something it speaks of: a catalog item (`target` "iso27001:2022#A.5.1"),
// a CI, a service or another record (`target` "<source>/<native id>" or a native name).
struct Link {
  std::string relation;  // "implements", "ci", "service", "related", "known-error", ...
  std::string target;
};

// Where one normalised value came from: the native value and the rule that translated it.
// `rule_id` is empty when the value was unknown (then `value` of the field stays the raw value
// and the field is counted as unmapped).
struct FieldOrigin {
  std::string field;
  std::string native_value;
  std::string rule_id;
};

struct Provenance {
  std::string source;
  std::string native_id;
  std::string native_kind;
  std::string location;
  std::vector<FieldOrigin> origins;
  int64_t fetched_at = 0;    // Unix seconds, UTC
  std::string content_hash;  // SHA-256 (hex) of the raw record: a changed hash is a new version
};

// The canonical record in the ISO/IEC 20000-1:2018 vocabulary (DESIGN.md §6). Empty strings and
// absent times mean "the source did not say".
struct Record {
  std::string kind;  // slug: incident, service-request, problem, change, control, risk, ...
  std::string title;
  std::string status;
  std::string priority;
  std::string impact;
  std::string urgency;
  // Unix seconds, UTC. `effective` is the date the evidence speaks of (e.g. the date a control was
  // last reviewed, an audit was held, an incident opened), not when it was fetched.
  std::optional<int64_t> opened, updated, resolved, closed, effective;
  // The names of those times ("effective", "opened") that are calendar dates: the source wrote a
  // date without a time of day, stored as midnight UTC of that date and never shifted by a time
  // zone (a report in Asia/Tokyo or America/New_York keeps 13 June on 13 June).
  std::vector<std::string> calendar_dates;
  std::vector<Link> links;
  std::vector<Attribute> attributes;
  Provenance provenance;

  const Attribute* FindAttribute(const std::string& key) const;
  // True when the time `field` ("effective") is in calendar_dates.
  bool IsCalendarDate(absl::string_view field) const;
};

// How the records of one source are read: set once per source from its preset and configuration.
struct SourceShape {
  std::string source;             // source name, the first half of the record key
  std::string vocabulary = "common";
  std::string default_kind;       // the kind when no field or native kind says otherwise
  std::string default_kind_rule;  // provenance of default_kind, e.g. "preset:isms-soa"
  std::vector<std::string> effective_from;  // roles tried in order for the effective date
  std::string effective_rule;     // provenance prefix for the effective date, e.g. "preset:isms-soa"
  std::string catalog;            // catalog of refs when the record does not name one
  int utc_offset_seconds = 0;     // zone of date-times written without an offset
  // Or an IANA zone (Asia/Tokyo, Europe/London): such a wall-clock time takes the zone's offset
  // at that time (summer time included); set, it takes the place of utc_offset_seconds.
  std::optional<absl::TimeZone> time_zone;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_RECORD_H_
