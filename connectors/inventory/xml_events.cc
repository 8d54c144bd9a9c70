#include "connectors/inventory/xml_events.h"

#include <expat.h>

#include <algorithm>
#include <climits>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace crosswalk::inventory {
namespace {

// Expat reports names as "URI|local" (XML_ParserCreateNS with '|').
std::pair<absl::string_view, absl::string_view> SplitName(const char* name) {
  absl::string_view full(name);
  const size_t bar = full.rfind('|');
  if (bar == absl::string_view::npos) return {full, {}};
  return {full.substr(bar + 1), full.substr(0, bar)};
}

struct State {
  XML_Parser parser = nullptr;
  const XmlHandlers* handlers = nullptr;
  const std::string* file = nullptr;
  absl::Status status;

  void Fail(absl::Status failure) {
    if (!status.ok()) return;
    status = std::move(failure);
    XML_StopParser(parser, XML_FALSE);
  }
};

}  // namespace

absl::string_view XmlStart::Attribute(absl::string_view wanted) const {
  for (const auto& [key, value] : attributes) {
    if (key == wanted) return value;
  }
  return {};
}

bool XmlStart::HasAttribute(absl::string_view wanted) const {
  for (const auto& [key, value] : attributes) {
    if (key == wanted) return true;
  }
  return false;
}

absl::Status ParseXml(absl::string_view xml, const std::string& file, const XmlHandlers& handlers,
                      std::function<void(absl::Status)>* fail) {
  State state;
  state.parser = XML_ParserCreateNS(nullptr, '|');
  if (state.parser == nullptr) return absl::ResourceExhaustedError("expat: out of memory");
  state.handlers = &handlers;
  state.file = &file;
  std::function<void(absl::Status)> failer = [&state](absl::Status failure) { state.Fail(std::move(failure)); };
  if (fail != nullptr) *fail = failer;
  XML_SetUserData(state.parser, &state);
  XML_SetStartDoctypeDeclHandler(state.parser, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* s = static_cast<State*>(data);
    s->Fail(absl::InvalidArgumentError(absl::StrCat(*s->file, ":", XML_GetCurrentLineNumber(s->parser), ":",
                                                    XML_GetCurrentColumnNumber(s->parser) + 1,
                                                    ": a DOCTYPE is not allowed (no DTDs or entities are read)")));
  });
  XML_SetElementHandler(
      state.parser,
      [](void* data, const XML_Char* name, const XML_Char** atts) {
        auto* s = static_cast<State*>(data);
        if (!s->status.ok() || !s->handlers->on_start) return;
        XmlStart start;
        std::tie(start.name, start.ns) = SplitName(name);
        for (int i = 0; atts[i] != nullptr; i += 2) start.attributes.emplace_back(SplitName(atts[i]).first, atts[i + 1]);
        start.line = static_cast<int>(XML_GetCurrentLineNumber(s->parser));
        start.column = static_cast<int>(XML_GetCurrentColumnNumber(s->parser)) + 1;
        s->handlers->on_start(start);
      },
      [](void* data, const XML_Char* name) {
        auto* s = static_cast<State*>(data);
        if (!s->status.ok() || !s->handlers->on_end) return;
        s->handlers->on_end(SplitName(name).first);
      });
  XML_SetCharacterDataHandler(state.parser, [](void* data, const XML_Char* text, int length) {
    auto* s = static_cast<State*>(data);
    if (!s->status.ok() || !s->handlers->on_text) return;
    s->handlers->on_text(absl::string_view(text, static_cast<size_t>(length)));
  });
  // Expat takes an int length: feed large input in pieces.
  constexpr size_t kPiece = 1 << 20;
  XML_Status result = XML_STATUS_OK;
  for (size_t at = 0; result == XML_STATUS_OK;) {
    const size_t n = std::min(kPiece, xml.size() - at);
    const bool last = at + n == xml.size();
    result = XML_Parse(state.parser, xml.data() + at, static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    at += n;
    if (last) break;
  }
  absl::Status status = state.status;
  if (status.ok() && result != XML_STATUS_OK) {
    status = absl::InvalidArgumentError(absl::StrCat(file, ":", XML_GetCurrentLineNumber(state.parser), ":",
                                                     XML_GetCurrentColumnNumber(state.parser) + 1, ": not well-formed XML: ",
                                                     XML_ErrorString(XML_GetErrorCode(state.parser))));
  }
  XML_ParserFree(state.parser);
  if (fail != nullptr) *fail = nullptr;
  return status;
}

}  // namespace crosswalk::inventory
