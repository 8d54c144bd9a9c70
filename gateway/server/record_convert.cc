#include "gateway/server/record_convert.h"

#include "gateway/server/listing_bounds.h"
#include "gateway/server/path_redactor.h"

namespace crosswalk::server {

v1::Record ToProto(const StoredRecord& stored) {
  const Record& r = stored.record;
  v1::Record out;
  out.set_kind(r.kind);
  out.set_title(r.title);
  out.set_status(r.status);
  out.set_priority(r.priority);
  out.set_impact(r.impact);
  out.set_urgency(r.urgency);
  out.set_opened(r.opened.value_or(0));
  out.set_updated(r.updated.value_or(0));
  out.set_resolved(r.resolved.value_or(0));
  out.set_closed(r.closed.value_or(0));
  out.set_effective(r.effective.value_or(0));
  for (const std::string& name : r.calendar_dates) out.add_calendar_dates(name);
  for (const Link& link : r.links) {
    v1::Link* l = out.add_links();
    l->set_relation(link.relation);
    l->set_target(link.target);
  }
  for (const Attribute& attribute : r.attributes) {
    v1::Attribute* a = out.add_attributes();
    a->set_key(attribute.key);
    a->set_type(attribute.type);
    a->set_value(attribute.value);
  }
  v1::RecordProvenance* p = out.mutable_provenance();
  p->set_source(r.provenance.source);
  p->set_native_id(r.provenance.native_id);
  p->set_native_kind(r.provenance.native_kind);
  p->set_location(r.provenance.location);
  p->set_fetched_at(r.provenance.fetched_at);
  p->set_content_hash(r.provenance.content_hash);
  for (const FieldOrigin& origin : r.provenance.origins) {
    v1::FieldOrigin* o = p->add_origins();
    o->set_field(origin.field);
    o->set_native_value(origin.native_value);
    o->set_rule_id(origin.rule_id);
  }
  out.set_version(stored.version);
  out.set_stored_at(stored.stored_at);
  out.set_deleted_at(stored.deleted_at);
  return out;
}

v1::SyncProgress ToProto(const SyncProgress& progress) {
  v1::SyncProgress out;
  out.set_source(progress.source);
  out.set_phase(progress.phase);
  out.set_records(progress.records);
  out.set_created(progress.totals.created);
  out.set_updated(progress.totals.updated);
  out.set_unchanged(progress.totals.unchanged);
  out.set_deleted(progress.totals.deleted);
  out.set_skipped(progress.skipped);
  out.set_message(ClientRedactor().Redact(progress.message));
  CutText(*out.mutable_message(), kListedNoteBytes);  // a stream message stays under the limit too
  out.set_total(progress.total);
  out.set_pages(progress.pages);
  out.set_rate(progress.rate);
  out.set_eta_seconds(progress.eta_seconds);
  out.set_waited_for(ClientRedactor().Redact(progress.waited_for));
  out.set_reread(ClientRedactor().Redact(progress.reread));
  for (const std::string& note : progress.notes) {
    std::string* text = out.add_notes();
    *text = ClientRedactor().Redact(note);
    CutText(*text, kListedNoteBytes);
  }
  return out;
}

}  // namespace crosswalk::server
