#include "tests/sync/fake_connector.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::testing_sync {
namespace {

class FakeConnector : public Connector {
 public:
  FakeConnector(const FakeSource* source, std::string name) : source_(source), name_(std::move(name)) {}

  // Like a file's cursor (digest and rows read): a source whose content changed is read anew.
  absl::Status Start(const std::string& cursor) override {
    position_ = 0;
    const std::string prefix = Identity() + ":";
    if (cursor.rfind(prefix, 0) == 0 && !absl::SimpleAtoi(cursor.substr(prefix.size()), &position_)) {
      return absl::InvalidArgumentError(absl::StrCat("bad cursor '", cursor, "'"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage page;
    if (source_->clock != nullptr) source_->clock->Advance(source_->nanos_per_page);
    int end = std::min(source_->records, position_ + max_records);
    if (source_->ends_at >= 0) end = std::min(end, source_->ends_at);
    for (; position_ < end; ++position_) {
      RawRecord raw;
      raw.native_id = absl::StrCat("r", position_);
      raw.native_kind = "incident";
      raw.location = absl::StrCat("fake line ", position_ + 1);
      raw.fields.push_back({"title", "text", absl::StrCat(source_->title, " ", position_)});
      raw.fields.push_back({"opened", "date", position_ == source_->bad_record || source_->all_bad ? "2025-02-30" : "2025-01-01"});
      page.records.push_back(std::move(raw));
    }
    page.done = position_ >= source_->records || (source_->ends_at >= 0 && position_ >= source_->ends_at);
    page.position = position_;
    page.total = source_->reported_total;
    page.next_cursor = absl::StrCat(Identity(), ":", position_);
    return page;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = name_;
    shape.default_kind = "incident";
    shape.default_kind_rule = "preset:fake";
    return shape;
  }

 private:
  std::string Identity() const {
    return absl::StrCat(source_->title, "/", source_->records, "/", source_->bad_record, source_->all_bad ? "/all" : "");
  }

  const FakeSource* source_;
  std::string name_;
  int position_ = 0;
};

}  // namespace

ConnectorFactory FakeConnectorFactory(const FakeSource* source) {
  ConnectorFactory factory;
  factory.type = "fake";
  factory.description = "records made up by the test";
  factory.create = [source](const SourceConfig& config, const ConnectorDeps&)
      -> absl::StatusOr<std::unique_ptr<Connector>> {
    return std::unique_ptr<Connector>(new FakeConnector(source, config.name));
  };
  return factory;
}

}  // namespace crosswalk::testing_sync
