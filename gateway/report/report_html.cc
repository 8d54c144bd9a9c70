#include "gateway/report/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace crosswalk::report::html {
namespace {

// SVG coordinates with one decimal.
std::string Px(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string Title(const std::string& title) {
  return title.empty() ? "" : absl::StrCat("<title>", Escape(title), "</title>");
}

// Colours: covered green, partial amber, not covered red (the *-bg classes, also SVG fills);
// cautioned: amber stripes.
constexpr char kStylesheet[] = R"(
:root{--covered:#2e7d32;--partial:#f0b400;--none:#c62828;--ink:#1f2933;--muted:#5b6776;--line:#d8dee6;--bg:#f3f5f8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 "DejaVu Sans","Noto Sans CJK JP","IPAPGothic",sans-serif}
html:lang(ja) body{font-family:"Noto Sans CJK JP","IPAPGothic","DejaVu Sans",sans-serif}
header.top{background:#1f3a5f;color:#fff;padding:14px 28px}
header.top h1{font-size:21px;margin:0 0 6px}
header.top dl{display:flex;flex-wrap:wrap;gap:4px 28px;margin:0}
header.top dt{color:#b8c7da;font-size:12px}
header.top dd{margin:0;font-weight:600}
header.top .sources{font-weight:400;font-size:12px;color:#dde6f0}
nav{margin-top:8px;font-size:12px}nav a{color:#dde6f0;margin-right:14px}
main{max-width:1400px;margin:0 auto;padding:6px 24px 32px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 18px 14px;margin:14px 0}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(168px,1fr));gap:10px}
.card{border:1px solid var(--line);border-left:5px solid #7b8a9c;border-radius:5px;padding:6px 10px}
.card .n{display:block;font-size:24px;font-weight:700;line-height:1.2}
.card .l{font-size:12px;color:var(--muted)}
.card.covered{border-left-color:var(--covered)}.card.partial{border-left-color:var(--partial)}
.card.not-covered{border-left-color:var(--none)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 7px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;font-size:12px}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.id{font-family:"DejaVu Sans Mono",monospace;font-size:12px;white-space:nowrap}
.heat .row{display:grid;grid-template-columns:230px 1fr;gap:10px;padding:5px 0;border-bottom:1px solid var(--line)}
.heat .gname{font-weight:600;font-size:13px}
.cells{display:flex;flex-wrap:wrap;gap:4px}
.cell{width:64px;height:42px;border-radius:4px;padding:3px 5px;color:#fff;line-height:1.15;position:relative}
.cell .ref{display:block;font-size:11px;white-space:nowrap}
a.ref{color:inherit;text-decoration:none}a.ref:hover{text-decoration:underline}
.cell .m{display:block;font-size:17px;font-weight:700}
.cell .mark{position:absolute;top:2px;right:5px;font-size:12px}
.covered-bg{background:var(--covered)}.partial-bg{background:var(--partial);color:#2b2100}.not-covered-bg{background:var(--none)}
.candidate-bg{background:#7b8794}.nonconforming-bg{background:#8e1b1b}
.cautioned-bg{background:repeating-linear-gradient(135deg,#f0b400 0 6px,#f7d56b 6px 12px);color:#2b2100}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;color:var(--muted);margin:8px 0 0}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-3px;margin-right:5px}
.caution{background:#fff7e0;border-left:4px solid var(--partial);padding:6px 10px;font-size:13px;margin:6px 0}
svg .covered-bg{fill:var(--covered)}svg .partial-bg{fill:var(--partial)}svg .not-covered-bg{fill:var(--none)}
svg .candidate-bg{fill:#7b8794}svg .nonconforming-bg{fill:#8e1b1b}
svg .outline{fill:none;stroke:#9aa5b1}svg .rest-bg{fill:#dfe5ec}
svg .col{fill:#8fb3d9}svg .col-hi{fill:#1f4e8c}svg .axis{stroke:#9aa5b1}
.unique{background:#fdecec}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;margin:1px 4px 1px 0;background:#e6eaf0}
.badge.unique-topic{background:#f8d0d0;color:#7a1010}
.sev-high{background:#f8d0d0;color:#7a1010}.sev-medium{background:#fde9b8;color:#5c4300}.sev-low{background:#dfe9f5;color:#1f3a5f}
.position-licensed{background:#d5ecd8;color:#14522b}.position-under-licensed{background:#fde9b8;color:#5c4300}.position-unlicensed{background:#f8d0d0;color:#7a1010}
.serves{font-size:12px}
.serves .grp{display:inline-block;margin-right:12px}
.serves .cat{color:var(--muted);margin-right:4px}
.status{white-space:nowrap}
.svc td{white-space:nowrap}
.svc td.name{white-space:normal;min-width:170px}
.svc tr.first td{border-top:2px solid #b9c3cf}
.svc th.span{text-align:center;border-bottom:2px solid #b9c3cf}
.svc .range{display:flex;justify-content:space-between;width:160px;font-size:10px;color:var(--muted)}
@media print{body{background:#fff}section{break-inside:avoid;border:none}}
)";

}  // namespace

absl::string_view Stylesheet() { return kStylesheet; }

std::string Escape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '/': out += "&#47;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Int(int64_t value) { return std::to_string(value); }

std::string Decimal(double value) { return nlohmann::json(value).dump(); }

std::string Percent(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", rate * 100);
  return buffer;
}

std::string Figure(absl::string_view tag, absl::string_view cls, absl::string_view path,
                   absl::string_view text) {
  return absl::StrCat("<", tag, cls.empty() ? "" : absl::StrCat(" class=\"", cls, "\""), " data-figure=\"",
                      Escape(path), "\">", Escape(text), "</", tag, ">");
}

std::string PercentFigure(absl::string_view tag, absl::string_view cls, absl::string_view path,
                          double rate) {
  return absl::StrCat("<", tag, cls.empty() ? "" : absl::StrCat(" class=\"", cls, "\""), " data-figure=\"",
                      Escape(path), "\" data-format=\"percent\">", Percent(rate), "</", tag, ">");
}

std::string StackedBarSvg(const std::vector<Segment>& segments, int width, int height) {
  double total = 0;
  for (const Segment& s : segments) total += std::max(0.0, s.value);
  std::string out = absl::StrCat("<svg class=\"bar\" width=\"", width, "\" height=\"", height, "\" viewBox=\"0 0 ",
                                 width, " ", height, "\" role=\"img\">");
  double x = 0;
  for (const Segment& s : segments) {
    if (total <= 0 || s.value <= 0) continue;
    const double w = width * s.value / total;
    absl::StrAppend(&out, "<rect class=\"", s.css_class, "\" x=\"", Px(x), "\" y=\"0\" width=\"", Px(w),
                    "\" height=\"", height, "\">", Title(s.title), "</rect>");
    x += w;
  }
  absl::StrAppend(&out, "<rect class=\"outline\" x=\"0.5\" y=\"0.5\" width=\"", width - 1, "\" height=\"", height - 1,
                  "\"></rect></svg>");
  return out;
}

std::string ColumnChartSvg(const std::vector<Column>& columns, int width, int height) {
  double top = 0;
  for (const Column& c : columns) top = std::max(top, c.value);
  std::string out = absl::StrCat("<svg class=\"columns\" width=\"", width, "\" height=\"", height, "\" viewBox=\"0 0 ",
                                 width, " ", height, "\" role=\"img\">");
  absl::StrAppend(&out, "<line class=\"axis\" x1=\"0\" y1=\"", height - 0.5, "\" x2=\"", width, "\" y2=\"",
                  height - 0.5, "\"></line>");
  const double step = columns.empty() ? 0 : static_cast<double>(width) / columns.size();
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    const double x = i * step + step * 0.15, w = step * 0.7;
    const double h = top <= 0 ? 0 : (height - 1) * c.value / top;
    const double hh = top <= 0 ? 0 : (height - 1) * std::min(c.highlight, c.value) / top;
    absl::StrAppend(&out, "<g>", Title(c.title), "<rect class=\"col\" x=\"", Px(x), "\" y=\"", Px(height - 1 - h),
                    "\" width=\"", Px(w), "\" height=\"", Px(h), "\"></rect>");
    if (hh > 0) {
      absl::StrAppend(&out, "<rect class=\"col-hi\" x=\"", Px(x), "\" y=\"", Px(height - 1 - hh), "\" width=\"", Px(w),
                      "\" height=\"", Px(hh), "\"></rect>");
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace crosswalk::report::html
