#include "gateway/server/preview_convert.h"

#include "absl/status/status.h"
#include "gateway/server/listing_bounds.h"
#include "gateway/server/path_redactor.h"

namespace crosswalk::server {
namespace {

void AddNotes(const std::vector<std::string>& texts, google::protobuf::RepeatedPtrField<std::string>* out) {
  for (const std::string& text : texts) {
    std::string* added = out->Add();
    *added = ClientRedactor().Redact(text);
    CutText(*added, kListedNoteBytes);
  }
}

}  // namespace

v1::PreviewResponse ToProto(const PreviewResult& preview, size_t budget) {
  v1::PreviewResponse out;
  out.set_source(preview.source);
  out.set_outcome(preview.outcome);
  for (const PreviewColumn& column : preview.columns) {
    v1::PreviewColumn* c = out.add_columns();
    c->set_header(column.header);
    c->set_column(column.column);
    c->set_role(column.role);
    CutText(*c->mutable_header(), kListedNoteBytes);
  }
  for (const PreviewUnknown& unknown : preview.unknown) {
    *out.add_unknown() = ToListedProto(UnmappedCount{preview.source, unknown.field, unknown.raw_value,
                                                     unknown.count, unknown.example_native_id});
  }
  out.set_unknown_distinct(preview.unknown_distinct);
  for (const auto& [kind, count] : preview.kinds) {
    v1::PreviewKind* k = out.add_kinds();
    k->set_kind(kind);
    k->set_count(count);
  }
  out.set_read(preview.read);
  out.set_bad(preview.bad);
  AddNotes(preview.notes, out.mutable_notes());
  AddNotes(preview.warnings, out.mutable_warnings());
  AddNotes(preview.errors, out.mutable_errors());
  for (const Record& record : preview.records) {
    StoredRecord stored;
    stored.record = record;
    v1::Record listed = ToListedProto(stored, budget / 4);
    listed.mutable_provenance()->set_location(ClientRedactor().Redact(listed.provenance().location()));
    if (out.ByteSizeLong() + ElementBytes(listed) > budget) break;  // the first records fit; the rest are left out
    *out.add_records() = std::move(listed);
  }
  return out;
}

v1::TestSourceResponse ToProto(const ProbeResult& probe) {
  v1::TestSourceResponse out;
  out.set_source(probe.source);
  out.set_type(probe.type);
  out.set_configured(probe.configured);
  out.set_reachable(probe.reachable);
  out.set_authenticated(probe.authenticated);
  out.set_permitted(probe.permitted);
  out.set_visible(probe.visible);
  out.set_visible_is_total(probe.visible_is_total);
  out.set_verdict(probe.verdict);
  std::string detail = ClientRedactor().Redact(probe.detail);
  CutText(detail, kListedNoteBytes);
  out.set_detail(detail);
  out.set_code(absl::StatusCodeToString(probe.code));
  return out;
}

}  // namespace crosswalk::server
