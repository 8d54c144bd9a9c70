#ifndef CROSSWALK_GATEWAY_MAPPING_JAPANESE_TITLES_H_
#define CROSSWALK_GATEWAY_MAPPING_JAPANESE_TITLES_H_

// Japanese titles the user supplies. The current editions (27001:2022, 9001:2015, 20000-1:2018)
// ship without them: the JIS texts are copyrighted. A user who holds a licence loads them from a
// CSV of their own (`crosswalk … --titles FILE`, crosswalkd's `titles:`), columns
// catalog,ref,title_ja; the titles then show in reports and name items wherever a ref is read.

#include <string>

#include "absl/status/status.h"
#include "gateway/mapping/mapping_data.h"

namespace crosswalk::mapping {

// Reads `path` and sets title_ja of each named item of `data` (replacing a shipped one). The
// catalog is an id or alias (jisq27001:2023 too), the ref the item's own. INVALID_ARGUMENT at
// file:line:column for an unknown catalog or ref, an empty title, an item named twice, a title
// another item of the catalog already has (it would no longer name one item), or a file without
// rows; `data` is then unchanged. NOT_FOUND when the file cannot be opened.
absl::Status ApplyJapaneseTitles(const std::string& path, MappingData* data);
// The same for a CSV text (a file a client sent), `name` standing for its path in messages.
absl::Status ApplyJapaneseTitlesText(const std::string& name, const std::string& text, MappingData* data);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_JAPANESE_TITLES_H_
