#include "gateway/sync/probe.h"

#include <memory>

#include "absl/strings/str_cat.h"

namespace crosswalk {
namespace {

// Counts the records the reader could not parse instead of ending the probe: one such record
// still shows the source answered with records.
class CountingBadRecords : public BadRecordReporter {
 public:
  absl::Status Report(const absl::Status&) override {
    ++count;
    return absl::OkStatus();
  }
  int64_t count = 0;
};

void Failed(const absl::Status& status, ProbeResult* result) {
  result->code = status.code();
  result->detail = std::string(status.message());
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      result->verdict = "not reachable: check url, the network path and ca_file (TLS)";
      return;
    case absl::StatusCode::kNotFound:
      // No file at location, or no API of this type at url (an HTTP 404): the source named is
      // not there, whatever answered.
      result->verdict = "not found: nothing of this source type where url or location points (see the detail)";
      return;
    case absl::StatusCode::kUnauthenticated:
      result->reachable = true;
      result->verdict = "reachable, but the credentials were refused: check the token or password file";
      return;
    case absl::StatusCode::kPermissionDenied:
      result->reachable = result->authenticated = true;
      result->verdict = "authenticated, but not permitted to read: grant the user the rights in the detail";
      return;
    case absl::StatusCode::kInvalidArgument:
      // A file connector's unreadable content and an API's rejected query land here alike: the
      // source answered, and what it answered is the problem.
      result->reachable = true;
      result->verdict = "reachable, but the request or its answer was refused as invalid: see the detail";
      return;
    default:
      result->reachable = true;
      result->verdict = "reachable, but the answer was not what this source type expects: see the detail";
      return;
  }
}

}  // namespace

ProbeResult ProbeSource(const SourceDefinition& source, const ConnectorRegistry& registry,
                        const ConnectorDeps& deps) {
  ProbeResult result;
  result.source = source.config.name;
  result.type = source.config.type;
  CountingBadRecords unparsed;
  ConnectorDeps probe_deps = deps;
  probe_deps.bad_records = &unparsed;
  absl::StatusOr<std::unique_ptr<Connector>> connector = registry.Create(source.config, probe_deps);
  if (!connector.ok()) {
    result.code = connector.status().code();
    result.detail = std::string(connector.status().message());
    result.verdict = "not configured: the source's configuration was refused (see the detail)";
    return result;
  }
  result.configured = true;
  if (absl::Status started = (*connector)->Start(""); !started.ok()) {
    Failed(started, &result);
    return result;
  }
  absl::StatusOr<ConnectorPage> page = (*connector)->Pull(1);
  if (!page.ok()) {
    Failed(page.status(), &result);
    return result;
  }
  result.reachable = result.authenticated = result.permitted = true;
  const int64_t read = static_cast<int64_t>(page->records.size()) + unparsed.count;
  result.visible_is_total = page->total > 0 || (page->done && read == 0);
  result.visible = page->total > 0 ? page->total : read;
  if (result.visible == 0) {
    result.verdict =
        "ok, but no records are visible: check the source's filters and that the user may see its records";
  } else {
    result.verdict = absl::StrCat("ok: ", result.visible_is_total ? "" : "at least ", result.visible,
                                  result.visible == 1 ? " record" : " records", " visible");
  }
  return result;
}

}  // namespace crosswalk
