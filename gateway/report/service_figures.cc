#include "gateway/report/service_figures.h"

#include <algorithm>

namespace crosswalk::report {
namespace {

std::vector<FigureDefinition> MakeDefinitions() {
  const char* kTargets =
      "against the service's targets: its service catalogue entry, else the configuration's, else "
      "mappings/reports/resolution-targets.csv (derived defaults); each service names the ones it used";
  return {
      {"incidents.opened", {"Incidents opened", "起票されたインシデント"}, "source",
       "incidents opened in the period, by priority"},
      {"incidents.resolved", {"Incidents resolved", "解決したインシデント"}, "source",
       "of those, the ones with a resolved time"},
      {"incidents.unmeasured", {"Resolved without a measurable time", "解決時間を測れないインシデント"},
       "source", "resolved or closed, but no resolved time or one before the opened time"},
      {"incidents.median-resolution", {"Median resolution time", "解決時間の中央値"}, "derived",
       "resolved − opened, elapsed time or the working hours of the report's calendar"},
      {"incidents.max-resolution", {"Longest resolution time", "最長の解決時間"}, "derived",
       "resolved − opened, elapsed time or the working hours of the report's calendar"},
      {"incidents.target", {"Resolution target", "解決目標時間"}, "derived", kTargets},
      {"incidents.within-target", {"Resolved within target", "目標時間内に解決"}, "derived", kTargets},
      {"incidents.over-target", {"Resolved over target (breach, derived)", "目標時間超過（違反・導出）"},
       "derived", kTargets},
      {"incidents.within-target-rate", {"Share resolved within target", "目標時間内解決率"}, "derived",
       "within target ÷ resolved; none without a target or a resolved incident"},
      {"incidents.open-past-target", {"Unresolved past target", "目標時間を超えて未解決"}, "derived",
       "not resolved at the report date and older than the target"},
      {"incidents.sla-not-made", {"SLA not made (source)", "SLA未達（ソースの記録）"}, "source",
       "the source's made_sla is false"},
      {"incidents.any-breach", {"SLA breaches (any)", "SLA違反（いずれか）"}, "derived",
       "over target, unresolved past target or made_sla false, each incident once"},
      {"changes.successful", {"Successful changes", "成功した変更"}, "derived",
       "close code read as successful"},
      {"changes.unsuccessful", {"Unsuccessful changes", "失敗した変更"}, "derived",
       "close code read as unsuccessful, failed, backed out or rolled back"},
      {"changes.unknown", {"Changes of unknown outcome", "結果不明の変更"}, "derived",
       "concluded without a close code that says success or failure; never counted as success"},
      {"changes.not-implemented", {"Changes not implemented", "実施されなかった変更"}, "source",
       "cancelled or rejected"},
      {"changes.success-rate", {"Change success rate", "変更成功率"}, "derived",
       "successful ÷ (successful + unsuccessful); none when there are neither"},
      {"backlog.open", {"Open at period end", "期末時点の未完了件数"}, "derived",
       "opened before and not resolved, closed or withdrawn by the period's end (or the report date)"},
      {"backlog.oldest-age", {"Age of the oldest open", "最も古い未完了の経過時間"}, "derived",
       "backlog instant − opened"},
      {"backlog.median-age", {"Median age of the open", "未完了の経過時間の中央値"}, "derived",
       "backlog instant − opened"},
      {"service.unplaced", {"Records without the date a figure needs", "集計に必要な日付のないレコード"},
       "source", "left out of the figures that need that date"},
      {"service.outside-range", {"Records dated outside the report", "報告期間外の日付のレコード"},
       "source", "before the first period or after the report date"},
      {"service.backlog-undated", {"Concluded without an end date", "終了日時のない完了レコード"},
       "source", "left out of the backlog: when it ended is unknown"},
  };
}

}  // namespace

const std::vector<FigureDefinition>& ServiceFigureDefinitions() {
  static const auto* const definitions = new std::vector<FigureDefinition>(MakeDefinitions());
  return *definitions;
}

const FigureDefinition* FindServiceFigure(absl::string_view id) {
  for (const FigureDefinition& definition : ServiceFigureDefinitions()) {
    if (definition.id == id) return &definition;
  }
  return nullptr;
}

}  // namespace crosswalk::report
