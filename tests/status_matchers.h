#ifndef CROSSWALK_TESTS_STATUS_MATCHERS_H_
#define CROSSWALK_TESTS_STATUS_MATCHERS_H_

// gMock matchers for absl::Status and absl::StatusOr<T> (Debian 12's Abseil ships none):
//   EXPECT_THAT(store->GetRecord("s", "9"), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3")));
//   ASSERT_THAT(result, IsOk());
//   EXPECT_THAT(ParseTimestamp("1970-01-01"), IsOkAndHolds(0));
// They live in namespace crosswalk (not crosswalk::testing, which would hide ::testing there).
// A mismatch prints the actual code and message.

#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace crosswalk {
namespace status_matchers_internal {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

inline void ExplainStatus(const absl::Status& status, ::testing::MatchResultListener* listener) {
  *listener << "whose status is " << status;
}

// Matches a Status or StatusOr<T> (the type fixed by the Matcher it is converted to) whose code is
// `code` and whose message matches `message` (any message when there is none).
template <typename StatusType>
class StatusIsImpl : public ::testing::MatcherInterface<StatusType> {
 public:
  using MessageMatcher = std::optional<::testing::Matcher<const std::string&>>;
  StatusIsImpl(absl::StatusCode code, MessageMatcher message)
      : code_(code), message_(std::move(message)) {}

  bool MatchAndExplain(StatusType actual, ::testing::MatchResultListener* listener) const override {
    const absl::Status& status = GetStatus(actual);
    ExplainStatus(status, listener);
    if (status.code() != code_) return false;
    if (!message_) return true;
    ::testing::StringMatchResultListener inner;
    if (message_->MatchAndExplain(std::string(status.message()), &inner)) return true;
    if (!inner.str().empty()) *listener << ", and its message " << inner.str();
    return false;
  }

  void DescribeTo(std::ostream* os) const override {
    *os << "has status code " << absl::StatusCodeToString(code_);
    if (!message_) return;
    *os << " and a message that ";
    message_->DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "has a status code other than " << absl::StatusCodeToString(code_);
    if (!message_) return;
    *os << " or a message that ";
    message_->DescribeNegationTo(os);
  }

 private:
  absl::StatusCode code_;
  MessageMatcher message_;
};

class StatusIsMatcher {
 public:
  using MessageMatcher = std::optional<::testing::Matcher<const std::string&>>;
  StatusIsMatcher(absl::StatusCode code, MessageMatcher message)
      : code_(code), message_(std::move(message)) {}

  template <typename StatusType>
  operator ::testing::Matcher<StatusType>() const {  // NOLINT: implicit, as gMock matchers are
    return ::testing::Matcher<StatusType>(new StatusIsImpl<const StatusType&>(code_, message_));
  }

 private:
  absl::StatusCode code_;
  MessageMatcher message_;
};

template <typename StatusType>
class IsOkImpl : public ::testing::MatcherInterface<StatusType> {
 public:
  bool MatchAndExplain(StatusType actual, ::testing::MatchResultListener* listener) const override {
    const absl::Status& status = GetStatus(actual);
    if (status.ok()) return true;
    ExplainStatus(status, listener);
    return false;
  }
  void DescribeTo(std::ostream* os) const override { *os << "is OK"; }
  void DescribeNegationTo(std::ostream* os) const override { *os << "is not OK"; }
};

class IsOkMatcher {
 public:
  template <typename StatusType>
  operator ::testing::Matcher<StatusType>() const {  // NOLINT: implicit, as gMock matchers are
    return ::testing::Matcher<StatusType>(new IsOkImpl<const StatusType&>());
  }
};

template <typename StatusOrType>
class IsOkAndHoldsImpl : public ::testing::MatcherInterface<StatusOrType> {
 public:
  using Value = typename std::decay_t<StatusOrType>::value_type;
  explicit IsOkAndHoldsImpl(::testing::Matcher<const Value&> value) : value_(std::move(value)) {}

  bool MatchAndExplain(StatusOrType actual, ::testing::MatchResultListener* listener) const override {
    if (!actual.ok()) {
      ExplainStatus(actual.status(), listener);
      return false;
    }
    *listener << "whose value is " << ::testing::PrintToString(*actual);
    ::testing::StringMatchResultListener inner;
    const bool matched = value_.MatchAndExplain(*actual, &inner);
    if (!inner.str().empty()) *listener << ", " << inner.str();
    return matched;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is OK and has a value that ";
    value_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not OK or has a value that ";
    value_.DescribeNegationTo(os);
  }

 private:
  ::testing::Matcher<const Value&> value_;
};

template <typename ValueMatcher>
class IsOkAndHoldsMatcher {
 public:
  explicit IsOkAndHoldsMatcher(ValueMatcher value) : value_(std::move(value)) {}

  template <typename StatusOrType>
  operator ::testing::Matcher<StatusOrType>() const {  // NOLINT: implicit, as gMock matchers are
    using Value = typename std::decay_t<StatusOrType>::value_type;
    return ::testing::Matcher<StatusOrType>(new IsOkAndHoldsImpl<const StatusOrType&>(
        ::testing::SafeMatcherCast<const Value&>(value_)));
  }

 private:
  ValueMatcher value_;
};

}  // namespace status_matchers_internal

// The status (or StatusOr's status) has `code`; any message.
inline status_matchers_internal::StatusIsMatcher StatusIs(absl::StatusCode code) {
  return status_matchers_internal::StatusIsMatcher(code, std::nullopt);
}

// The status has `code` and its message matches `message` (a string for equality, or a matcher
// such as HasSubstr("line 3")).
template <typename MessageMatcher>
status_matchers_internal::StatusIsMatcher StatusIs(absl::StatusCode code, MessageMatcher&& message) {
  return status_matchers_internal::StatusIsMatcher(
      code, ::testing::MatcherCast<const std::string&>(std::forward<MessageMatcher>(message)));
}

// The status is OK (a StatusOr holds a value).
inline status_matchers_internal::IsOkMatcher IsOk() { return status_matchers_internal::IsOkMatcher(); }


// A StatusOr<T> that is OK and whose value matches `value` (a value for equality, or a matcher).
template <typename ValueMatcher>
status_matchers_internal::IsOkAndHoldsMatcher<std::decay_t<ValueMatcher>> IsOkAndHolds(
    ValueMatcher&& value) {
  return status_matchers_internal::IsOkAndHoldsMatcher<std::decay_t<ValueMatcher>>(
      std::forward<ValueMatcher>(value));
}

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_STATUS_MATCHERS_H_
