#include "tests/sync/fake_connector.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::testing_sync {
namespace {

// The ids of a FakeSource, as a source with deletes lists them.
class FakeIdLister : public IdLister {
 public:
  explicit FakeIdLister(const FakeSource* source) : source_(source) {}

  absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override {
    ++source_->listings;
    for (int i = 0; i < source_->records; ++i) {
      if (source_->listing_fails && i == source_->records / 2) return absl::UnavailableError("listing: 503");
      if (source_->gone.count(i) || source_->unlisted.count(i)) continue;
      if (absl::Status status = each(absl::StrCat("r", i)); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override {
    if (ids.size() > kMaxCheckedIds) return absl::InvalidArgumentError("more ids than kMaxCheckedIds");
    std::vector<std::string> present;
    for (const std::string& id : ids) {
      int i = -1;
      if (absl::SimpleAtoi(id.substr(1), &i) && i >= 0 && i < source_->records && !source_->gone.count(i)) {
        present.push_back(id);
      }
    }
    return present;
  }

  ReconcilePolicy policy() const override { return source_->policy; }

 private:
  const FakeSource* source_;
};

class FakeConnector : public Connector {
 public:
  FakeConnector(const FakeSource* source, std::string name) : source_(source), name_(std::move(name)), ids_(source) {}

  IdLister* ids() override { return source_->lists_ids ? &ids_ : nullptr; }

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
      // A reported delete comes once, at its place in the read (an audit log read with the
      // records): a run resumed after this page's cursor does not see it again.
      if (source_->reported.count(position_)) page.deleted.push_back(absl::StrCat("r", position_));
      if (source_->gone.count(position_)) continue;
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
  FakeIdLister ids_;
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
