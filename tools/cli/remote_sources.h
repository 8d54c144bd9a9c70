#ifndef CROSSWALK_TOOLS_CLI_REMOTE_SOURCES_H_
#define CROSSWALK_TOOLS_CLI_REMOTE_SOURCES_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "tools/cli/client.h"

namespace crosswalk::cli {

// `sources`: every source of the gateway, any connector type, one row each.
int Sources(const Client& client, const std::map<std::string, std::string>& flags, std::ostream& out,
            std::ostream& err);

// `sources show NAME`: one source's fields and every option of its type, secrets redacted by the
// server. Exit 2 naming the gateway's sources when there is no such source.
int ShowSource(const Client& client, const std::map<std::string, std::string>& flags,
               const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

// `sources test NAME`: one request to the source through its connector, then how far it got
// (configured, reachable, authenticated, permitted, records visible), the verdict and the
// connector's error. Exit 0 when the source may be read, 1 when a step failed, 2 for no such source.
int TestSource(const Client& client, const std::map<std::string, std::string>& flags,
               const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

// `sources add NAME --type T --set KEY=VALUE… [--schedule EVERY] [--on-error POLICY]`: a source
// added to the running gateway. A --set without '=' is a usage error (exit 2), as is a missing
// --type; the server's refusals exit 2 (INVALID_ARGUMENT, ALREADY_EXISTS) or 1.
int AddSource(const Client& client, const std::map<std::string, std::string>& flags,
              const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

// `sources remove NAME [--keep-records]`.
int RemoveSource(const Client& client, const std::map<std::string, std::string>& flags,
                 const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_REMOTE_SOURCES_H_
