#ifndef CROSSWALK_TOOLS_CLI_TEXT_WIDTH_H_
#define CROSSWALK_TOOLS_CLI_TEXT_WIDTH_H_

namespace crosswalk::cli {

// The width tables are fitted to (gateway/core/text_width.h): 0 (no limit) with `wide`; else
// $COLUMNS when it is a positive number; else the terminal's width when standard output is a
// terminal; else 0 (a file or a pipe).
int TableWidth(bool wide);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_TEXT_WIDTH_H_
