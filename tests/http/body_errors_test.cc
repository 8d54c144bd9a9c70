// Body-level errors on 200 and HTML pages (connectors/http/body_errors.h).
#include "connectors/http/body_errors.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

HttpResponse Body(std::string body, std::string content_type = "application/json") {
  HttpResponse response;
  response.status = 200;
  response.headers = {{"content-type", std::move(content_type)}};
  response.body = std::move(body);
  return response;
}

TEST(BodyErrorsTest, Glpi) {
  EXPECT_EQ(GlpiBodyError(Body(R"(["ERROR_RIGHT_MISSING","You don't have permission"])")),
            "ERROR_RIGHT_MISSING: You don't have permission");
  EXPECT_EQ(GlpiBodyError(Body(R"(["ERROR_SESSION_TOKEN_INVALID"])")), "ERROR_SESSION_TOKEN_INVALID");
  EXPECT_EQ(GlpiBodyError(Body(R"([{"id":1,"name":"ERROR_x"}])")), std::nullopt);
  EXPECT_EQ(GlpiBodyError(Body(R"(["fine","ERROR"])")), std::nullopt);
  EXPECT_EQ(GlpiBodyError(Body("[1,")), std::nullopt);
}

TEST(BodyErrorsTest, ServiceNow) {
  EXPECT_EQ(ServiceNowBodyError(Body(
                R"({"error":{"message":"No Record found","detail":"Records matching query not found"},"status":"failure"})")),
            "No Record found (Records matching query not found)");
  EXPECT_EQ(ServiceNowBodyError(Body(R"({"error":"bad","status":"failure"})")), "bad");
  EXPECT_EQ(ServiceNowBodyError(Body(R"({"result":[{"sys_id":"1"}]})")), std::nullopt);
  EXPECT_EQ(ServiceNowBodyError(Body(R"({"error":{"message":"x"},"status":"success"})")),
            std::nullopt);
}

TEST(BodyErrorsTest, SnipeIt) {
  EXPECT_EQ(SnipeItBodyError(Body(
                R"({"status":"error","messages":{"name":["The name field is required."],"seats":["Too few."]},"payload":null})")),
            "name: The name field is required.; seats: Too few.");
  EXPECT_EQ(SnipeItBodyError(Body(R"({"status":"error","messages":"Unauthorized"})")), "Unauthorized");
  EXPECT_EQ(SnipeItBodyError(Body(R"({"status":"error"})")), "error");
  EXPECT_EQ(SnipeItBodyError(Body(R"({"status":"success","messages":"ok"})")), std::nullopt);
  EXPECT_EQ(SnipeItBodyError(Body(R"({"total":1,"rows":[{"status":"error"}]})")), std::nullopt);
}

TEST(BodyErrorsTest, HtmlPages) {
  EXPECT_TRUE(IsHtmlPage(Body("{}", "text/html; charset=UTF-8")));
  EXPECT_TRUE(IsHtmlPage(Body("\xEF\xBB\xBF  \n<!DOCTYPE html><html></html>")));
  EXPECT_FALSE(IsHtmlPage(Body(R"({"result":[]})")));
  EXPECT_FALSE(IsHtmlPage(Body("")));
  EXPECT_EQ(HtmlPageSummary("<html><head><TITLE>\n Instance   Hibernating </TITLE></head></html>"),
            "Instance Hibernating");
  EXPECT_EQ(HtmlPageSummary("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"),
            "502 Bad Gateway nginx");
}

TEST(BodyErrorsTest, MessagesAreShortAndTerminalSafe) {
  EXPECT_EQ(ApiMessage("a\x1b]0;owned\x07 b"), "a\\x1b]0;owned\\x07 b");
  const std::string long_text(500, 'x');
  EXPECT_EQ(ApiMessage(long_text), std::string(160, 'x') + "…");
  std::string japanese;
  for (int i = 0; i < 100; ++i) japanese += "障害";  // 3 bytes a character: never cut in one
  const std::string cut = ApiMessage(japanese);
  EXPECT_EQ(cut, japanese.substr(0, 159) + "…");
}

}  // namespace
}  // namespace crosswalk
