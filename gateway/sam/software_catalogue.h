#ifndef CROSSWALK_GATEWAY_SAM_SOFTWARE_CATALOGUE_H_
#define CROSSWALK_GATEWAY_SAM_SOFTWARE_CATALOGUE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "re2/re2.h"

namespace crosswalk::sam {

// What an inventory said about one software entry (the attributes the inventory connector keeps).
struct DiscoveredInstall {
  std::string raw_name;
  std::string version;
  std::string publisher;
  std::string arch;
  std::string from;     // deb, rpm, registry, swid, sbom, …
  std::string edition;  // when the format said (SWID Meta edition)
  // Non-empty when the source itself says the install does not count, and why (ServiceNow's
  // inactive install rows: a duplicate another discovery source reported; GLPI's installs on an
  // asset in the trash): the install is kExcluded with this reason, whatever its title.
  std::string excluded;
};

// How a discovered install reads as a product (issue 13 Deliver 3).
struct NormalisedInstall {
  enum class Class {
    kProduct,       // a product a rule names (licensable; counted in the licence position)
    kUnrecognised,  // a title no product rule knows: kept as its cleaned title, listed with counts
    kPackage,       // a Debian/RPM package no package rule maps to a product (an OS component)
    kExcluded,      // not a product at all: a security update, a hotfix, a language pack …
  };
  Class kind = Class::kUnrecognised;
  std::string publisher;  // canonical (an alias rule) or the raw publisher without legal suffixes
  std::string product;    // canonical product, or the cleaned title
  std::string version;    // from the product rule's `version` group, a token rule, or as discovered
  std::string edition;
  std::string arch;
  std::string reason;     // kExcluded: why (the exclude rule's value)
  // A product that needs no licence (a `free` rule: open source, freeware): why, e.g. "open
  // source (MPL 2.0)"; empty: it needs one. The licence position counts a free product only
  // where an entitlement names it (a support subscription, say).
  std::string free;
  // Every rule that decided something, in order: "sw.pub.microsoft", "sw.tok.x64", "sw.prod.office".
  std::vector<std::string> rules;
};

// The class's word in listings and exports: product, unrecognised, package, excluded.
const char* ClassName(NormalisedInstall::Class kind);

// The software rules catalogue, mappings/rules/software.csv: columns id, step, pattern, value,
// note. Steps apply in this order; patterns are RE2, matched against the MatchKey of the text
// (NFKC, case folded, spaces collapsed), whole-text unless a step says otherwise:
//
//   exclude          pattern found anywhere in the title → not a product; value: the reason
//   publisher-suffix pattern found at the end of the publisher → removed (again until none does)
//   publisher        whole publisher → value, the canonical publisher
//   token            pattern found anywhere in the title → removed; value "arch=x64",
//                    "edition=\1" or "version=\1" (\1: the pattern's first group)
//   package          a deb/rpm package name (":arch" removed) → value "Publisher|Product"
//   product          whole cleaned title → value "Publisher|Product"; named groups (?P<version>…),
//                    (?P<edition>…) fill those fields
//   free             "publisher|product" of a product (as the rules above named it, MatchKey) →
//                    needs no licence; value: why ("open source (MPL 2.0)", "freeware")
//
// A deb or rpm entry no package rule names is a kPackage; a title no product rule names is
// kUnrecognised with its cleaned title as product. The first matching rule of a step wins.
class SoftwareCatalogue {
 public:
  // INVALID_ARGUMENT naming file, line and column for an unknown step, a bad RE2 pattern, a
  // product or package value that is not "Publisher|Product", a token value that is not
  // arch=, edition= or version=, a repeated id.
  static absl::StatusOr<std::unique_ptr<SoftwareCatalogue>> Load(const std::string& mappings_dir);
  static absl::StatusOr<std::unique_ptr<SoftwareCatalogue>> Parse(const std::string& csv_text, const std::string& name);

  // The rules' reading of `install`; one the source excludes is kExcluded (rule
  // "source-excluded") with its product read as the rules read it.
  NormalisedInstall Normalise(const DiscoveredInstall& install) const;

  size_t size() const { return rules_.size(); }

 private:
  struct Rule {
    std::string id, step, pattern, value;
    std::shared_ptr<RE2> re;
  };
  NormalisedInstall ReadTitle(const DiscoveredInstall& install) const;
  const Rule* First(const std::string& step, const std::string& key, bool whole, std::string* group1 = nullptr) const;
  // Sets `free` when a free rule names the product.
  void MarkFree(NormalisedInstall& out) const;

  std::vector<Rule> rules_;
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SOFTWARE_CATALOGUE_H_
