#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_HTML_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_HTML_H_

// The building blocks of the HTML dashboard (report_render_html.cc): the stylesheet, escaping,
// figures marked with their JSON path, and the inline SVG charts. Nothing here writes a URL of
// any kind.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace crosswalk::report::html {

// The dashboard's CSS: its classes, the *-bg colour classes that StackedBarSvg's segments use
// too, and no url() or @import.
absl::string_view Stylesheet();

// Text for HTML content or a quoted attribute: & < > " ' and / become character references, so
// text from data can never open a tag, end an attribute or spell a URL.
std::string Escape(absl::string_view text);

// A number as the JSON report writes it: an integer as such, a decimal in its shortest
// round-trip form (nlohmann::json's dump, e.g. 0.67, 2.0).
std::string Int(int64_t value);
std::string Decimal(double value);
// A rate as a whole percentage ("%.0f" of value × 100); its element says data-format="percent".
std::string Percent(double rate);

// <tag class="cls" data-figure="path">text</tag>: the element's whole text is the figure at
// `path` of the JSON report of kind all ("summary.covered", "groups[2].not_covered").
std::string Figure(absl::string_view tag, absl::string_view cls, absl::string_view path,
                   absl::string_view text);
// The same for a rate shown as a percentage (data-format="percent").
std::string PercentFigure(absl::string_view tag, absl::string_view cls, absl::string_view path,
                          double rate);

// One part of a stacked bar: its size, CSS class (the colour) and tooltip.
struct Segment {
  double value = 0;
  std::string css_class;
  std::string title;
};
// A horizontal bar `width`×`height` px split in proportion to the segments' values (an empty
// outline when they are all zero).
std::string StackedBarSvg(const std::vector<Segment>& segments, int width, int height);

// One column of a small column chart: its height and, drawn over it, a highlighted part.
struct Column {
  double value = 0;
  double highlight = 0;  // ≤ value
  std::string title;     // tooltip
};
// Columns side by side over `width`×`height` px, scaled to the largest value; no numbers drawn.
std::string ColumnChartSvg(const std::vector<Column>& columns, int width, int height);

}  // namespace crosswalk::report::html

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_HTML_H_
