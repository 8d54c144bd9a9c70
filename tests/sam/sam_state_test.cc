// SamState (issue 13 Deliver 9) against a full read of a real SQLite store: after every random
// change — an install added, changed, moved or deleted; a device's facts or identity changed; an
// entitlement or a CMDB CI (discovered or not: a live tool's CI is also a machine) put or
// deleted; another day — the state's report equals
// BuildSamReport over the store that holds the same records; and a change of installs or facts
// on the same day is incremental (only the changed machines are read again).
#include "gateway/sam/sam_state.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sam/sam_store_fixture.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kToday = 1796601600;  // 2026-12-07

void Attr(Record& r, const std::string& key, const std::string& value) {
  if (!value.empty()) r.attributes.push_back({key, "text", value});
}

Record Base(const std::string& kind, const std::string& source, const std::string& id, const std::string& native_kind) {
  Record r;
  r.kind = kind;
  r.provenance.source = source;
  r.provenance.native_id = id;
  r.provenance.native_kind = native_kind;
  r.provenance.fetched_at = kToday;
  return r;
}

// Random SAM records over a small estate: 2 sources, 8 device ids, hosts that collide, a serial
// two devices share, products that are licensed, free or unknown, and a few registers.
class Estate {
 public:
  explicit Estate(unsigned seed) : rng_(seed) {}
  int Pick(int n) { return static_cast<int>(rng_() % n); }

  Record Device(int n, int variant) {
    const std::string source = n % 2 == 0 ? "ocs" : "glpi";
    Record r = Base("configuration-item", source, absl::StrCat("device/D", n), "device");
    Attr(r, "device_id", absl::StrCat("D", n));
    Attr(r, "host_name", variant % 3 == 0 ? absl::StrCat("PC-", n % 5) : absl::StrCat("pc-", n % 6));
    Attr(r, "serial", n == 3 || n == 6 ? "SN-SHARED" : absl::StrCat("SN-", n));
    Attr(r, "processors", absl::StrCat(1 + variant % 2));
    Attr(r, "cores", absl::StrCat(4 + 2 * (variant % 4)));
    Attr(r, "user", absl::StrCat("user", (n + variant) % 4));
    Attr(r, "last_seen", variant % 2 == 0 ? "2026-12-01 09:00:00" : "2026-09-01 09:00:00");
    r.title = r.FindAttribute("host_name")->value;
    return r;
  }

  Record Install(int id) {
    static const char* const kTitles[][2] = {
        {"Microsoft Office Professional Plus 2019", "Microsoft Corporation"}, {"Microsoft Office Professional Plus 2016", "Microsoft"},
        {"Microsoft SQL Server 2019 Standard Edition", "Microsoft Corporation"}, {"Adobe Acrobat Pro DC", "Adobe Inc."},
        {"Mozilla Firefox (x64 ja)", "Mozilla"}, {"Kintai Pro 3", "Sakura Soft Co., Ltd."}, {"7-Zip 23.01", "Igor Pavlov"}};
    // 8: a device no record has (named by its ci link); 9: a live tool's install on one of its
    // CIs (discovered or not), as GLPI's and ServiceNow's installs are.
    const int device = Pick(10);
    const std::string source = device == 9 ? "cmdb" : device % 2 == 0 ? "ocs" : "glpi";
    Record r = Base("software-installation", source, absl::StrCat("install/", id), "software-installation");
    const auto& title = kTitles[Pick(7)];
    Attr(r, "device_id", device == 9 ? absl::StrCat("CI-", Pick(8)) : absl::StrCat("D", device));
    if (Pick(8) == 0) Attr(r, "excluded", "inactive in the source");
    Attr(r, "raw_name", title[0]);
    Attr(r, "publisher", title[1]);
    Attr(r, "version", absl::StrCat(Pick(3) + 15, ".0"));
    Attr(r, "from", "registry");
    r.links.push_back({"ci", device == 9 && Pick(2) == 0 ? absl::StrCat("WS-", Pick(3)) : absl::StrCat("HOST-", device)});
    r.title = title[0];
    return r;
  }

  Record Licence(int id) {
    static const char* const kProducts[][3] = {{"Microsoft Office Professional Plus", "Microsoft Corporation", "デバイス"},
                                               {"Microsoft SQL Server Standard", "Microsoft Corporation", "コア"},
                                               {"Adobe Acrobat Pro", "Adobe Inc.", "指名ユーザー"},
                                               {"Kintai Pro", "Sakura Soft", "device"},
                                               {"Mozilla Firefox", "Mozilla", "per seat"}};  // a metric no rule reads
    Record r = Base("licence-entitlement", "licences", absl::StrCat("LIC-", id), "entitlement");
    const auto& p = kProducts[Pick(5)];
    r.title = p[0];
    Attr(r, "publisher", p[1]);
    Attr(r, "metric", p[2]);
    Attr(r, "quantity", absl::StrCat(1 + Pick(6) * 2));
    if (Pick(3) == 0) Attr(r, "allocated_to", Pick(2) == 0 ? absl::StrCat("PC-", Pick(5)) : absl::StrCat("user", Pick(4)));
    if (Pick(4) == 0) Attr(r, "valid_to", "2026-12-08");
    if (Pick(2) == 0) Attr(r, "version_scope", "2019");
    if (Pick(2) == 0) Attr(r, "downgrade_rights", "true");
    return r;
  }

  Record Ci(int id) {
    Record r = Base("configuration-item", "cmdb", absl::StrCat("CI-", id), "ci");
    r.title = Pick(2) == 0 ? absl::StrCat("PC-", Pick(6)) : absl::StrCat("SRV-", id);
    r.status = Pick(4) == 0 ? "retired" : "in service";
    Attr(r, "class", Pick(2) == 0 ? "PC" : "サーバ");
    if (Pick(2) == 0) Attr(r, "serial_number", absl::StrCat("SN-", Pick(9)));
    if (Pick(3) == 0) Attr(r, "software_licence", absl::StrCat("LIC-", Pick(6)));
    // A CI its tool's discovery keeps: also a machine.
    if (Pick(3) == 0) {
      Attr(r, "last_seen", Pick(2) == 0 ? "2026-12-02T08:00:00Z" : "2026-08-02T08:00:00Z");
      Attr(r, "cores", absl::StrCat(2 + 2 * Pick(4)));
    }
    return r;
  }

 private:
  std::mt19937 rng_;
};

std::string Describe(const std::vector<SamException>& exceptions) {
  std::string out;
  for (const SamException& e : exceptions) {
    absl::StrAppend(&out, e.kind, " ", e.subject, " ", e.detail, " [", e.clause, "]");
    for (const std::string& r : e.evidence) absl::StrAppend(&out, " ", r);
    out += "\n";
  }
  return out;
}

class SamStateTest : public SamStoreTest {
 protected:
  void Put(SamState& state, Record record) {
    record.provenance.content_hash = absl::StrCat(++version_);  // every put is a new version
    RecordToStore item;
    item.record = record;
    ASSERT_THAT(store_->CommitBatch(record.provenance.source, {item}, ""), IsOk());
    state.Put(record);
  }
  void Erase(SamState& state, const std::string& source, const std::string& id) {
    ASSERT_THAT(store_->DeleteRecords(source, {id}, std::nullopt), IsOk());
    state.Erase({source, id});
  }
  void ExpectSame(SamState& state, int64_t as_of, const std::string& step) {
    const SamReport incremental = state.Report(as_of);
    auto full = BuildSamReport(*store_, *catalogue_, as_of, 30);
    ASSERT_THAT(full, IsOk());
    ASSERT_TRUE(incremental.position == full->position) << step;
    ASSERT_EQ(Describe(incremental.exceptions), Describe(full->exceptions)) << step;
    ASSERT_EQ(incremental.inputs.machines.size(), full->inputs.machines.size()) << step;
    for (size_t m = 0; m < full->inputs.machines.size(); ++m) {
      ASSERT_EQ(incremental.inputs.machines[m].name, full->inputs.machines[m].name) << step;
      ASSERT_EQ(incremental.inputs.machines[m].product_installs, full->inputs.machines[m].product_installs) << step;
      ASSERT_EQ(incremental.inputs.machines[m].user, full->inputs.machines[m].user) << step;
    }
  }

  int version_ = 0;
};

class SamStateRandomTest : public SamStateTest, public ::testing::WithParamInterface<unsigned> {};

TEST_P(SamStateRandomTest, EqualsAFullReadAfterEveryRandomChange) {
  Estate estate(GetParam());
  SamState state(catalogue_, 30);
  for (int n = 0; n < 8; ++n) Put(state, estate.Device(n, 0));
  for (int n = 0; n < 40; ++n) Put(state, estate.Install(n));
  for (int n = 0; n < 6; ++n) Put(state, estate.Licence(n));
  for (int n = 0; n < 5; ++n) Put(state, estate.Ci(n));
  ExpectSame(state, kToday, "built");
  int incremental = 0;
  int64_t day = kToday;
  for (int step = 0; step < 300; ++step) {
    const int op = estate.Pick(10);
    const std::string at = absl::StrCat("step ", step, " op ", op);
    switch (op) {
      case 0: case 1: case 2: Put(state, estate.Install(estate.Pick(60))); break;
      case 3: Erase(state, std::vector<std::string>{"ocs", "glpi", "cmdb"}[estate.Pick(3)], absl::StrCat("install/", estate.Pick(60))); break;
      case 4: Put(state, estate.Device(estate.Pick(8), 2 * estate.Pick(2) + 1 + 3 * (step % 2))); break;  // facts, sometimes the host
      case 5: Put(state, estate.Device(estate.Pick(8), 0)); break;
      case 6: Put(state, estate.Licence(estate.Pick(8))); break;
      case 7: Put(state, estate.Ci(estate.Pick(8))); break;
      case 8: Erase(state, "cmdb", absl::StrCat("CI-", estate.Pick(8))); break;
      default: if (estate.Pick(4) == 0) day += kDay; break;
    }
    ExpectSame(state, day, at);
    if (state.last_machines_recomputed() >= 0) ++incremental;
  }
  // Most steps change installs, facts or the CMDB on the same day: made incrementally.
  EXPECT_GT(incremental, 100);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SamStateRandomTest, ::testing::Values(7u, 11u, 19u, 23u, 31u, 43u));

// One machine's inventory changing reads that machine again, not the estate.
TEST_F(SamStateTest, OneDeviceChangingReadsOneMachineAgain) {
  Estate estate(3);
  SamState state(catalogue_, 30);
  for (int n = 0; n < 8; ++n) Put(state, estate.Device(n, 0));
  for (int n = 0; n < 40; ++n) Put(state, estate.Install(n));
  Put(state, estate.Licence(0));
  ExpectSame(state, kToday, "built");
  EXPECT_EQ(state.last_machines_recomputed(), -1);
  Record install = estate.Install(100);  // on D2, a device with a record
  install.provenance.source = "ocs";
  for (Attribute& a : install.attributes) {
    if (a.key == "device_id") a.value = "D2";
  }
  Put(state, install);
  ExpectSame(state, kToday, "one install");
  EXPECT_EQ(state.last_machines_recomputed(), 1);
  Put(state, estate.Device(2, 3));  // the same host name; cores, user and last seen: facts only
  ExpectSame(state, kToday, "facts");
  EXPECT_EQ(state.last_machines_recomputed(), 1);
  ExpectSame(state, kToday + kDay, "next day");
  EXPECT_EQ(state.last_machines_recomputed(), -1);
}

TEST_F(SamStateTest, LoadReadsTheStore) {
  Estate estate(5);
  SamState writer(catalogue_, 30);
  for (int n = 0; n < 8; ++n) Put(writer, estate.Device(n, 0));
  for (int n = 0; n < 30; ++n) Put(writer, estate.Install(n));
  for (int n = 0; n < 4; ++n) Put(writer, estate.Licence(n));
  SamState loaded(catalogue_, 30);
  ASSERT_THAT(loaded.Load(*store_), IsOk());
  ExpectSame(loaded, kToday, "loaded");
}

}  // namespace
}  // namespace crosswalk::sam
