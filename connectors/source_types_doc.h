#ifndef CROSSWALK_CONNECTORS_SOURCE_TYPES_DOC_H_
#define CROSSWALK_CONNECTORS_SOURCE_TYPES_DOC_H_

#include <string>

#include "connectors/connector.h"

namespace crosswalk {

// The reference of every connector type of `registry` and its config keys, in Markdown, made
// from the same declarations that check a source's options (type, required, default, secret).
// `crosswalkd --source-types` prints it; docs/source-types.md is its output, and a test keeps the
// two equal.
std::string SourceTypesMarkdown(const ConnectorRegistry& registry);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_SOURCE_TYPES_DOC_H_
