#ifndef CROSSWALK_TOOLS_CLI_REMOTE_PREVIEW_H_
#define CROSSWALK_TOOLS_CLI_REMOTE_PREVIEW_H_

#include <functional>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "crosswalk/v1/records.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tools/cli/client.h"

namespace crosswalk::cli {

// The first message of an import of `path` (Import and PreviewImport): the file's name without
// directories, --preset, and the read options given (--encoding, --sheet, --catalog, --timezone,
// --columns, --format).
v1::ImportChunk FirstImportChunk(const std::string& path, const std::map<std::string, std::string>& flags);

// Sends the bytes of `in` on `stream` in 1 MiB chunks, `first` carrying the first of them, then a
// last message marked `last` with no data, so the server keeps (or previews) the file only when
// every byte was read and sent; then half-closes. False after a read error of `in` (the call is
// cancelled and the message is on `err`).
template <typename Stream>
bool SendImportFile(Stream& stream, v1::ImportChunk first, std::istream& in, grpc::ClientContext& context,
                    const std::string& path, std::ostream& err) {
  v1::ImportChunk chunk = std::move(first);
  std::string buffer(1 << 20, '\0');
  bool sent = true;
  while (sent && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    chunk.set_data(buffer.data(), got);
    sent = stream.Write(chunk);  // false: the server ended the call; Finish says why
    chunk.clear_file_name();
    chunk.clear_preset();
    chunk.clear_options();
    chunk.clear_preview_limit();
  }
  if (in.bad()) {
    context.TryCancel();
    err << "crosswalk: read error in " << path << ": nothing was imported\n";
    return false;
  }
  if (sent) {
    chunk.clear_data();
    chunk.set_last(true);
    stream.Write(chunk);
  }
  stream.WritesDone();
  return true;
}

// Runs `each` on every one of an import's `files`, opened (exit 1 for one that cannot be read),
// with a connection ready for one call; `each` returns its exit code and sets `stop` to end the
// loop at once (the server refused). Returns the worst code: 1 over 3 (nothing stored) over 0;
// 2 with `usage` printed for no file.
int ForEachImportFile(const Client& client, const std::vector<std::string>& files, const char* usage,
                      std::ostream& err,
                      const std::function<int(const std::string& path, std::istream& in, v1::Sources::Stub& stub,
                                              grpc::ClientContext& context, bool& stop)>& each);

// `import --preset P FILE... --dry-run [--limit N] [--format F]`: each file previewed by the gateway
// (PreviewImport), nothing stored. Exit 0; 1 when a file has errors a sync would reject it for;
// 3 when a file would store no record; 2 for usage.
int DryRunImport(const Client& client, const std::map<std::string, std::string>& flags,
                 const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

// `sources preview NAME [--limit N] [--format F]`: a configured source or an import previewed
// (Preview), nothing stored. Exit codes as DryRunImport.
int PreviewSource(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_REMOTE_PREVIEW_H_
