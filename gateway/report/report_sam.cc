#include "gateway/report/report_sam.h"

#include "absl/strings/str_cat.h"
#include "gateway/report/report_html.h"
#include "gateway/report/report_labels.h"

namespace crosswalk::report {
namespace {

using html::Escape;
using html::Figure;
using html::Int;

constexpr size_t kExceptionsShown = 3;  // subjects listed per exception kind on the dashboard

}  // namespace

nlohmann::ordered_json SamJson(const SamSummary& sam, const std::string& lang) {
  nlohmann::ordered_json positions = nlohmann::ordered_json::array();
  for (const SamPositionRow& p : sam.positions) {
    positions.push_back({{"publisher", p.publisher}, {"product", p.product}, {"metric", p.metric},
                         {"owned", p.owned}, {"unlimited", p.unlimited}, {"consumed", p.consumed},
                         {"position", p.position}, {"shortfall", p.shortfall}, {"status", p.status},
                         {"status_label", In(ValueLabel("position_status", p.status), lang)},
                         {"source", "sam"}, {"native_id", p.native_id}});
  }
  nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
  for (const SamExceptionKind& k : sam.exception_kinds) {
    nlohmann::ordered_json listed = nlohmann::ordered_json::array();
    for (const SamExceptionRow& e : k.listed) {
      listed.push_back({{"subject", e.subject}, {"detail", e.detail}, {"source", "sam"}, {"native_id", e.native_id}});
    }
    kinds.push_back({{"kind", k.kind}, {"label", In(ValueLabel("sam_exception", k.kind), lang)}, {"count", k.count},
                     {"listed", std::move(listed)}});
  }
  return {{"as_of", sam.as_of},           {"products", sam.products},     {"licensed", sam.licensed},
          {"under_licensed", sam.under_licensed}, {"unlicensed", sam.unlicensed}, {"shortfall", sam.shortfall},
          {"exceptions", sam.exceptions}, {"positions", std::move(positions)}, {"exception_kinds", std::move(kinds)}};
}

std::string SamSectionHtml(const SamSummary& sam, const std::string& lang) {
  auto T = [&lang](absl::string_view key) { return Escape(In(Heading(key), lang)); };
  std::string out = absl::StrCat("<section id=\"sam\"><h2>", T("sam"), "</h2>");
  if (sam.products == 0 && sam.exceptions == 0) {
    absl::StrAppend(&out, "<p class=\"muted\">", T("sam_none"), "</p></section>");
    return out;
  }
  absl::StrAppend(&out, "<p class=\"muted\">", T("sam_basis"), " ", Escape(sam.as_of), "</p><div class=\"cards\">");
  const std::pair<const char*, int64_t> cards[] = {{"products", sam.products},         {"licensed", sam.licensed},
                                                   {"under_licensed", sam.under_licensed}, {"unlicensed", sam.unlicensed},
                                                   {"shortfall", sam.shortfall},       {"exceptions", sam.exceptions}};
  for (const auto& [key, value] : cards) {
    absl::StrAppend(&out, "<div class=\"card\">", Figure("div", "big", absl::StrCat("sam.", key), Int(value)), "<div>",
                    T(absl::StrCat("sam_", key)), "</div></div>");
  }
  out += "</div>";
  if (!sam.positions.empty()) {
    absl::StrAppend(&out, "<table><tr><th>", T("publisher"), "</th><th>", T("product"), "</th><th>", T("metric"),
                    "</th><th class=\"num\">", T("sam_owned"), "</th><th class=\"num\">", T("sam_consumed"),
                    "</th><th class=\"num\">", T("sam_position"), "</th><th>", T("status"), "</th></tr>");
    for (size_t i = 0; i < sam.positions.size(); ++i) {
      const SamPositionRow& p = sam.positions[i];
      const std::string at = absl::StrCat("sam.positions[", i, "].");
      absl::StrAppend(&out, "<tr><td>", Escape(p.publisher), "</td><td>", Escape(p.product), "</td><td>", Escape(p.metric),
                      "</td>", Figure("td", "num", at + "owned", Int(p.owned)),
                      Figure("td", "num", at + "consumed", Int(p.consumed)),
                      Figure("td", "num", at + "position", Int(p.position)), "<td><span class=\"badge position-",
                      Escape(p.status), "\">", Escape(In(ValueLabel("position_status", p.status), lang)), "</span></td></tr>");
    }
    out += "</table>";
  }
  if (!sam.exception_kinds.empty()) {
    absl::StrAppend(&out, "<table><tr><th>", T("sam_exception"), "</th><th class=\"num\">", T("sam_count"), "</th><th>",
                    T("sample_records"), "</th></tr>");
    for (size_t i = 0; i < sam.exception_kinds.size(); ++i) {
      const SamExceptionKind& k = sam.exception_kinds[i];
      std::string subjects;
      for (size_t j = 0; j < k.listed.size() && j < kExceptionsShown; ++j) {
        absl::StrAppend(&subjects, j == 0 ? "" : "<br>", Escape(k.listed[j].subject), ": ", Escape(k.listed[j].detail));
      }
      if (k.count > static_cast<int64_t>(kExceptionsShown)) subjects += "<br>…";
      absl::StrAppend(&out, "<tr><td><span class=\"id\">", Escape(k.kind), "</span><br>",
                      Escape(In(ValueLabel("sam_exception", k.kind), lang)), "</td>",
                      Figure("td", "num", absl::StrCat("sam.exception_kinds[", i, "].count"), Int(k.count)), "<td>", subjects,
                      "</td></tr>");
    }
    out += "</table>";
  }
  out += "</section>";
  return out;
}

}  // namespace crosswalk::report
