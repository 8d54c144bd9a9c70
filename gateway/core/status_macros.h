#ifndef CROSSWALK_GATEWAY_CORE_STATUS_MACROS_H_
#define CROSSWALK_GATEWAY_CORE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Debian 12's Abseil (20220623) ships neither ABSL_RETURN_IF_ERROR nor ASSIGN_OR_RETURN; these
// two are the project's only error-propagation macros.

// Evaluates `expr` (an absl::Status); returns it from the enclosing function unless it is OK.
#define CW_RETURN_IF_ERROR(expr)                      \
  do {                                                \
    ::absl::Status cw_status_ = (expr);               \
    if (!cw_status_.ok()) return cw_status_;          \
  } while (0)

#define CW_CONCAT_INNER_(a, b) a##b
#define CW_CONCAT_(a, b) CW_CONCAT_INNER_(a, b)

// `lhs = *rexpr` when `rexpr` (an absl::StatusOr<T>) is OK; otherwise returns its status.
#define CW_ASSIGN_OR_RETURN(lhs, rexpr) \
  CW_ASSIGN_OR_RETURN_IMPL_(CW_CONCAT_(cw_statusor_, __LINE__), lhs, rexpr)
#define CW_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // CROSSWALK_GATEWAY_CORE_STATUS_MACROS_H_
