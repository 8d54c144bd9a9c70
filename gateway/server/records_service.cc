// crosswalk.v1.Records: listings bounded in count and bytes, page tokens tied to their filter,
// filter names checked (records.proto).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "crosswalk/v1/records.grpc.pb.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/text_distance.h"
#include "gateway/server/listing_bounds.h"
#include "gateway/server/page_token.h"
#include "gateway/server/record_convert.h"
#include "gateway/server/services.h"

namespace crosswalk::server {
namespace {

// A client's value as an error message quotes it: cut, so the status stays small.
std::string Quoted(std::string value) {
  CutText(value, 200);
  return absl::StrCat("'", value, "'");
}

absl::Status UnknownName(const char* what, const std::string& name, const std::vector<std::string>& known) {
  const std::vector<std::string> nearest = Nearest(name, known);
  return absl::InvalidArgumentError(absl::StrCat("unknown ", what, " ", Quoted(name),
                                                 nearest.empty() ? "" : absl::StrCat(" (nearest: ", absl::StrJoin(nearest, ", "), ")")));
}

// A kind filter names a kind of mappings/rules/kinds.csv or one the store holds records of.
absl::Status CheckKind(Gateway& gateway, const std::string& kind) {
  if (kind.empty() || gateway.rules().FindKind(kind) != nullptr) return absl::OkStatus();
  RecordFilter any;
  any.kind = kind;
  any.page_size = 1;
  CW_ASSIGN_OR_RETURN(RecordPage page, gateway.store().ListRecords(any));
  if (!page.records.empty()) return absl::OkStatus();
  std::vector<std::string> known;
  for (const KindInfo& info : gateway.rules().kinds()) known.push_back(info.kind);
  return UnknownName("kind", kind, known);
}

// A source filter names a configured or imported source, or one the store still holds records of.
absl::Status CheckSource(Gateway& gateway, const std::string& source) {
  if (source.empty()) return absl::OkStatus();
  std::vector<std::string> known;
  for (const SourceDefinition& definition : gateway.Sources()) {
    if (definition.config.name == source) return absl::OkStatus();
    known.push_back(definition.config.name);
  }
  CW_ASSIGN_OR_RETURN(SourceCounts counts, gateway.store().Counts(source));
  if (counts.records > 0) return absl::OkStatus();
  return UnknownName("source", source, known);
}

absl::Status CheckPageSize(int page_size) {
  if (page_size < 0 || page_size > 1000) return absl::InvalidArgumentError("page_size must be 0 to 1000");
  return absl::OkStatus();
}

class RecordsService final : public v1::Records::Service {
 public:
  RecordsService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status ListRecords(grpc::ServerContext* context, const v1::ListRecordsRequest* request,
                           v1::ListRecordsResponse* response) override {
    if (grpc::Status allowed = auth_->Check(*context, Role::kRead); !allowed.ok()) return allowed;
    return ToGrpc(ListRecords(*request, *response));
  }

  grpc::Status GetRecord(grpc::ServerContext* context, const v1::GetRecordRequest* request,
                         v1::GetRecordResponse* response) override {
    if (grpc::Status allowed = auth_->Check(*context, Role::kRead); !allowed.ok()) return allowed;
    return ToGrpc(GetRecord(*request, *response));
  }

  grpc::Status ListUnmapped(grpc::ServerContext* context, const v1::ListUnmappedRequest* request,
                            v1::ListUnmappedResponse* response) override {
    if (grpc::Status allowed = auth_->Check(*context, Role::kRead); !allowed.ok()) return allowed;
    return ToGrpc(ListUnmapped(*request, *response));
  }

 private:
  absl::Status ListRecords(const v1::ListRecordsRequest& request, v1::ListRecordsResponse& response) {
    CW_RETURN_IF_ERROR(CheckPageSize(request.page_size()));
    CW_RETURN_IF_ERROR(CheckKind(*gateway_, request.kind()));
    CW_RETURN_IF_ERROR(CheckSource(*gateway_, request.source()));
    const std::string key = FilterKey({"records", request.kind(), request.source(), absl::StrCat(request.effective_from()),
                                       absl::StrCat(request.effective_to()), request.clause()});
    RecordFilter filter;
    CW_ASSIGN_OR_RETURN(filter.page_token, ReadPageToken(key, request.page_token()));
    filter.kind = request.kind();
    filter.source = request.source();
    if (request.effective_from() != 0) filter.effective_from = request.effective_from();
    if (request.effective_to() != 0) filter.effective_to = request.effective_to();
    filter.page_size = request.page_size() == 0 ? 100 : request.page_size();
    const size_t budget = PageBudget(gateway_->config().max_message_bytes);
    filter.max_bytes = budget;
    filter.size_of = [budget](const StoredRecord& stored) { return ElementBytes(ToListedProto(stored, budget)); };
    // Evidence of a clause is decided as coverage decides it (report::ClauseEvidence).
    CW_ASSIGN_OR_RETURN(RecordPage page, request.clause().empty() ? gateway_->store().ListRecords(filter)
                                                                  : gateway_->ListClauseRecords(request.clause(), filter));
    for (const StoredRecord& stored : page.records) *response.add_records() = ToListedProto(stored, budget);
    response.set_next_page_token(IssuePageToken(key, page.next_page_token));
    const std::string& zone = gateway_->config().reports.timezone;
    response.set_time_zone(zone.empty() ? "UTC" : zone);
    return absl::OkStatus();
  }

  absl::Status GetRecord(const v1::GetRecordRequest& request, v1::GetRecordResponse& response) {
    CW_ASSIGN_OR_RETURN(StoredRecord stored, gateway_->store().GetRecord(request.source(), request.native_id()));
    *response.mutable_record() = ToProto(stored);
    if (request.history()) {
      CW_ASSIGN_OR_RETURN(std::vector<StoredRecord> history, gateway_->store().History(request.source(), request.native_id()));
      for (const StoredRecord& old : history) *response.add_history() = ToProto(old);
    }
    // Whole or not at all: a record over the message limit is refused with its size.
    const int64_t limit = gateway_->config().max_message_bytes;
    if (const size_t size = response.ByteSizeLong(); static_cast<int64_t>(size) > limit) {
      response.Clear();
      return absl::ResourceExhaustedError(absl::StrCat(
          "record ", Quoted(request.native_id()), " of source ", Quoted(request.source()), request.history() ? " with its history" : "",
          " is ", size, " bytes encoded, over this server's message limit of ", limit,
          " bytes (limits.max_message_bytes); ListRecords shows it cut"));
    }
    return absl::OkStatus();
  }

  absl::Status ListUnmapped(const v1::ListUnmappedRequest& request, v1::ListUnmappedResponse& response) {
    CW_RETURN_IF_ERROR(CheckPageSize(request.page_size()));
    CW_RETURN_IF_ERROR(CheckSource(*gateway_, request.source()));
    const std::string key = FilterKey({"unmapped", request.source()});
    UnmappedFilter filter;
    CW_ASSIGN_OR_RETURN(filter.page_token, ReadPageToken(key, request.page_token()));
    filter.source = request.source();
    filter.page_size = request.page_size() == 0 ? 100 : request.page_size();
    filter.max_bytes = PageBudget(gateway_->config().max_message_bytes);
    filter.size_of = [](const UnmappedCount& value) { return ElementBytes(ToListedProto(value)); };
    CW_ASSIGN_OR_RETURN(UnmappedPage page, gateway_->store().ListUnmapped(filter));
    for (const UnmappedCount& value : page.values) *response.add_values() = ToListedProto(value);
    response.set_next_page_token(IssuePageToken(key, page.next_page_token));
    return absl::OkStatus();
  }

  Gateway* gateway_;
  const Authorizer* auth_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewRecordsService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<RecordsService>(gateway, auth);
}

}  // namespace crosswalk::server
