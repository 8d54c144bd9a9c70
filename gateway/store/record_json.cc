#include "gateway/store/record_json.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace crosswalk {
namespace {

using nlohmann::json;

void PutTime(json& out, const char* key, const std::optional<int64_t>& value) {
  if (value) out[key] = *value;
}

void GetTime(const json& in, const char* key, std::optional<int64_t>& value) {
  auto it = in.find(key);
  if (it != in.end() && it->is_number_integer()) value = it->get<int64_t>();
}

std::string GetString(const json& in, const char* key) {
  auto it = in.find(key);
  return it != in.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string RecordToJson(const Record& record) {
  json out;
  out["kind"] = record.kind;
  if (!record.title.empty()) out["title"] = record.title;
  if (!record.status.empty()) out["status"] = record.status;
  if (!record.priority.empty()) out["priority"] = record.priority;
  if (!record.impact.empty()) out["impact"] = record.impact;
  if (!record.urgency.empty()) out["urgency"] = record.urgency;
  PutTime(out, "opened", record.opened);
  PutTime(out, "updated", record.updated);
  PutTime(out, "resolved", record.resolved);
  PutTime(out, "closed", record.closed);
  PutTime(out, "effective", record.effective);
  if (!record.links.empty()) {
    json& links = out["links"] = json::array();
    for (const Link& link : record.links) links.push_back({link.relation, link.target});
  }
  if (!record.attributes.empty()) {
    json& attributes = out["attributes"] = json::array();
    for (const Attribute& a : record.attributes) attributes.push_back({a.key, a.type, a.value});
  }
  const Provenance& p = record.provenance;
  json& provenance = out["provenance"];
  provenance["source"] = p.source;
  provenance["native_id"] = p.native_id;
  provenance["native_kind"] = p.native_kind;
  provenance["location"] = p.location;
  provenance["fetched_at"] = p.fetched_at;
  provenance["content_hash"] = p.content_hash;
  json& origins = provenance["origins"] = json::array();
  for (const FieldOrigin& o : p.origins) origins.push_back({o.field, o.native_value, o.rule_id});
  // Invalid UTF-8 cannot reach here (readers reject it), but never throw on it.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
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

}  // namespace crosswalk
