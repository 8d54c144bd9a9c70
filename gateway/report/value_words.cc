#include "gateway/report/value_words.h"

namespace crosswalk::report {

const ReportValueWords& ValueWords() {
  static const ReportValueWords* const words = new ReportValueWords{
      .approved = {"approved", "yes", "y", "true", "granted", "authorised", "authorized", "承認",
                   "承認済", "承認済み", "済", "○", "〇", "◯", "✓"},
      .approved_prefixes = {"approved ", "承認済"},
      .software_classes = {"software", "application", "ソフトウェア", "アプリケーション"},
      // ServiceNow's software classes (cmdb_ci_appl and its subclasses, software packages).
      .software_native_kinds = {"cmdb_ci_appl", "cmdb_ci_spkg", "cmdb_ci_software"},
      .standard_changes = {"standard", "pre-approved", "標準", "標準変更"},
  };
  return *words;
}

}  // namespace crosswalk::report
