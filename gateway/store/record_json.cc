#include "gateway/store/record_json.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_text.h"
#include "gateway/core/status_macros.h"
#include "nlohmann/json.hpp"

namespace crosswalk {
namespace {

using nlohmann::json;

void GetTime(const json& in, const char* key, std::optional<int64_t>& value) {
  auto it = in.find(key);
  if (it != in.end() && it->is_number_integer()) value = it->get<int64_t>();
}

std::string GetString(const json& in, const char* key) {
  auto it = in.find(key);
  return it != in.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The value an origin of `field` would hold were its native value written as is: the record's own
// text field of that name, else the first attribute under that key; nullptr when neither exists.
const std::string* CanonicalValue(const Record& record, absl::string_view field) {
  if (field == "kind") return &record.kind;
  if (field == "title") return &record.title;
  if (field == "status") return &record.status;
  if (field == "priority") return &record.priority;
  if (field == "impact") return &record.impact;
  if (field == "urgency") return &record.urgency;
  for (const Attribute& attribute : record.attributes) {
    if (attribute.key == field) return &attribute.value;
  }
  return nullptr;
}

// True when v2 writes `origin` without its native value: a rule translated it (an unmapped value,
// whose rule id is empty, is always written out) and the value it gave is the native value itself.
bool NativeValueIsCanonical(const Record& record, const FieldOrigin& origin) {
  if (origin.rule_id.empty() || origin.native_value.empty()) return false;
  const std::string* canonical = CanonicalValue(record, origin.field);
  return canonical != nullptr && *canonical == origin.native_value;
}

// An origin: [field, native value, rule id], or (v2) [field, rule id] when the native value is the
// field's canonical value in `record` (read first).
absl::StatusOr<FieldOrigin> ReadOrigin(const json& o, const Record& record) {
  if (o.size() != 2) return FieldOrigin{o.at(0).get<std::string>(), o.at(1).get<std::string>(), o.at(2).get<std::string>()};
  const std::string field = o.at(0).get<std::string>();
  const std::string* canonical = CanonicalValue(record, field);
  if (canonical == nullptr) {
    return absl::DataLossError(absl::StrCat("stored record is not readable: origin ", o.dump(), " names no field of the record"));
  }
  return FieldOrigin{field, *canonical, o.at(1).get<std::string>()};
}

// The member names of one body layout. An attribute is [key, type, value] in v1 and [key, value]
// (text) or [key, value, type] in v2.
struct BodyKeys {
  bool v2;
  const char *kind, *title, *status, *priority, *impact, *urgency;
  const char *opened, *updated, *resolved, *closed, *effective, *calendar_dates, *links, *attributes;
  const char* provenance;  // the object holding the members below
  const char *source, *native_id, *native_kind, *location, *fetched_at, *content_hash, *origins;
};
// The body before v2 (no "v").
constexpr BodyKeys kV1 = {false, "kind", "title", "status", "priority", "impact", "urgency", "opened", "updated",
                          "resolved", "closed", "effective", "calendar_dates", "links", "attributes", "provenance",
                          "source", "native_id", "native_kind", "location", "fetched_at", "content_hash", "origins"};
constexpr BodyKeys kV2 = {true, "k", "t", "s", "p", "i", "u", "op", "up", "re", "cl", "ef", "cd", "ln", "at", "pv",
                          "s", "n", "k", "l", "f", "h", "o"};

absl::StatusOr<Record> ReadBody(const json& in, const BodyKeys& keys) {
  Record record;
  record.kind = GetString(in, keys.kind);
  record.title = GetString(in, keys.title);
  record.status = GetString(in, keys.status);
  record.priority = GetString(in, keys.priority);
  record.impact = GetString(in, keys.impact);
  record.urgency = GetString(in, keys.urgency);
  GetTime(in, keys.opened, record.opened);
  GetTime(in, keys.updated, record.updated);
  GetTime(in, keys.resolved, record.resolved);
  GetTime(in, keys.closed, record.closed);
  GetTime(in, keys.effective, record.effective);
  if (auto it = in.find(keys.calendar_dates); it != in.end()) {
    for (const json& name : *it) record.calendar_dates.push_back(name.get<std::string>());
  }
  if (auto it = in.find(keys.links); it != in.end()) {
    for (const json& link : *it) record.links.push_back({link.at(0).get<std::string>(), link.at(1).get<std::string>()});
  }
  if (auto it = in.find(keys.attributes); it != in.end()) {
    for (const json& a : *it) {
      if (!keys.v2) {
        record.attributes.push_back({a.at(0).get<std::string>(), a.at(1).get<std::string>(), a.at(2).get<std::string>()});
      } else {
        record.attributes.push_back({a.at(0).get<std::string>(), a.size() == 2 ? "text" : a.at(2).get<std::string>(),
                                     a.at(1).get<std::string>()});
      }
    }
  }
  const json& p = in.at(keys.provenance);
  Provenance& provenance = record.provenance;
  provenance.source = GetString(p, keys.source);
  provenance.native_id = GetString(p, keys.native_id);
  provenance.native_kind = GetString(p, keys.native_kind);
  provenance.location = GetString(p, keys.location);
  provenance.fetched_at = p.value(keys.fetched_at, int64_t{0});
  provenance.content_hash = GetString(p, keys.content_hash);
  if (auto it = p.find(keys.origins); it != p.end()) {
    for (const json& o : *it) {
      CW_ASSIGN_OR_RETURN(FieldOrigin origin, ReadOrigin(o, record));
      provenance.origins.push_back(std::move(origin));
    }
  }
  return record;
}

}  // namespace

// Written by hand rather than through a JSON DOM: this runs once per stored record and is on the
// ingest path's critical line (tools/bench ingest). RecordFromJson reads it back with nlohmann.
// The layout (v2) is described in docs/store.md, "The stored record".
std::string RecordToJson(const Record& record) {
  std::string out;
  out.reserve(640);
  bool first = true;
  auto key = [&](absl::string_view name) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(&out, name);
    out.push_back(':');
  };
  auto text = [&](absl::string_view name, const std::string& value, bool always = false) {
    if (value.empty() && !always) return;
    key(name);
    AppendJsonString(&out, value);
  };
  auto number = [&](absl::string_view name, const std::optional<int64_t>& value) {
    if (!value) return;
    key(name);
    absl::StrAppend(&out, *value);
  };
  auto tuple = [&](std::initializer_list<absl::string_view> items) {
    out.push_back('[');
    bool first_item = true;
    for (absl::string_view item : items) {
      if (!first_item) out.push_back(',');
      first_item = false;
      AppendJsonString(&out, item);
    }
    out.push_back(']');
  };
  // A list under `name` of tuples made by `item(element)`; nothing when `items` is empty.
  auto list = [&](absl::string_view name, const auto& items, const auto& item) {
    if (items.empty()) return;
    key(name);
    out.push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out.push_back(',');
      item(items[i]);
    }
    out.push_back(']');
  };
  out.append("{\"v\":2");
  first = false;
  text(kV2.kind, record.kind, /*always=*/true);
  text(kV2.title, record.title);
  text(kV2.status, record.status);
  text(kV2.priority, record.priority);
  text(kV2.impact, record.impact);
  text(kV2.urgency, record.urgency);
  number(kV2.opened, record.opened);
  number(kV2.updated, record.updated);
  number(kV2.resolved, record.resolved);
  number(kV2.closed, record.closed);
  number(kV2.effective, record.effective);
  list(kV2.calendar_dates, record.calendar_dates, [&](const std::string& name) { AppendJsonString(&out, name); });
  list(kV2.links, record.links, [&](const Link& link) { tuple({link.relation, link.target}); });
  list(kV2.attributes, record.attributes, [&](const Attribute& a) {
    if (a.type == "text") {
      tuple({a.key, a.value});
    } else {
      tuple({a.key, a.value, a.type});
    }
  });
  const Provenance& p = record.provenance;
  key(kV2.provenance);
  out.push_back('{');
  first = true;
  text(kV2.source, p.source, true);
  text(kV2.native_id, p.native_id, true);
  text(kV2.native_kind, p.native_kind);
  text(kV2.location, p.location);
  number(kV2.fetched_at, p.fetched_at);
  text(kV2.content_hash, p.content_hash);
  list(kV2.origins, p.origins, [&](const FieldOrigin& o) {
    if (NativeValueIsCanonical(record, o)) {
      tuple({o.field, o.rule_id});
    } else {
      tuple({o.field, o.native_value, o.rule_id});
    }
  });
  out.append("}}");
  return out;
}

absl::StatusOr<Record> RecordFromJson(const std::string& text) {
  try {
    const json in = json::parse(text);
    auto version = in.find("v");
    if (version == in.end()) return ReadBody(in, kV1);
    if (*version == 2) return ReadBody(in, kV2);
    return absl::DataLossError(absl::StrCat("stored record is not readable: unknown body version ", version->dump()));
  } catch (const json::exception& e) {
    return absl::DataLossError(absl::StrCat("stored record is not readable: ", e.what()));
  }
}

bool SameNormalisedBody(const std::string& stored, const Record& record, const std::string& body) {
  absl::StatusOr<Record> before = RecordFromJson(stored);
  if (!before.ok()) return false;
  before->provenance.fetched_at = record.provenance.fetched_at;
  return RecordToJson(*before) == body;
}

std::string EncodeUnmapped(const UnmappedPairs& unmapped) {
  std::string out = "[";
  for (size_t i = 0; i < unmapped.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('[');
    AppendJsonString(&out, unmapped[i].first);
    out.push_back(',');
    AppendJsonString(&out, unmapped[i].second);
    out.push_back(']');
  }
  out.push_back(']');
  return out;
}

absl::StatusOr<UnmappedPairs> DecodeUnmapped(const std::string& text) {
  UnmappedPairs out;
  if (text.empty()) return out;
  try {
    for (const nlohmann::json& pair : nlohmann::json::parse(text)) {
      out.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    return absl::DataLossError(absl::StrCat("stored unmapped values are not readable: ", e.what()));
  }
  return out;
}

}  // namespace crosswalk
