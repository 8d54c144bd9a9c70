#ifndef CROSSWALK_GATEWAY_SERVER_PATH_REDACTOR_H_
#define CROSSWALK_GATEWAY_SERVER_PATH_REDACTOR_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace crosswalk::server {

// Takes the server's file-system layout out of text bound for clients (status messages, sync
// messages, source listings): a known directory becomes its placeholder ("/srv/cw/estate/a.csv"
// with {"/srv/cw", "<config>"} becomes "<config>/estate/a.csv"), and any other absolute path keeps
// only its last component behind "<dir>/" ("/etc/x/secret.csv" becomes "<dir>/secret.csv"). An
// absolute path is a '/' at the start of the text or after white space, a quote, '(', '[', '=',
// ',' or ':', followed by a character that is neither white space nor '/'; it runs to the next
// white space, quote, ')', ']', ',' or ':'.
//
// Thread-safe (immutable).
class PathRedactor {
 public:
  PathRedactor() = default;
  // `roots`: (absolute directory, placeholder); the longest matching directory wins.
  explicit PathRedactor(std::vector<std::pair<std::string, std::string>> roots);

  std::string Redact(absl::string_view text) const;

 private:
  std::vector<std::pair<std::string, std::string>> roots_;  // longest first, without a trailing '/'
};

// The redactor for everything sent to clients (ToGrpc, sync progress, source listings): set once
// by crosswalkd before it serves; until then, one with no known directories.
const PathRedactor& ClientRedactor();
void SetClientRedactor(PathRedactor redactor);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_PATH_REDACTOR_H_
