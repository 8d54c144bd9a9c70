#include "gateway/normalize/normalizer.h"

#include <cstdlib>
#include <set>

#include <algorithm>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/sha256.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

// Roles that fill the record's own columns rather than attributes.
const std::set<std::string>& RecordRoles() {
  static const auto* roles = new std::set<std::string>{
      "native_id", "native_kind", "kind", "title", "status", "priority", "impact", "urgency",
      "opened", "updated", "resolved", "closed", "effective", "catalog"};
  return *roles;
}

// Link relation for a ref-typed role.
std::string RefRelation(const std::string& role) {
  if (role == "control_ref") return "implements";
  if (role == "clause") return "clause";
  return "related-control";
}

// "tickets.csv line 7, column 4 (opened): …": the record's location, then the field's position in
// it, named by the source's header, and the role read from it when the header is another word:
// "column 7 (監査実施日) read as audit_date: …", "cell A3 (管理策番号) read as control_ref: …".
absl::Status FieldError(const RawRecord& raw, const RawField& field, absl::string_view what) {
  const bool header = !field.header.empty() && HeaderKey(field.header) != HeaderKey(field.role);
  return absl::InvalidArgumentError(absl::StrCat(
      raw.location, field.where.empty() ? "" : ", ", field.where, " (", header ? field.header : field.role, ")",
      header ? absl::StrCat(" read as ", field.role) : "", ": ", what));
}

// A ref as typed, made comparable: NFKC first (`５．３` → `5.3`, `Ａ.5.3` → `a.5.3`), then an Annex
// prefix with or without its dot (`a5.3`, `a.5.3`) becomes `A.`. Refs that are neither numbers nor
// Annex refs (ITIL slugs, titles) are returned as typed, trimmed.
std::string CanonicalRef(const std::string& ref) {
  std::string key = MatchKey(ref);
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  if (key.size() >= 2 && key[0] == 'a') {
    const size_t digits = key[1] == '.' ? 2 : 1;
    if (digits < key.size() && absl::ascii_isdigit(static_cast<unsigned char>(key[digits]))) {
      return absl::StrCat("A.", key.substr(digits));
    }
  }
  if (!key.empty() && absl::c_all_of(key, [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
    return key;
  }
  return std::string(absl::StripAsciiWhitespace(ref));
}

// True for an ISO/IEC 27001 catalog, whose statement of applicability lists Annex A controls only.
bool HasAnnexControls(const std::string& catalog_id) { return absl::StartsWith(catalog_id, "iso27001:"); }

std::vector<std::string> SplitRefs(const std::string& text) {
  // Separators as typed in English and Japanese spreadsheets: ; , / space, line break, and the
  // ideographic and full-width commas and semicolon.
  std::string plain = text;
  for (const char* wide : {"\xE3\x80\x81", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xE3\x80\x80"}) {
    for (size_t at = plain.find(wide); at != std::string::npos; at = plain.find(wide, at)) plain.replace(at, 3, ";");
  }
  std::vector<std::string> refs;
  for (absl::string_view part : absl::StrSplit(plain, absl::ByAnyChar(";, /\n\r\t"), absl::SkipEmpty())) {
    refs.emplace_back(part);
  }
  return refs;
}

// The readings that can fail, each giving the error for its field.
absl::Status CheckNumber(const RawRecord& raw, const RawField& field, std::string* folded) {
  char* end = nullptr;
  *folded = MatchKey(field.value);
  std::strtod(folded->c_str(), &end);
  if (folded->empty() || end != folded->c_str() + folded->size()) {
    return FieldError(raw, field, absl::StrCat("'", TruncateUtf8(field.value, kQuotedTextBytes), "' is not a number"));
  }
  return absl::OkStatus();
}

// A date or date-time as ParseTimestamp reads it, or an Excel serial (a date cell saved as a
// number: CSV from Excel, an XLSX cell formatted General).
// `date_only` says whether it was a calendar date.
absl::StatusOr<int64_t> CheckDate(const RawRecord& raw, const RawField& field, const SourceShape& shape,
                                  bool* date_only) {
  auto parse = [&field, date_only](int offset) -> absl::StatusOr<int64_t> {
    auto seconds = ParseTimestamp(field.value, offset, date_only);
    if (seconds.ok()) return *seconds;
    if (auto serial = ParseExcelSerial(field.value, offset, date_only)) return *serial;
    return seconds.status();
  };
  auto seconds = parse(shape.time_zone ? 0 : shape.utc_offset_seconds);
  if (!seconds.ok()) return FieldError(raw, field, seconds.status().message());
  if (!shape.time_zone || *date_only) return *seconds;
  // Read at offset 0 the text gave its wall-clock time as if in UTC, unless it named its own
  // offset: the same text read one hour east tells which. A wall-clock time takes the zone's offset
  // at that time (absl picks the earlier reading of a time repeated when summer time ends).
  if (parse(3600).value_or(*seconds) == *seconds) return *seconds;
  const absl::CivilSecond wall = absl::ToCivilSecond(absl::FromUnixSeconds(*seconds), absl::UTCTimeZone());
  return absl::ToUnixSeconds(absl::FromCivil(wall, *shape.time_zone));
}

absl::Status NoNativeId(const RawRecord& raw) {
  return absl::InvalidArgumentError(
      absl::StrCat(raw.location, ": no native id (expected an id column with a value)"));
}

}  // namespace

std::string RawContentHash(const RawRecord& raw, const SourceShape& shape) {
  // One hasher per thread, reset per record: creating an OpenSSL context per record showed in the
  // ingest profile.
  thread_local Sha256 hasher;
  hasher.Reset();
  hasher.Update(shape.vocabulary);
  hasher.Update(absl::string_view("\0", 1));
  hasher.Update(raw.native_kind);
  for (const RawField& field : raw.fields) {
    hasher.Update(absl::string_view("\0", 1));
    hasher.Update(field.role);
    hasher.Update(field.extra ? "\x01" : "\x02");
    hasher.Update(field.value);
  }
  return hasher.HexDigest();
}

Normalizer::Normalizer(const RuleSet* rules, CatalogRefResolver resolver)
    : rules_(rules), resolver_(std::move(resolver)) {}

absl::StatusOr<NormalizedRecord> Normalizer::Normalize(const RawRecord& raw,
                                                       const SourceShape& shape,
                                                       int64_t fetched_at, bool with_hash) const {
  NormalizedRecord out;
  Record& record = out.record;
  Provenance& provenance = record.provenance;
  provenance.source = shape.source;
  provenance.native_kind = raw.native_kind;
  provenance.location = raw.location;
  provenance.fetched_at = fetched_at;
  if (with_hash) provenance.content_hash = RawContentHash(raw, shape);

  // `rule_field` names the rules to use; `field` the record field the value belongs to.
  auto translate = [&](const std::string& field, const std::string& value,
                       const std::string& rule_field = "") -> std::string {
    auto hit = rules_->Translate(shape.vocabulary, raw.native_kind,
                                 rule_field.empty() ? field : rule_field, value);
    provenance.origins.push_back({field, value, hit ? hit->rule_id : ""});
    if (!hit) {
      out.unmapped.push_back({field, value});
      return "";
    }
    return hit->value;
  };

  // Kind: an explicit kind field, else a request type the vocabulary's own request_type rules know
  // (a JSM request type names the kind more precisely than a shared issue type), else the native
  // kind through the vocabulary's own rules, else the preset's kind.
  // The request type is kept as an attribute too (extra), so it is looked up among every field.
  const RawField* request_type = nullptr;
  for (const RawField& field : raw.fields) {
    if (field.role == "request_type" && !field.value.empty()) request_type = &field;
  }
  std::optional<Translation> by_request;
  if (request_type != nullptr && !request_type->value.empty()) {
    by_request = rules_->TranslateOwn(shape.vocabulary, raw.native_kind, "request_type", request_type->value);
  }
  if (const RawField* kind = raw.Field("kind")) {
    record.kind = translate("kind", kind->value);
  } else if (by_request) {
    record.kind = by_request->value;
    provenance.origins.push_back({"kind", request_type->value, by_request->rule_id});
  } else if (auto own = raw.native_kind.empty()
                            ? std::nullopt
                            : rules_->TranslateOwn(shape.vocabulary, raw.native_kind, "kind",
                                                   raw.native_kind)) {
    record.kind = own->value;
    provenance.origins.push_back({"kind", raw.native_kind, own->rule_id});
  } else if (!shape.default_kind.empty()) {
    record.kind = shape.default_kind;
    provenance.origins.push_back({"kind", raw.native_kind, shape.default_kind_rule});
  } else {
    out.unmapped.push_back({"kind", raw.native_kind});
    provenance.origins.push_back({"kind", raw.native_kind, ""});
  }

  // Catalog of the refs: the row's standard column (its words through the catalog rules:
  // "ISMS", "JIS Q 27001" → iso27001:2022; a catalog id as it is), else the source's catalog key,
  // else the preset's. `catalog_from` says which, for errors.
  std::string catalog = shape.catalog;
  std::string catalog_from = "the source's catalog setting";
  if (const RawField* field = raw.Field("catalog"); field != nullptr && !field->value.empty()) {
    auto hit = rules_->Translate(shape.vocabulary, raw.native_kind, "catalog", field->value);
    catalog = hit ? hit->value : std::string(absl::StripAsciiWhitespace(field->value));
    catalog_from = absl::StrCat("the ", field->header.empty() ? field->role : field->header, " column");
    provenance.origins.push_back({"catalog", field->value, hit ? hit->rule_id : "column:catalog"});
  }
  if (const RawField* title = raw.Field("title")) record.title = title->value;
  // A statement-of-applicability entry's status is its implementation, with its own vocabulary
  // (implemented, partially-implemented, planned, not-implemented, not-applicable): 完了 there
  // means the control is in place, not that a ticket was closed.
  if (const RawField* status = raw.Field("status")) {
    record.status = translate("status", status->value, record.kind == "control" ? "implementation" : "");
  }
  if (const RawField* priority = raw.Field("priority")) record.priority = translate("priority", priority->value);
  if (const RawField* impact = raw.Field("impact")) record.impact = translate("impact", impact->value);
  if (const RawField* urgency = raw.Field("urgency")) record.urgency = translate("urgency", urgency->value);

  // Typed values: dates, numbers, flags and refs are read here; every role that is not one of the
  // record's own columns becomes an attribute.
  std::vector<std::pair<std::string, int64_t>> dates;
  std::set<std::string> calendar_dates;  // roles whose value was a date without a time of day
  for (const RawField& field : raw.fields) {
    if (field.value.empty()) continue;
    if (field.extra) {
      // A column no role claims: kept, and listed as unmapped under "(column)" so that a header
      // spelling no preset knows is seen, not lost.
      record.attributes.push_back({field.role, "text", field.value});
      out.unmapped.push_back({"(column)", field.role});
      continue;
    }
    Attribute attribute{field.role, "text", field.value};
    if (field.type == "date" || field.type == "datetime") {
      bool date_only = false;
      auto seconds = CheckDate(raw, field, shape, &date_only);
      if (!seconds.ok()) return seconds.status();
      dates.emplace_back(field.role, *seconds);
      if (date_only) calendar_dates.insert(field.role);
      attribute.type = field.type;
      // The record's own date columns keep the seconds; only attributes need the text.
      if (!RecordRoles().count(field.role)) {
        attribute.value = field.type == "date" ? FormatDate(*seconds) : FormatTimestamp(*seconds);
      }
    } else if (field.type == "number") {
      std::string folded;
      if (absl::Status status = CheckNumber(raw, field, &folded); !status.ok()) return status;
      attribute.type = "number";
      attribute.value = folded;
    } else if (field.type == "flag") {
      const std::string flag = translate(field.role, field.value, "flag");
      if (!flag.empty()) {
        attribute.type = "bool";
        attribute.value = flag;
      }
    } else if (field.type == "ref" || field.type == "refs") {
      if (catalog.empty()) {
        return FieldError(raw, field, "no standard for this ref: add a standard column (e.g. 対象規格 or Standard) or set the source's catalog key");
      }
      for (const std::string& typed : field.type == "ref" ? std::vector<std::string>{field.value}
                                                          : SplitRefs(field.value)) {
        const std::string ref = CanonicalRef(typed);
        std::string catalog_id;
        auto resolved = resolver_ ? resolver_(catalog, ref, field.role == "control_ref" || field.role == "controls", &catalog_id)
                                  : std::nullopt;
        // An SoA row names an Annex A control; a ref that is only a clause of the main body
        // (6.1.2, 4.1) is a mistake in the register, not a control to count.
        if (resolved && field.role == "control_ref" && HasAnnexControls(catalog_id) &&
            !absl::StartsWith(*resolved, "A.")) {
          return FieldError(raw, field, absl::StrCat(
              "'", TruncateUtf8(typed, kQuotedTextBytes), "' is clause ", *resolved, " of ", catalog_id,
              " (from ", catalog_from, "), not an Annex A control; a statement of applicability lists controls such as A.5.1"));
        }
        if (!resolved) {
          out.unmapped.push_back({field.role, catalog.empty() ? ref : absl::StrCat(catalog, "#", ref)});
          provenance.origins.push_back({field.role, ref, ""});
          continue;
        }
        record.links.push_back({RefRelation(field.role), absl::StrCat(catalog_id, "#", *resolved)});
        provenance.origins.push_back({field.role, ref, absl::StrCat("catalog:", catalog_id)});
      }
    }
    if (!RecordRoles().count(field.role)) {
      if (field.role == "ci" || field.role == "service") record.links.push_back({field.role, field.value});
      record.attributes.push_back(std::move(attribute));
    }
  }
  for (const auto& [role, seconds] : dates) {
    if (role == "opened") record.opened = seconds;
    else if (role == "updated") record.updated = seconds;
    else if (role == "resolved") record.resolved = seconds;
    else if (role == "closed") record.closed = seconds;
    else if (role == "effective") record.effective = seconds;
  }
  for (const char* time : {"opened", "updated", "resolved", "closed", "effective"}) {
    if (calendar_dates.count(time)) record.calendar_dates.push_back(time);
  }
  if (!record.effective) {
    for (const std::string& role : shape.effective_from) {
      for (const auto& [date_role, seconds] : dates) {
        if (date_role != role) continue;
        record.effective = seconds;
        if (calendar_dates.count(role)) record.calendar_dates.push_back("effective");
        provenance.origins.push_back({"effective", role, absl::StrCat(shape.effective_rule, ":effective_from:", role)});
        break;
      }
      if (record.effective) break;
    }
  }

  // A statement-of-applicability entry that is not applicable says so in its status, whatever its
  // implementation column holds.
  if (record.kind == "control") {
    const Attribute* applicable = record.FindAttribute("applicable");
    if (applicable != nullptr && applicable->type == "bool" && applicable->value == "false") {
      record.status = "not-applicable";
      provenance.origins.push_back({"status", "applicable=false", "normalizer:soa-not-applicable"});
    }
  }

  // Native id: the connector's, an id column, or for a control the catalog ref it implements.
  provenance.native_id = raw.native_id;
  if (provenance.native_id.empty()) {
    if (const RawField* id = raw.Field("native_id")) provenance.native_id = id->value;
  }
  if (provenance.native_id.empty()) {
    if (const RawField* ref = raw.Field("control_ref")) {
      provenance.native_id = record.links.empty() || record.links.front().relation != "implements"
                                 ? ref->value
                                 : record.links.front().target;
    }
  }
  if (provenance.native_id.empty()) return NoNativeId(raw);
  return out;
}

}  // namespace crosswalk
