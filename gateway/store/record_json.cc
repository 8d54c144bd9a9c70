#include "gateway/store/record_json.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_cursor.h"
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

// The member names of one body layout. An attribute is [key, type, value] in v1 and [key, value]
// (text) or [key, value, type] in v2.
struct BodyKeys {
  const char *kind, *title, *status, *priority, *impact, *urgency;
  const char *opened, *updated, *resolved, *closed, *effective, *calendar_dates, *links, *attributes;
  const char* provenance;  // the object holding the members below
  const char *source, *native_id, *native_kind, *location, *fetched_at, *content_hash, *origins;
};
// The body before v2 (no "v").
constexpr BodyKeys kV1 = {"kind", "title", "status", "priority", "impact", "urgency", "opened", "updated",
                          "resolved", "closed", "effective", "calendar_dates", "links", "attributes", "provenance",
                          "source", "native_id", "native_kind", "location", "fetched_at", "content_hash", "origins"};
constexpr BodyKeys kV2 = {"k", "t", "s", "p", "i", "u", "op", "up", "re", "cl", "ef", "cd", "ln", "at", "pv",
                          "s", "n", "k", "l", "f", "h", "o"};

// A body written before v2, through a JSON DOM (rare: only records not stored again since).
absl::StatusOr<Record> ReadV1Body(const std::string& text) {
  try {
    const json in = json::parse(text);
    Record record;
    record.kind = GetString(in, kV1.kind);
    record.title = GetString(in, kV1.title);
    record.status = GetString(in, kV1.status);
    record.priority = GetString(in, kV1.priority);
    record.impact = GetString(in, kV1.impact);
    record.urgency = GetString(in, kV1.urgency);
    GetTime(in, kV1.opened, record.opened);
    GetTime(in, kV1.updated, record.updated);
    GetTime(in, kV1.resolved, record.resolved);
    GetTime(in, kV1.closed, record.closed);
    GetTime(in, kV1.effective, record.effective);
    if (auto it = in.find(kV1.calendar_dates); it != in.end()) {
      for (const json& name : *it) record.calendar_dates.push_back(name.get<std::string>());
    }
    if (auto it = in.find(kV1.links); it != in.end()) {
      for (const json& link : *it) record.links.push_back({link.at(0).get<std::string>(), link.at(1).get<std::string>()});
    }
    if (auto it = in.find(kV1.attributes); it != in.end()) {
      for (const json& a : *it) {
        record.attributes.push_back({a.at(0).get<std::string>(), a.at(1).get<std::string>(), a.at(2).get<std::string>()});
      }
    }
    const json& p = in.at(kV1.provenance);
    Provenance& provenance = record.provenance;
    provenance.source = GetString(p, kV1.source);
    provenance.native_id = GetString(p, kV1.native_id);
    provenance.native_kind = GetString(p, kV1.native_kind);
    provenance.location = GetString(p, kV1.location);
    if (auto it = p.find(kV1.fetched_at); it != p.end()) {
      if (!it->is_number_integer()) return absl::DataLossError("stored record is not readable: fetched_at is not an integer");
      provenance.fetched_at = it->get<int64_t>();
    }
    provenance.content_hash = GetString(p, kV1.content_hash);
    if (auto it = p.find(kV1.origins); it != p.end()) {
      for (const json& o : *it) {
        provenance.origins.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>(), o.at(2).get<std::string>()});
      }
    }
    return record;
  } catch (const json::exception& e) {
    return absl::DataLossError(absl::StrCat("stored record is not readable: ", e.what()));
  }
}

// Reads a JSON array of 2 or 3 strings into items[0..2]; *count is how many.
bool ReadTuple(JsonCursor& in, std::string (&items)[3], int* count) {
  return in.StringArray(items, 3, count) && *count >= 2;
}

bool ReadTime(JsonCursor& in, std::optional<int64_t>& value) {
  int64_t read = 0;
  if (!in.Int64(&read)) return false;
  value = read;
  return true;
}

// An origin as v2 writes it: `native` is unset when the body left it out (the field's canonical
// value), to be filled once the whole record is read.
struct PendingOrigin {
  std::string field;
  std::optional<std::string> native;
  std::string rule_id;
};

// A term id where v3 may refer to a term: a non-negative integer.
bool ReadTermRef(JsonCursor& in, TermTexts* terms, const BodyTerm** term, absl::Status* error) {
  int64_t id = 0;
  if (!in.Int64(&id)) return false;
  if (terms == nullptr) {
    *error = absl::DataLossError(absl::StrCat("stored record is not readable: it refers to body term ", id,
                                              " and no term table was given"));
    return false;
  }
  absl::StatusOr<const BodyTerm*> found = terms->TermOf(id);
  if (!found.ok()) {
    *error = found.status();
    return false;
  }
  *term = *found;
  return true;
}

// A location: text, or (v3) [term id of the text before its line number, the number].
bool ReadLocation(JsonCursor& in, TermTexts* terms, std::string* location, absl::Status* error) {
  if (in.Peek() != '[') return in.String(location);
  const BodyTerm* prefix = nullptr;
  std::string number;
  if (!in.Enter('[') || !in.NextElement() || !ReadTermRef(in, terms, &prefix, error) || !in.NextElement() ||
      !in.String(&number) || in.NextElement()) {
    return false;
  }
  *location = absl::StrCat(prefix->text, number);
  return in.ok();
}

bool ReadProvenance(JsonCursor& in, TermTexts* terms, Provenance& p, std::vector<PendingOrigin>& origins,
                    absl::Status* error) {
  if (!in.Enter('{')) return false;
  std::string key;
  std::string items[3];
  int count = 0;
  while (in.NextMember(&key)) {
    bool read = true;
    if (key == kV2.source) {
      read = in.String(&p.source);
    } else if (key == kV2.native_id) {
      read = in.String(&p.native_id);
    } else if (key == kV2.native_kind) {
      read = in.String(&p.native_kind);
    } else if (key == kV2.location) {
      read = ReadLocation(in, terms, &p.location, error);
    } else if (key == kV2.fetched_at) {
      read = in.Int64(&p.fetched_at);
    } else if (key == kV2.content_hash) {
      read = in.String(&p.content_hash);
    } else if (key == kV2.origins) {
      read = in.Enter('[');
      while (read && in.NextElement()) {
        PendingOrigin& origin = origins.emplace_back();
        if (in.Peek() != '[') {
          const BodyTerm* term = nullptr;
          read = ReadTermRef(in, terms, &term, error);
          if (read && !term->origin) {
            *error = absl::DataLossError("stored record is not readable: an origin refers to a body term that is no origin");
            read = false;
          }
          if (read) {
            origin.field = term->origin->field;
            origin.native = term->origin->native_value;
            origin.rule_id = term->origin->rule_id;
          }
          continue;
        }
        read = ReadTuple(in, items, &count);
        if (!read) break;
        origin.field = std::move(items[0]);
        if (count == 2) {
          origin.rule_id = std::move(items[1]);
        } else {
          origin.native = std::move(items[1]);
          origin.rule_id = std::move(items[2]);
        }
      }
    } else {
      read = in.Skip();
    }
    if (!read) return false;
  }
  return in.ok();
}

// An attribute: [key, value] (text) or [key, value, type]; in v3 the key may be a term id.
bool ReadAttribute(JsonCursor& in, TermTexts* terms, std::vector<Attribute>& attributes, absl::Status* error) {
  Attribute& a = attributes.emplace_back();
  if (!in.Enter('[') || !in.NextElement()) return false;
  if (in.Peek() == '"') {
    if (!in.String(&a.key)) return false;
  } else {
    const BodyTerm* key = nullptr;
    if (!ReadTermRef(in, terms, &key, error)) return false;
    a.key = key->text;
  }
  if (!in.NextElement() || !in.String(&a.value)) return false;
  if (in.NextElement()) {
    if (!in.String(&a.type) || in.NextElement()) return false;
  } else {
    a.type = "text";
  }
  return in.ok();
}

// A v2 or v3 body (docs/store.md, "The stored record") through a pull reader: this runs once per
// record a report, an export or a listing reads, so it builds the Record directly, without a DOM.
// Members may come in any order; unknown members are skipped. NOT_FOUND when the text is a JSON
// object without "v" (a body written before v2). A v3 body takes native id and content hash from
// `row`.
absl::StatusOr<Record> ReadCompactBody(const std::string& text, const StoredRowKey& row, TermTexts* terms) {
  JsonCursor in(text);
  absl::Status error;
  int64_t version = 0;
  Record record;
  std::vector<PendingOrigin> origins;
  bool versioned = false, has_provenance = false;
  std::string key;
  std::string items[3];
  int count = 0;
  bool read = in.Enter('{');
  while (read && in.NextMember(&key)) {
    if (key == "v") {
      read = in.Int64(&version);
      if (read && version != 2 && version != 3) {
        return absl::DataLossError(absl::StrCat("stored record is not readable: unknown body version ", version));
      }
      versioned = true;
    } else if (key == kV2.kind) {
      read = in.String(&record.kind);
    } else if (key == kV2.title) {
      read = in.String(&record.title);
    } else if (key == kV2.status) {
      read = in.String(&record.status);
    } else if (key == kV2.priority) {
      read = in.String(&record.priority);
    } else if (key == kV2.impact) {
      read = in.String(&record.impact);
    } else if (key == kV2.urgency) {
      read = in.String(&record.urgency);
    } else if (key == kV2.opened) {
      read = ReadTime(in, record.opened);
    } else if (key == kV2.updated) {
      read = ReadTime(in, record.updated);
    } else if (key == kV2.resolved) {
      read = ReadTime(in, record.resolved);
    } else if (key == kV2.closed) {
      read = ReadTime(in, record.closed);
    } else if (key == kV2.effective) {
      read = ReadTime(in, record.effective);
    } else if (key == kV2.calendar_dates) {
      read = in.Enter('[');
      while (read && in.NextElement()) read = in.String(&record.calendar_dates.emplace_back());
    } else if (key == kV2.links) {
      read = in.Enter('[');
      while (read && in.NextElement()) {
        read = ReadTuple(in, items, &count) && count == 2;
        if (read) record.links.push_back({std::move(items[0]), std::move(items[1])});
      }
    } else if (key == kV2.attributes) {
      read = in.Enter('[');
      while (read && in.NextElement()) read = ReadAttribute(in, terms, record.attributes, &error);
    } else if (key == kV2.provenance) {
      read = ReadProvenance(in, terms, record.provenance, origins, &error);
      has_provenance = true;
    } else {
      read = in.Skip();
    }
  }
  if (!error.ok()) return error;
  if (!read || !in.ok() || !in.AtEnd()) {
    return absl::DataLossError(absl::StrCat("stored record is not readable: not a body at byte ", in.error_offset()));
  }
  if (!versioned) return absl::NotFoundError("no body version");
  if (!has_provenance) return absl::DataLossError("stored record is not readable: no provenance");
  if (version >= 3) {
    record.provenance.native_id = std::string(row.native_id);
    record.provenance.content_hash = std::string(row.content_hash);
  }
  record.provenance.origins.reserve(origins.size());
  for (PendingOrigin& origin : origins) {
    if (!origin.native) {
      const std::string* canonical = CanonicalValue(record, origin.field);
      if (canonical == nullptr) {
        return absl::DataLossError(absl::StrCat("stored record is not readable: origin of \"", origin.field,
                                                "\" without its native value names no field of the record"));
      }
      origin.native = *canonical;
    }
    record.provenance.origins.push_back({std::move(origin.field), std::move(*origin.native), std::move(origin.rule_id)});
  }
  return record;
}

// The longest text kept as a body term: longer text (a free-text native value, a long URL) is
// written where it is used, so the term table stays small.
constexpr size_t kMaxTermBytes = 256;

// The part of a location kept as a term: everything before its trailing digits ("incidents.json
// line " of "incidents.json line 2").
absl::string_view LocationPrefix(absl::string_view location) {
  size_t end = location.size();
  while (end > 0 && location[end - 1] >= '0' && location[end - 1] <= '9') --end;
  return location.substr(0, end);
}

// An origin's term: the JSON array [field, native value, rule id].
std::string OriginTerm(const FieldOrigin& o) {
  std::string term = "[";
  AppendJsonString(&term, o.field);
  term.push_back(',');
  AppendJsonString(&term, o.native_value);
  term.push_back(',');
  AppendJsonString(&term, o.rule_id);
  term.push_back(']');
  return term;
}

// Written by hand rather than through a JSON DOM: this runs once per stored record and is on the
// ingest path's critical line (tools/bench ingest). ReadCompactBody reads it back with JsonCursor.
// The layout (v3) is described in docs/store.md, "The stored record". With `terms`, recurring text
// is written as term ids; without, everything is written out.
absl::StatusOr<std::string> EncodeBody(const Record& record, TermIds* terms) {
  std::string out;
  out.reserve(384);
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
  // The id of `term` when it is to be written as one, else nullopt.
  auto term_id = [&](absl::string_view term) -> absl::StatusOr<std::optional<int64_t>> {
    if (terms == nullptr || term.empty() || term.size() > kMaxTermBytes) return std::optional<int64_t>();
    absl::StatusOr<int64_t> id = terms->IdOf(term);
    if (!id.ok()) return id.status();
    if (*id == 0) return std::optional<int64_t>();  // the table is full
    return std::optional<int64_t>(*id);
  };
  // A list under `name` of items written by `item(element)` (which may fail); nothing when empty.
  auto list = [&](absl::string_view name, const auto& items, const auto& item) -> absl::Status {
    if (items.empty()) return absl::OkStatus();
    key(name);
    out.push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out.push_back(',');
      CW_RETURN_IF_ERROR(item(items[i]));
    }
    out.push_back(']');
    return absl::OkStatus();
  };
  out.append("{\"v\":3");
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
  CW_RETURN_IF_ERROR(list(kV2.calendar_dates, record.calendar_dates, [&](const std::string& name) {
    AppendJsonString(&out, name);
    return absl::OkStatus();
  }));
  CW_RETURN_IF_ERROR(list(kV2.links, record.links, [&](const Link& link) {
    tuple({link.relation, link.target});
    return absl::OkStatus();
  }));
  CW_RETURN_IF_ERROR(list(kV2.attributes, record.attributes, [&](const Attribute& a) -> absl::Status {
    CW_ASSIGN_OR_RETURN(const std::optional<int64_t> id, term_id(a.key));
    out.push_back('[');
    if (id) absl::StrAppend(&out, *id); else AppendJsonString(&out, a.key);
    out.push_back(',');
    AppendJsonString(&out, a.value);
    if (a.type != "text") {
      out.push_back(',');
      AppendJsonString(&out, a.type);
    }
    out.push_back(']');
    return absl::OkStatus();
  }));
  // Native id and content hash are the row's key and hash columns: v3 leaves them out. The source
  // stays: a source removed with its records kept moves them to another key (RemoveSource).
  const Provenance& p = record.provenance;
  key(kV2.provenance);
  out.push_back('{');
  first = true;
  text(kV2.source, p.source, true);
  text(kV2.native_kind, p.native_kind);
  if (!p.location.empty()) {
    const absl::string_view prefix = LocationPrefix(p.location);
    CW_ASSIGN_OR_RETURN(const std::optional<int64_t> id, term_id(prefix));
    key(kV2.location);
    if (id) {
      absl::StrAppend(&out, "[", *id, ",");
      AppendJsonString(&out, absl::string_view(p.location).substr(prefix.size()));
      out.push_back(']');
    } else {
      AppendJsonString(&out, p.location);
    }
  }
  number(kV2.fetched_at, p.fetched_at);
  CW_RETURN_IF_ERROR(list(kV2.origins, p.origins, [&](const FieldOrigin& o) -> absl::Status {
    // An origin no rule translated is an unmapped value: always written out, never a term.
    if (!o.rule_id.empty()) {
      CW_ASSIGN_OR_RETURN(const std::optional<int64_t> id, term_id(OriginTerm(o)));
      if (id) {
        absl::StrAppend(&out, *id);
        return absl::OkStatus();
      }
    }
    if (NativeValueIsCanonical(record, o)) {
      tuple({o.field, o.rule_id});
    } else {
      tuple({o.field, o.native_value, o.rule_id});
    }
    return absl::OkStatus();
  }));
  out.append("}}");
  return out;
}

}  // namespace

std::string RecordToJson(const Record& record) { return *EncodeBody(record, nullptr); }

absl::StatusOr<std::string> RecordToJson(const Record& record, TermIds& terms) { return EncodeBody(record, &terms); }

absl::StatusOr<Record> RecordFromJson(const std::string& text, const StoredRowKey& row, TermTexts* terms) {
  absl::StatusOr<Record> record = ReadCompactBody(text, row, terms);
  if (absl::IsNotFound(record.status())) return ReadV1Body(text);
  return record;
}

bool SameNormalisedBody(const std::string& stored, const StoredRowKey& row, TermTexts* terms, const Record& record) {
  absl::StatusOr<Record> before = RecordFromJson(stored, row, terms);
  if (!before.ok()) return false;
  before->provenance.fetched_at = record.provenance.fetched_at;
  return RecordToJson(*before) == RecordToJson(record);
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
