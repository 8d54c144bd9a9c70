#include "connectors/http/body_errors.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/terminal_text.h"

namespace crosswalk {
namespace {

constexpr size_t kMaxMessageBytes = 160;

// The body as JSON, or a discarded value when it is not JSON (never throws).
nlohmann::json ParseJson(const std::string& body) {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

// A JSON value as message text: a string as it is, anything else in JSON notation.
std::string Text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string ApiMessage(absl::string_view text) {
  std::string collapsed;
  bool blank = false;
  for (char c : absl::StripAsciiWhitespace(text)) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      blank = true;
      continue;
    }
    if (blank) collapsed.push_back(' ');
    blank = false;
    collapsed.push_back(c);
  }
  if (collapsed.size() > kMaxMessageBytes) {
    size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(collapsed[cut]) & 0xC0) == 0x80) --cut;
    collapsed.resize(cut);
    collapsed += "…";
  }
  return TerminalSafe(collapsed);
}

std::optional<std::string> GlpiBodyError(const HttpResponse& response) {
  const nlohmann::json body = ParseJson(response.body);
  if (!body.is_array() || body.empty() || !body[0].is_string()) return std::nullopt;
  const std::string code = body[0].get<std::string>();
  if (!absl::StartsWith(code, "ERROR")) return std::nullopt;
  if (body.size() < 2) return ApiMessage(code);
  return ApiMessage(absl::StrCat(code, ": ", Text(body[1])));
}

std::optional<std::string> ServiceNowBodyError(const HttpResponse& response) {
  const nlohmann::json body = ParseJson(response.body);
  if (!body.is_object() || !body.contains("error")) return std::nullopt;
  const auto status = body.find("status");
  if (status == body.end() || !status->is_string() || status->get<std::string>() != "failure") {
    return std::nullopt;
  }
  const nlohmann::json& error = body["error"];
  if (!error.is_object()) return ApiMessage(Text(error));
  std::string message = error.contains("message") ? Text(error["message"]) : "failure";
  if (error.contains("detail") && !error["detail"].is_null()) {
    absl::StrAppend(&message, " (", Text(error["detail"]), ")");
  }
  return ApiMessage(message);
}

std::optional<std::string> SnipeItBodyError(const HttpResponse& response) {
  const nlohmann::json body = ParseJson(response.body);
  if (!body.is_object()) return std::nullopt;
  const auto status = body.find("status");
  if (status == body.end() || !status->is_string() || status->get<std::string>() != "error") {
    return std::nullopt;
  }
  const auto messages = body.find("messages");
  if (messages == body.end() || messages->is_null()) return ApiMessage("error");
  if (!messages->is_object()) return ApiMessage(Text(*messages));
  std::string joined;
  for (auto field = messages->begin(); field != messages->end(); ++field) {
    std::string text;
    if (field.value().is_array()) {
      for (const nlohmann::json& item : field.value()) {
        absl::StrAppend(&text, text.empty() ? "" : " ", Text(item));
      }
    } else {
      text = Text(field.value());
    }
    absl::StrAppend(&joined, joined.empty() ? "" : "; ", field.key(), ": ", text);
  }
  return ApiMessage(joined.empty() ? "error" : joined);
}

bool IsHtmlPage(const HttpResponse& response) {
  if (absl::StrContains(absl::AsciiStrToLower(response.Header("content-type")), "text/html")) {
    return true;
  }
  absl::string_view body = response.body;
  if (absl::StartsWith(body, "\xEF\xBB\xBF")) body.remove_prefix(3);  // a UTF-8 BOM
  body = absl::StripLeadingAsciiWhitespace(body);
  return !body.empty() && body.front() == '<';
}

std::string HtmlPageSummary(absl::string_view body) {
  const std::string lower = absl::AsciiStrToLower(body.substr(0, 64 * 1024));
  const size_t open = lower.find("<title");
  if (open != std::string::npos) {
    const size_t start = lower.find('>', open);
    const size_t end = start == std::string::npos ? start : lower.find("</title", start);
    if (end != std::string::npos && end > start + 1) {
      return ApiMessage(body.substr(start + 1, end - start - 1));
    }
  }
  std::string text;
  bool in_tag = false;
  for (char c : body.substr(0, 4096)) {
    if (c == '<') in_tag = true;
    if (!in_tag) text.push_back(c);
    if (c == '>') in_tag = false, text.push_back(' ');
  }
  return ApiMessage(text);
}

}  // namespace crosswalk
