#ifndef CROSSWALK_CONNECTORS_INVENTORY_XML_EVENTS_H_
#define CROSSWALK_CONNECTORS_INVENTORY_XML_EVENTS_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace crosswalk::inventory {

// One XML element's start as the handlers see it: its local name (namespace URI and prefix
// removed), its namespace URI, and its attributes by local name.
struct XmlStart {
  absl::string_view name;
  absl::string_view ns;
  std::vector<std::pair<absl::string_view, absl::string_view>> attributes;
  int line = 0;    // 1-based, where the start tag is
  int column = 0;  // 1-based

  // The value of attribute `name` (local name), or empty.
  absl::string_view Attribute(absl::string_view name) const;
  bool HasAttribute(absl::string_view name) const;
};

// Handlers of a streaming parse (expat). Text may arrive in several pieces.
struct XmlHandlers {
  std::function<void(const XmlStart& start)> on_start;
  std::function<void(absl::string_view name)> on_end;
  std::function<void(absl::string_view text)> on_text;
};

// Parses `xml` (a whole file) with expat and calls the handlers. A DOCTYPE is refused (no DTD, so
// no entity expansion and no external entities); input that is not well-formed XML, or that a
// handler refuses through `fail`, ends it. INVALID_ARGUMENT "FILE:LINE:COLUMN: what" — `file` names
// the input in messages. A handler refuses by calling the `fail` it is given with the status to
// return (the first one wins).
absl::Status ParseXml(absl::string_view xml, const std::string& file, const XmlHandlers& handlers,
                      std::function<void(absl::Status)>* fail = nullptr);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_XML_EVENTS_H_
