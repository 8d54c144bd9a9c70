#include "gateway/report/scope_facts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

// The attribute keys the checks read: canonical role names only (mappings/presets/roles.csv and
// columns.csv: service-catalogue, suppliers). Header spellings are synonyms of these roles there.
struct Keys {
  KeySet in_scope{"in_scope"};
  KeySet aliases{"aliases"};
  KeySet sla{"sla", "service_level_target"};  // as the quality report's service-without-SLA
  KeySet reviewed{"reviewed"};
  KeySet operated_by{"operated_by"};
  KeySet party_type{"party_type"};
  KeySet services{"services"};
  KeySet processes{"processes"};
  KeySet governance{"governance_evidence"};
  KeySet service{"service"};
  KeySet ci{"ci"};
};

const Keys& K() {
  static const Keys* const keys = new Keys;
  return *keys;
}

// The value under `keys` when one is present, else "".
std::string Text(const RecordView& view, const KeySet& keys) {
  const FieldLookup lookup = view.Attribute(keys);
  return lookup.state == FieldState::kPresent ? std::string(absl::StripAsciiWhitespace(lookup.value)) : "";
}

std::optional<int64_t> Date(const RecordView& view, const KeySet& keys) {
  const std::string text = Text(view, keys);
  if (text.empty()) return std::nullopt;
  auto seconds = ParseTimestamp(text);
  return seconds.ok() ? std::optional<int64_t>(*seconds) : std::nullopt;
}

// Folded native id, source/native id and title: the names other records may use for a record.
std::vector<std::string> OwnNames(const Record& record) {
  const Provenance& p = record.provenance;
  std::vector<std::string> names = {MatchKey(p.native_id),
                                    MatchKey(absl::StrCat(p.source, "/", p.native_id))};
  if (!record.title.empty()) names.push_back(MatchKey(record.title));
  return names;
}

std::string DisplayName(const Record& record) {
  return record.title.empty() ? record.provenance.native_id : record.title;
}

// The folded service names a record names: its service links and service attribute, sorted,
// without repeats.
std::vector<std::string> ServiceNames(const RecordView& view) {
  std::vector<std::string> names = view.LinkTargets("service");
  const std::string attribute = Text(view, K().service);
  if (!attribute.empty()) names.push_back(MatchKey(attribute));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

std::vector<std::string> SplitList(absl::string_view text) {
  // The full-width semicolon and comma and the ideographic comma separate as ';' does.
  const std::string plain = absl::StrReplaceAll(text, {{"；", ";"}, {"，", ";"}, {"、", ";"}});
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(plain, absl::ByAnyChar(";,\n\r"))) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

ScopeFacts::ScopeFacts(std::set<std::string> kinds) : service_process_kinds(std::move(kinds)) {}

void ScopeFacts::Add(const Record& record) {
  const RecordView view(record);
  const std::string& kind = record.kind;
  ++records_per_kind[kind];
  if (kind == "service") {
    ServiceFact service;
    service.key = KeyOf(record);
    service.name = DisplayName(record);
    service.names = OwnNames(record);
    for (const std::string& alias : SplitList(Text(view, K().aliases)))
      service.names.push_back(MatchKey(alias));
    const std::string flag = MatchKey(Text(view, K().in_scope));
    if (flag == "true" || flag == "false") service.in_scope = flag == "true";
    service.in_use = !IsOutOfService(record.status) && !IsWithdrawn(record.status);
    service.has_sla = view.Attribute(K().sla).state == FieldState::kPresent;
    for (const char* relation : {"sla", "agreement", "service-level-target"}) {
      service.has_sla = service.has_sla || !view.LinkTargets(relation).empty();
    }
    service.reviewed = Date(view, K().reviewed);
    service.operated_by = Text(view, K().operated_by);
    services.push_back(std::move(service));
  } else if (kind == "supplier") {
    PartyFact party;
    party.key = KeyOf(record);
    party.name = DisplayName(record);
    party.names = OwnNames(record);
    party.type = Text(view, K().party_type);
    party.services = view.LinkTargets("service");
    for (const std::string& name : SplitList(Text(view, K().services)))
      party.services.push_back(MatchKey(name));
    party.processes = SplitList(Text(view, K().processes));
    party.reviewed = Date(view, K().reviewed);
    party.governance_evidence = Text(view, K().governance);
    parties.push_back(std::move(party));
  } else if (kind == "configuration-item" && !IsOutOfService(record.status)) {
    cis.push_back({KeyOf(record), DisplayName(record), MatchKey(record.provenance.native_id),
                   MatchKey(record.title), ServiceNames(view)});
  } else if (kind == "service-level-target" || kind == "agreement") {
    for (const std::string& name : ServiceNames(view)) sla_references.insert(name);
  }
  if (kind == "change") {
    std::vector<std::string> named = view.LinkTargets("ci");
    const std::string attribute = Text(view, K().ci);
    if (!attribute.empty()) named.push_back(MatchKey(attribute));
    if (!named.empty()) ++changes_naming_ci;
    change_ci_references.insert(named.begin(), named.end());
  }
  if (service_process_kinds.count(kind)) {
    std::vector<std::string> named = ServiceNames(view);
    if (!named.empty()) ++service_references[kind][std::move(named)];
  }
}

}  // namespace crosswalk::report
