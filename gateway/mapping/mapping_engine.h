#ifndef CROSSWALK_GATEWAY_MAPPING_MAPPING_ENGINE_H_
#define CROSSWALK_GATEWAY_MAPPING_MAPPING_ENGINE_H_

#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"
#include "gateway/mapping/mapping_data.h"
#include "gateway/mapping/relationship_algebra.h"

namespace crosswalk::mapping {

struct MapQuery {
  std::string from;               // catalog id or alias
  std::string to;                 // catalog id or alias
  std::vector<std::string> refs;  // refs of `from`; empty: every row between the two catalogs
  // Only rows stated between the two catalogs for the queried ref itself: no ancestors, no paths
  // through other catalogs.
  bool direct_only = false;
  int max_hops = 5;   // crosswalk rows in one path, at most
  bool best = false;  // keep only the strongest path to each target ref
  // Also answer with candidates (MapResult::Tier): what the algebra cannot prove but a reviewer
  // should see. Off by default so that coverage and every other caller that counts results reads
  // sound paths only; `map` and `gaps` turn it on.
  bool candidates = false;
  // The organisation's decisions (gateway/core/organisation.h): confirmed and added rows take part
  // with basis `organisation`; rejected candidates are left out and said so. Not owned; may be null.
  const std::vector<MappingDecision>* decisions = nullptr;
};

// One step of a mapping path. `ref` is empty at the far end of a "no counterpart" statement.
struct PathHop {
  std::string catalog;
  std::string ref;

  // "catalog:ref", with "(none)" for an empty ref; hops are joined with '>' in csv output.
  std::string ToString() const;
};

// One answer of Map(): a path from the queried ref to a ref of the target catalog, read as
// "from_ref is <label> to to_ref".
struct MapResult {
  // sound: every hop is stated and the composition proves the relations. candidate: a path the
  // algebra cannot prove, offered for review and never counted as coverage until an organisation
  // confirms it (a decision); `reason` says which of the three kinds it is:
  // - an unprovable chain (e.g. intersects-with then superset-of: the overlap may miss the part);
  // - a parent's row read for its part (a row to 20000-1 8.7.3 offered for 8.7.3.2, or a row of
  //   clause 9 offered for 9.2 where it does not pass down soundly);
  // - a child's row read for its parent (a row of A.5.24 offered for A.5).
  // Where such a reading is provable (a row equal to 8.7.3 is a superset of 8.7.3.2; a parent
  // contains what its child equals) it is a sound, derived result instead.
  // A candidate's `relations` are the hypothesis "the two overlap": the composition without
  // no-relationship.
  // kRejected: a candidate the organisation rejected, found only in MapAnswer::rejected.
  enum class Tier { kSound, kCandidate, kRejected };
  Tier tier = Tier::kSound;
  std::string reason;  // for a candidate: why it is one, in words; for a rejected one, the decision
  // With MapQuery::best: how many other paths to the same to_ref were set aside for this one.
  int set_aside = 0;
  std::string from_ref;  // empty for a "nothing in `from` corresponds to to_ref" statement
  std::string to_ref;    // empty for a "from_ref has no counterpart in `to`" statement
  // The base relations consistent with every hop (relationship_algebra.h); one for a direct row.
  RelationSet relations;
  bool equivalent = false;  // some hop was `equivalent` rather than `equal`
  // The weakest hop's strength; none when any hop has none.
  std::optional<int> strength;
  // True when a row stated for an ancestor of a ref on the path is inherited; `path` then names the
  // ancestor after the ref. How a row passes down depends on what the ancestor is:
  // - an annex, domain or objective is a group of controls, and a row stated for it speaks for
  //   each control under it (the seed's （全般）, "all controls under the objective"): its
  //   relationship holds for the member, except that equal, equivalent and subset-of become
  //   subset-of and superset-of becomes intersects-with;
  // - any other ancestor (a clause, a process) only passes down what follows soundly from "member
  //   is subset-of ancestor": equal, equivalent and subset-of become subset-of, no-relationship
  //   stays; intersects-with and superset-of say nothing about the member and are not inherited.
  bool derived = false;
  // True when some row on the path was stated in the other direction and is read backwards.
  bool inverted = false;
  // Every ref on the path, from the queried ref to the answer, ancestors included.
  std::vector<PathHop> path;
  // The stated rows crossed, in order: source, line, note, basis, confidence of each hop.
  std::vector<const CrosswalkRow*> rows;

  // relationship_algebra.h's Label: a relationship name, "related" or "unknown".
  std::string label() const { return Label(relations, equivalent); }
};

struct MapAnswer {
  // Sound results first (shorter paths first), then candidates.
  std::vector<MapResult> results;
  // What the search learned without reaching the target: the queried item is stated to have no
  // counterpart in another catalog on the way (e.g. a control new in 27001:2022 has none in 2013).
  std::vector<std::string> notes;
  // Candidates an organisation rejected (MappingDecision::kReject), left out of `results`, with
  // tier kRejected and the reason "rejected by NAME (decision #ID): why; the candidate: …".
  std::vector<MapResult> rejected;
  // The organisation's confirmed and added rows (basis organisation) that `results` point into.
  std::shared_ptr<const std::vector<CrosswalkRow>> organisation_rows;
};

// A target item that the source catalog does not fully cover.
struct Gap {
  enum class Status { kUnmapped, kNoCounterpart, kPartial, kCandidate };
  std::string to_ref;
  Status status = Status::kUnmapped;
  std::string note;  // what reaches it, or the stated "no counterpart", with sources
};

// "sound", "candidate" or "rejected".
absl::string_view Name(MapResult::Tier tier);

// "unmapped", "no-counterpart", "partial" or "candidate".
absl::string_view Name(Gap::Status status);

// Answers questions from loaded mapping data. Immutable after construction; safe to share between
// threads.
class MappingEngine {
 public:
  explicit MappingEngine(MappingData data);

  const MappingData& data() const { return data_; }

  // The catalog named by an id or alias. NOT_FOUND names the nearest known ids.
  absl::StatusOr<const Catalog*> ResolveCatalog(absl::string_view id) const;

  // The item named by `ref` in `catalog`: its ref or alias exactly, then the same after NFKC and
  // case folding, then with the `A.` prefix when that is unambiguous (`5.24` → `A.5.24` unless a
  // clause 5.24 exists), then an English or Japanese title that names exactly one item.
  // NOT_FOUND names the nearest refs.
  absl::StatusOr<const CatalogItem*> ResolveRef(const Catalog& catalog, absl::string_view ref) const;

  // Without refs: every row stated between the two catalogs, in either direction (rows stated from
  // `to` to `from` are read backwards with the relationship inverted).
  // With refs: for each ref in order, every path of at most max_hops rows to the target catalog,
  // through any other catalogs (none twice), inheriting rows of ancestors as MapResult::derived
  // says, with the relationships composed soundly; paths whose composition supports no claim
  // ("unknown") are left out unless query.candidates (then they and the parent/child readings come
  // after the sound results as MapResult::Tier::kCandidate, one per to_ref, none for a to_ref a
  // sound path reaches, none that the organisation rejected). Shorter paths first. direct_only
  // keeps the one-row paths of the ref itself. The organisation's confirmed and added decisions
  // take part as rows with basis organisation. INVALID_ARGUMENT when from and to are the same catalog or max_hops < 1; NOT_FOUND for an
  // unknown catalog or ref.
  absl::StatusOr<MapAnswer> Map(const MapQuery& query) const;

  // Every item of `to` that no item of `from` fully covers, in catalog order: `partial` when sound
  // paths reach it only as subset-of, intersects-with or related (from the item's side: what the
  // source has is part of, or overlaps, the target), or when it is reached only through its parts
  // (a sound path to one of its descendants); `candidate` when only candidates reach it;
  // `no-counterpart` when a source states that `from` has none and nothing reaches it, else
  // `unmapped`. Covered items (reached as equal, equivalent or superset-of) are left out. Paths as
  // in Map() with `max_hops` and the organisation's `decisions` (may be null).
  absl::StatusOr<std::vector<Gap>> Gaps(const std::string& from, const std::string& to,
                                        int max_hops = 5,
                                        const std::vector<MappingDecision>* decisions = nullptr) const;

  // Term-table rows where `query` equals, after NFKC and case folding, the English term, the JIS
  // Japanese term, the ITIL Japanese term or one of the 、-separated renderings in a cell; when no
  // row matches that way, the rows where it is part of one of them. An empty query gives every row.
  std::vector<const Term*> FindTerms(absl::string_view query) const;

  // The annotations of one item (purpose, PDCA phase), in file order.
  std::vector<const Annotation*> AnnotationsOf(const Catalog& catalog, absl::string_view ref) const;

 private:
  MappingData data_;
};

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_MAPPING_ENGINE_H_
