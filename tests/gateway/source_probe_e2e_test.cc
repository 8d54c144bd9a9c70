// `crosswalk sources test NAME` (issue 12 Deliver 4) against the real crosswalkd: one request to
// the source through its connector, and a verdict that says how far it got — configured,
// reachable, authenticated, permitted, records visible — with nothing stored.
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_rt.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SourceProbeTest : public GatewayTest {
 protected:
  // Sources of every outcome: rt sources against a fake RT (the right token, a wrong one, a user
  // RT denies), one at a closed port, one whose token file is removed after crosswalkd started
  // (a missing one at start stops crosswalkd), and a file source.
  void StartSources(const std::string& extra = "") {
    for (int64_t id = 1; id <= 3; ++id) {
      rt_.Put({.id = id, .subject = absl::StrCat("ticket ", id), .created = 1'700'000'000, .updated = 1'700'000'000 + id});
    }
    WriteFile("good.token", "good-token\n");
    WriteFile("bad.token", "stolen-token\n");
    WriteFile("rotated.token", "good-token\n");
    const std::string rt = absl::StrCat("type: rt, url: ", rt_.url(), ", max_retries: 0");
    WriteFile("crosswalkd.yaml",
              absl::StrCat(extra, "listen: 127.0.0.1:0\nstore: ", Path("probe.db"), "\nsources:\n",
                           "  - {name: desk, ", rt, ", token_file: good.token}\n",
                           "  - {name: wrong-token, ", rt, ", token_file: bad.token}\n",
                           "  - {name: closed, type: rt, url: 'http://127.0.0.1:1', max_retries: 0, token_file: good.token}\n",
                           "  - {name: no-secret, ", rt, ", token_file: rotated.token}\n",
                           "  - {name: capa, type: file, preset: qms-nc, location: estate/capa-log.csv}\n"));
    Start();
    std::filesystem::remove(Path("rotated.token"));
  }

  testing_rt::FakeRt rt_{"good-token"};
};

TEST_F(SourceProbeTest, EachStepOfOneRequestIsReported) {
  StartSources();
  ProcessResult ok = Cli({"sources", "test", "desk", "--format", "csv"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("configured,yes\nreachable,yes\nauthenticated,yes\npermitted,yes\nrecords_visible,3\n"));
  EXPECT_THAT(ok.out, HasSubstr("verdict,ok: 3 records visible"));
  EXPECT_THAT(ok.out, HasSubstr("code,OK"));

  ProcessResult refused = Cli({"sources", "test", "wrong-token", "--format", "csv"});
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_THAT(refused.out, HasSubstr("reachable,yes\nauthenticated,no\npermitted,no\n"));
  EXPECT_THAT(refused.out, HasSubstr("code,UNAUTHENTICATED"));
  EXPECT_THAT(refused.out + refused.err, Not(HasSubstr("stolen-token")));

  ProcessResult closed = Cli({"sources", "test", "closed", "--format", "csv"});
  EXPECT_EQ(closed.exit_code, 1) << closed.err;
  EXPECT_THAT(closed.out, HasSubstr("configured,yes\nreachable,no\n"));
  EXPECT_THAT(closed.out, HasSubstr("verdict,\"not reachable: check url"));

  ProcessResult missing = Cli({"sources", "test", "no-secret", "--format", "csv"});
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  EXPECT_THAT(missing.out, HasSubstr("configured,no\n"));
  EXPECT_THAT(missing.out, HasSubstr("rotated.token"));

  ProcessResult file = Cli({"sources", "test", "capa", "--format", "csv"});
  EXPECT_EQ(file.exit_code, 0) << file.err;
  EXPECT_THAT(file.out, HasSubstr("records_visible,at least 1\n"));

  ProcessResult unknown = Cli({"sources", "test", "nowhere"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));

  // A test stores nothing: no records, no cursor, no run.
  EXPECT_EQ(SourceCounts()["desk"], std::make_pair(0, 0));
  ProcessResult shown = Cli({"sources", "show", "desk", "--format", "csv"});
  EXPECT_THAT(shown.out, HasSubstr("last_outcome,never run"));
}

// RT answering 403 for the search: the credentials were good, the rights were not.
TEST_F(SourceProbeTest, DeniedIsAuthenticatedButNotPermitted) {
  StartSources();
  rt_.status_override = 403;
  rt_.body_override = R"({"message":"No permission to view tickets"})";
  ProcessResult denied = Cli({"sources", "test", "desk", "--format", "csv"});
  EXPECT_EQ(denied.exit_code, 1) << denied.err;
  EXPECT_THAT(denied.out, HasSubstr("reachable,yes\nauthenticated,yes\npermitted,no\n"));
  EXPECT_THAT(denied.out, HasSubstr("ShowTicket"));
  EXPECT_THAT(denied.out, HasSubstr("code,PERMISSION_DENIED"));
}

// Only a sync-role token may test a source (a test makes the requests a sync makes).
TEST_F(SourceProbeTest, AReadTokenMayNotTest) {
  const std::string read_token = "read-token-0123456789abcdef";
  WriteFile("read.token", read_token + "\n");
  StartSources("tokens:\n  - {name: auditor, role: read, file: read.token}\n");
  ProcessResult refused = Cli({"--token-file", Path("read.token"), "sources", "test", "desk"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED: token 'auditor' has role read; this call needs sync"));
}

}  // namespace
}  // namespace crosswalk
