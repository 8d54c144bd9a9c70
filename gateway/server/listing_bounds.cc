#include "gateway/server/listing_bounds.h"

#include "absl/strings/str_cat.h"
#include "gateway/server/record_convert.h"

namespace crosswalk::server {
namespace {

constexpr char kEllipsis[] = "…";  // 3 bytes in UTF-8

// Cuts the text at `text` and names it in `truncated` when it is over `max_bytes`.
void Bound(std::string* text, size_t max_bytes, const std::string& name,
           google::protobuf::RepeatedPtrField<std::string>* truncated) {
  if (CutText(*text, max_bytes)) *truncated->Add() = name;
}

// Drops entries from the end of `list` until `size` (the record's encoded size, kept current)
// is at most `max_bytes` or the list is empty. Returns whether it dropped any.
template <typename T>
bool Shrink(google::protobuf::RepeatedPtrField<T>* list, size_t max_bytes, size_t& size) {
  bool dropped = false;
  while (size > max_bytes && !list->empty()) {
    size -= std::min(size, ElementBytes(list->Get(list->size() - 1)));
    list->RemoveLast();
    dropped = true;
  }
  return dropped;
}

}  // namespace

size_t PageBudget(int64_t max_message_bytes) {
  return static_cast<size_t>(std::max<int64_t>(max_message_bytes, 64 * 1024) / 2);
}

bool CutText(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return false;
  size_t keep = max_bytes < sizeof(kEllipsis) - 1 ? 0 : max_bytes - (sizeof(kEllipsis) - 1);
  // Back off over continuation bytes (10xxxxxx) so no character is split.
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  text.resize(keep);
  text += kEllipsis;
  return true;
}

size_t ElementBytes(const google::protobuf::MessageLite& message) {
  const size_t size = message.ByteSizeLong();
  size_t varint = 1;
  for (size_t rest = size >> 7; rest != 0; rest >>= 7) ++varint;
  return 1 + varint + size;  // one-byte tag (field numbers under 16), length, body
}

v1::Record ToListedProto(const StoredRecord& stored, size_t max_bytes) {
  v1::Record out = ToProto(stored);
  auto* cut = out.mutable_truncated();
  const size_t field = kListedFieldBytes;
  Bound(out.mutable_title(), field, "title", cut);
  Bound(out.mutable_status(), field, "status", cut);
  Bound(out.mutable_priority(), field, "priority", cut);
  Bound(out.mutable_impact(), field, "impact", cut);
  Bound(out.mutable_urgency(), field, "urgency", cut);
  for (v1::Link& link : *out.mutable_links()) Bound(link.mutable_target(), field, absl::StrCat("links[", link.relation(), "]"), cut);
  for (v1::Attribute& attribute : *out.mutable_attributes()) {
    Bound(attribute.mutable_key(), field, "attributes[key]", cut);
    Bound(attribute.mutable_value(), field, absl::StrCat("attributes[", attribute.key(), "]"), cut);
  }
  v1::RecordProvenance& p = *out.mutable_provenance();
  Bound(p.mutable_native_id(), field, "provenance.native_id", cut);
  Bound(p.mutable_location(), field, "provenance.location", cut);
  for (v1::FieldOrigin& origin : *p.mutable_origins()) {
    Bound(origin.mutable_native_value(), field, absl::StrCat("provenance.origins[", origin.field(), "]"), cut);
  }
  size_t size = out.ByteSizeLong();
  while (size > max_bytes) {
    const int attributes = out.attributes_size(), origins = p.origins_size(), links = out.links_size();
    if (attributes + origins + links == 0) break;
    if (attributes >= origins && attributes >= links) {
      if (Shrink(out.mutable_attributes(), max_bytes, size)) *cut->Add() = "attributes";
    } else if (origins >= links) {
      if (Shrink(p.mutable_origins(), max_bytes, size)) *cut->Add() = "provenance.origins";
    } else if (Shrink(out.mutable_links(), max_bytes, size)) {
      *cut->Add() = "links";
    }
    size = out.ByteSizeLong();
  }
  return out;
}

v1::UnmappedValue ToListedProto(const UnmappedCount& value) {
  v1::UnmappedValue out;
  out.set_source(value.source);
  out.set_field(value.field);
  out.set_raw_value(value.raw_value);
  out.set_count(value.count);
  out.set_example_native_id(value.example_native_id);
  out.set_truncated(CutText(*out.mutable_raw_value(), kListedFieldBytes));
  return out;
}

void BoundSource(v1::Source& source) {
  Bound(source.mutable_location(), kListedNoteBytes, "location", source.mutable_truncated());
  Bound(source.mutable_last_message(), kListedNoteBytes, "last_message", source.mutable_truncated());
  Bound(source.mutable_cursor(), kListedNoteBytes, "cursor", source.mutable_truncated());
  for (v1::SourceOption& option : *source.mutable_options()) {
    Bound(option.mutable_value(), kListedNoteBytes, absl::StrCat("options[", option.key(), "]"),
          source.mutable_truncated());
  }
}

}  // namespace crosswalk::server
