#include "gateway/report/report_labels.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace crosswalk::report {
namespace {

Label Find(const std::map<std::string, Label, std::less<>>& table, absl::string_view key) {
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  return {std::string(key), std::string(key)};
}

}  // namespace

Label CoverageStatusLabel(absl::string_view status) {
  static const auto* table = new std::map<std::string, Label, std::less<>>{
      {"covered", {"covered", "証跡あり"}},
      {"partial", {"partial", "部分的"}},
      {"candidate", {"candidate only", "候補のみ"}},
      {"nonconforming", {"nonconforming", "不適合あり"}},
      {"not-covered", {"not covered", "未対応"}},
  };
  return Find(*table, status);
}

Label MaturityLabel(int maturity) {
  switch (maturity) {
    case 0: return {"0 not implemented", "0 未実施"};
    case 1: return {"1 partially implemented", "1 一部実施"};
    case 2: return {"2 implemented, no documented procedure", "2 実施（文書化した手順なし）"};
    case 3: return {"3 documented procedure, implemented", "3 文書化した手順があり実施"};
    default: return {std::to_string(maturity), std::to_string(maturity)};
  }
}

Label FreshnessLabel(absl::string_view freshness) {
  static const auto* table = new std::map<std::string, Label, std::less<>>{
      {"current", {"current", "最新"}},
      {"stale", {"stale", "古い"}},
      {"none", {"no evidence", "証跡なし"}},
  };
  return Find(*table, freshness);
}

Label TargetsLabel(const AppliedTargets& targets) {
  const size_t slash = targets.detail.find_last_of('/');
  // A file is named by its base name (reports carry no server paths); a record by source/id.
  const std::string detail = targets.origin == TargetOrigin::kCatalogue || slash == std::string::npos
                                 ? targets.detail
                                 : targets.detail.substr(slash + 1);
  switch (targets.origin) {
    case TargetOrigin::kCatalogue:
      return {absl::StrCat("service catalogue (", detail, ")"), absl::StrCat("サービスカタログ（", detail, "）")};
    case TargetOrigin::kConfig:
      return {absl::StrCat("configuration (", detail, ")"), absl::StrCat("設定（", detail, "）")};
    case TargetOrigin::kGlobal:
      break;
  }
  return {absl::StrCat("global table (", detail, ")"), absl::StrCat("全体の目標表（", detail, "）")};
}

Label CalendarLabel(const std::string& calendar) {
  if (calendar.empty()) return {"elapsed hours", "経過時間"};
  return {absl::StrCat("working hours: ", calendar), absl::StrCat("営業時間：", calendar)};
}

Label Heading(absl::string_view key) {
  static const auto* table = new std::map<std::string, Label, std::less<>>{
      {"title", {"ISO/IEC 20000-1 compliance report", "ISO/IEC 20000-1（JIS Q 20000-1）適合状況レポート"}},
      {"target", {"Target", "対象規格"}},
      {"as_of", {"Report date", "基準日"}},
      {"time_zone", {"Time zone", "タイムゾーン"}},
      {"records", {"Records read", "読み込んだレコード"}},
      {"sources", {"Sources", "ソース"}},
      {"summary", {"Summary", "概要"}},
      {"clauses", {"Clauses", "箇条"}},
      {"coverage", {"Coverage by clause", "箇条ごとの適合状況"}},
      {"groups", {"Coverage by clause group", "箇条グループごとの適合状況"}},
      {"heatmap", {"Clauses by status and maturity", "状況と成熟度による箇条の分布"}},
      {"shared", {"Shared controls: what your ISMS/QMS already gives your SMS", "共有される管理策：ISMS・QMSがSMSにもたらすもの"}},
      {"gaps", {"Gaps", "ギャップ"}},
      {"quality", {"Record-quality findings", "レコード品質の指摘"}},
      {"service", {"Service reporting (20000-1:2018 9.4)", "サービスの報告（JIS Q 20000-1:2020 9.4）"}},
      {"clause", {"Clause", "箇条"}},
      {"clause_title", {"Title", "名称"}},
      {"scope", {"Scope checks (JIPDEC guide JIP-ITSMS112-2.1 chapter 3, Appendix C)", "適用範囲の確認（JIPDEC ガイド JIP-ITSMS112-2.1 第3章・付録C）"}},
      {"strength", {"Strength", "要求の強さ"}},
      {"outcome", {"Outcome", "結果"}},
      {"failing", {"Failing items", "不適合の項目"}},
      {"fail", {"failed", "不適合"}},
      {"pass", {"passed", "適合"}},
      {"not-assessable", {"not assessable", "判定不能"}},
      {"severity", {"Severity", "重大度"}},
      {"basis", {"Basis", "根拠"}},
      {"status", {"Status", "状況"}},
      {"maturity", {"Maturity", "成熟度"}},
      {"maturity_mean", {"Mean maturity", "平均成熟度"}},
      {"evidence", {"Evidence", "証跡"}},
      {"controls", {"Controls", "管理策"}},
      {"documents", {"Documents", "文書"}},
      {"newest", {"Newest evidence", "最新の証跡"}},
      {"reason", {"Reason", "理由"}},
      {"freshness", {"Freshness", "鮮度"}},
      {"caution", {"Caution", "注意"}},
      {"unique", {"Unique to 20000-1 (27013 comparison)", "20000-1固有（27013の比較）"}},
      {"record", {"Record", "レコード"}},
      {"serves", {"Serves", "対応する要求事項"}},
      {"standards", {"Standards", "規格数"}},
      {"requirements", {"Requirements", "要求事項数"}},
      {"rule", {"Rule", "ルール"}},
      {"findings", {"Findings", "指摘"}},
      {"examined", {"Examined", "確認数"}},
      {"covered", {"Covered", "証跡あり"}},
      {"partial", {"Partial", "部分的"}},
      {"not-covered", {"Not covered", "未対応"}},
      {"candidate", {"Candidate only", "候補のみ"}},
      {"nonconforming", {"Nonconforming", "不適合あり"}},
      {"disagreements", {"Assessment disagrees", "評価と算出が不一致"}},
      {"assessed", {"Assessed", "評価"}},
      {"against", {"Against", "反する記録"}},
      {"assessed_status", {"Assessed status", "評価の状態"}},
      {"assessed_maturity", {"Assessed maturity", "評価の成熟度"}},
      {"owner", {"Owner", "担当"}},
      {"due", {"Due", "期限"}},
      {"action", {"Action plan", "対応計画"}},
      {"disagrees", {"Disagrees", "不一致"}},
      {"disagrees_mark", {"assessment disagrees with the computed value", "評価が算出値と不一致"}},
      {"cautioned", {"Resting on mapped controls alone", "対応付けた管理策のみに依拠"}},
      {"unique_gaps", {"Gaps in areas unique to 20000-1", "20000-1固有領域のギャップ"}},
      {"service_name", {"Service", "サービス"}},
      {"resolution_targets", {"Resolution targets", "解決目標"}},
      {"calendar", {"Resolution time counted in", "解決時間の数え方"}},
      {"period", {"Period", "期間"}},
      {"incidents", {"Incidents", "インシデント"}},
      {"within_target", {"Resolved within target", "目標内に解決"}},
      {"breaches", {"SLA breaches", "SLA違反"}},
      {"change_success", {"Change success rate", "変更の成功率"}},
      {"changes_successful", {"Changes successful", "成功した変更"}},
      {"changes_unsuccessful", {"Changes unsuccessful", "失敗した変更"}},
      {"backlog", {"Open backlog", "未解決の残件"}},
      {"oldest_days", {"Oldest open (days)", "最古の未解決（日）"}},
      // The HTML dashboard's (report_render_html.cc).
      {"group", {"Group", "グループ"}},
      {"leaves", {"Leaf clauses", "細分箇条数"}},
      {"legend", {"Legend", "凡例"}},
      {"shared_count", {"Shared controls and records", "共有される管理策・レコード"}},
      {"shared_top", {"Those serving the most requirements", "対応する要求事項の多いもの"}},
      {"quality_findings", {"Record-quality findings", "レコード品質の指摘"}},
      {"gaps_unique", {"Not covered, in areas unique to 20000-1 (27013 comparison)", "未対応：20000-1固有の領域（27013の比較）"}},
      {"gaps_other", {"Not covered, other clauses", "未対応：その他の箇条"}},
      {"gaps_cautioned", {"Partial, resting on mapped controls alone", "部分的：対応付けた管理策のみに依拠"}},
      {"none", {"none", "なし"}},
      {"scope_failed", {"Scope checks failed", "適用範囲の確認：不適合"}},
      {"scope_not_assessable", {"Scope checks not assessable", "適用範囲の確認：判定不能"}},
      {"scope_passed", {"Scope checks passed", "適用範囲の確認：適合"}},
      {"unique_areas", {"Where the areas unique to 20000-1 stand", "20000-1固有の領域の状況"}},
      {"caution_mark", {"† coverage rests on mapped controls alone", "† 対応付けた管理策のみに依拠"}},
      {"sample_records", {"Records (first)", "レコード（先頭）"}},
      {"priority", {"Priority", "優先度"}},
      {"incidents_by_priority", {"Incidents by priority", "優先度別のインシデント"}},
      {"opened", {"Opened", "受付"}},
      {"changes", {"Changes", "変更"}},
      {"changes_successful", {"Successful", "成功"}},
      {"changes_unsuccessful", {"Unsuccessful", "失敗"}},
      {"rate_percent", {"Rate (%)", "率（%）"}},
      {"within_rate", {"Of resolved (%)", "解決済みに対する率（%）"}},
      {"open_by_kind", {"Open backlog at the period's end: open (oldest, days)", "期末の未解決の残件：件数（最古、日）"}},
      {"incident", {"Incidents", "インシデント"}},
      {"service-request", {"Service requests", "サービス要求"}},
      {"problem", {"Problems", "問題"}},
      {"incidents_chart", {"Incidents opened per period; SLA breaches darker", "期間ごとのインシデント（濃色はSLA違反）"}},
      {"latest_periods", {"Per service, the latest periods with incidents or changes, and the report's last period", "サービスごとに、インシデント又は変更のあった直近の期間と報告の最終期間"}},
      {"no_activity", {"no activity in the report's periods", "報告期間中の活動なし"}},
      {"(no service)", {"(no service)", "（サービスなし）"}},
      {"critical", {"critical", "緊急"}},
      {"high", {"high", "高"}},
      {"moderate", {"moderate", "中"}},
      {"planning", {"planning", "計画"}},
      {"(none)", {"(none)", "（なし）"}},
      {"(unmapped)", {"(unmapped)", "（対応付けなし）"}},
      {"medium", {"medium", "中"}},
      {"low", {"low", "低"}},
      {"seed", {"JIPDEC guide JIP-ITSMS112-2.1", "JIPDEC ガイド JIP-ITSMS112-2.1"}},
      {"derived", {"derived", "導出"}},
  };
  return Find(*table, key);
}

const std::string& In(const Label& label, const std::string& lang) {
  return lang == "ja" && !label.ja.empty() ? label.ja : label.en;
}

}  // namespace crosswalk::report
