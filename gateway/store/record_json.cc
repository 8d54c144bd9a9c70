#include "gateway/store/record_json.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_text.h"
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

}  // namespace

// Written by hand rather than through a JSON DOM: this runs once per stored record and is on the
// ingest path's critical line (tools/bench ingest). RecordFromJson reads it back with nlohmann.
std::string RecordToJson(const Record& record) {
  std::string out;
  out.reserve(1024);
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
  out.push_back('{');
  text("kind", record.kind, /*always=*/true);
  text("title", record.title);
  text("status", record.status);
  text("priority", record.priority);
  text("impact", record.impact);
  text("urgency", record.urgency);
  number("opened", record.opened);
  number("updated", record.updated);
  number("resolved", record.resolved);
  number("closed", record.closed);
  number("effective", record.effective);
  if (!record.calendar_dates.empty()) {
    key("calendar_dates");
    out.push_back('[');
    for (size_t i = 0; i < record.calendar_dates.size(); ++i) {
      if (i > 0) out.push_back(',');
      AppendJsonString(&out, record.calendar_dates[i]);
    }
    out.push_back(']');
  }
  if (!record.links.empty()) {
    key("links");
    out.push_back('[');
    for (size_t i = 0; i < record.links.size(); ++i) {
      if (i > 0) out.push_back(',');
      tuple({record.links[i].relation, record.links[i].target});
    }
    out.push_back(']');
  }
  if (!record.attributes.empty()) {
    key("attributes");
    out.push_back('[');
    for (size_t i = 0; i < record.attributes.size(); ++i) {
      if (i > 0) out.push_back(',');
      const Attribute& a = record.attributes[i];
      tuple({a.key, a.type, a.value});
    }
    out.push_back(']');
  }
  const Provenance& p = record.provenance;
  key("provenance");
  out.push_back('{');
  first = true;
  text("source", p.source, true);
  text("native_id", p.native_id, true);
  text("native_kind", p.native_kind, true);
  text("location", p.location, true);
  number("fetched_at", p.fetched_at);
  text("content_hash", p.content_hash, true);
  key("origins");
  out.push_back('[');
  for (size_t i = 0; i < p.origins.size(); ++i) {
    if (i > 0) out.push_back(',');
    tuple({p.origins[i].field, p.origins[i].native_value, p.origins[i].rule_id});
  }
  out.append("]}}");
  return out;
}

absl::StatusOr<Record> RecordFromJson(const std::string& text) {
  try {
    const json in = json::parse(text);
    Record record;
    record.kind = GetString(in, "kind");
    record.title = GetString(in, "title");
    record.status = GetString(in, "status");
    record.priority = GetString(in, "priority");
    record.impact = GetString(in, "impact");
    record.urgency = GetString(in, "urgency");
    GetTime(in, "opened", record.opened);
    GetTime(in, "updated", record.updated);
    GetTime(in, "resolved", record.resolved);
    GetTime(in, "closed", record.closed);
    GetTime(in, "effective", record.effective);
    if (auto it = in.find("calendar_dates"); it != in.end()) {
      for (const json& name : *it) record.calendar_dates.push_back(name.get<std::string>());
    }
    if (auto it = in.find("links"); it != in.end()) {
      for (const json& link : *it) record.links.push_back({link.at(0).get<std::string>(), link.at(1).get<std::string>()});
    }
    if (auto it = in.find("attributes"); it != in.end()) {
      for (const json& a : *it) {
        record.attributes.push_back({a.at(0).get<std::string>(), a.at(1).get<std::string>(), a.at(2).get<std::string>()});
      }
    }
    const json& p = in.at("provenance");
    Provenance& provenance = record.provenance;
    provenance.source = GetString(p, "source");
    provenance.native_id = GetString(p, "native_id");
    provenance.native_kind = GetString(p, "native_kind");
    provenance.location = GetString(p, "location");
    provenance.fetched_at = p.value("fetched_at", int64_t{0});
    provenance.content_hash = GetString(p, "content_hash");
    for (const json& o : p.at("origins")) {
      provenance.origins.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>(), o.at(2).get<std::string>()});
    }
    return record;
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
