#include "gateway/server/record_convert.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/store/record_fields.h"

namespace crosswalk::server {
namespace {

// Reads a v1::Record back as a client would. The proto has no presence for times: 0 reads as
// absent. Written here, not in the gateway, because nothing but this test reads records back.
Record FromProto(const v1::Record& in) {
  auto time = [](int64_t seconds) { return seconds == 0 ? std::nullopt : std::optional(seconds); };
  Record r;
  r.kind = in.kind();
  r.title = in.title();
  r.status = in.status();
  r.priority = in.priority();
  r.impact = in.impact();
  r.urgency = in.urgency();
  r.opened = time(in.opened());
  r.updated = time(in.updated());
  r.resolved = time(in.resolved());
  r.closed = time(in.closed());
  r.effective = time(in.effective());
  for (const std::string& name : in.calendar_dates()) r.calendar_dates.push_back(name);
  for (const v1::Link& link : in.links()) r.links.push_back({link.relation(), link.target()});
  for (const v1::Attribute& a : in.attributes()) r.attributes.push_back({a.key(), a.type(), a.value()});
  const v1::RecordProvenance& p = in.provenance();
  r.provenance.source = p.source();
  r.provenance.native_id = p.native_id();
  r.provenance.native_kind = p.native_kind();
  r.provenance.location = p.location();
  for (const v1::FieldOrigin& o : p.origins()) {
    r.provenance.origins.push_back({o.field(), o.native_value(), o.rule_id()});
  }
  r.provenance.fetched_at = p.fetched_at();
  r.provenance.content_hash = p.content_hash();
  return r;
}

// FullRecord() sets every member (record_fields.h), so a member ToProto drops comes back empty and
// is named here; through the wire bytes, as a client receives it.
TEST(RecordConvertTest, ProtoCarriesEveryField) {
  StoredRecord stored{.id = 7, .version = 3, .stored_at = 1714666447, .record = FullRecord()};
  std::string wire;
  ASSERT_TRUE(ToProto(stored).SerializeToString(&wire));
  v1::Record received;
  ASSERT_TRUE(received.ParseFromString(wire));
  EXPECT_THAT(DifferingFields(stored.record, FromProto(received)), ::testing::IsEmpty());
  EXPECT_EQ(received.version(), 3);
  EXPECT_EQ(received.stored_at(), 1714666447);
}

}  // namespace
}  // namespace crosswalk::server
