// SC-20 and SC-22 (the processes and the services they manage), SC-30 and SC-31 (the SLA and the
// reviews of each in-scope service).

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/report/scope_checks.h"

namespace crosswalk::report {
namespace {

bool Shares(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(),
                     [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

Label ServiceLabel(const ServiceFact& service, const ScopeProcess& process) {
  return {absl::StrCat(service.name, ": ", process.ref, " ", process.title.en),
          absl::StrCat(service.name, "：", process.ref, " ", process.title.ja)};
}

Label ServiceCount(size_t count) {
  return {absl::StrCat(count, " in-scope services."), absl::StrCat("適用範囲内のサービス ", count, " 件。")};
}

ScopeCheck AllProcessesOperated(const ScopeFacts& facts, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopeAllProcesses);
  for (const ScopeProcess& process : options.processes) {
    ScopeItem item{process.ref, process.title, kScopePass, {}, 0, {}};
    const std::string kinds = absl::StrJoin(process.kinds, ", ");
    if (process.kinds.empty()) {
      item.outcome = kScopeNotAssessable;
      item.detail = {
          "No record kind evidences this process (mappings/rules/kinds.csv): its records "
          "(plans, reviews, reports) would need a kind and a source.",
          "このプロセスを示す記録の種類がない（mappings/rules/kinds.csv）。その記録（計画、"
          "レビュー、報告）の種類と取込元が必要。"};
    } else {
      for (const std::string& kind : process.kinds) {
        auto it = facts.records_per_kind.find(kind);
        if (it != facts.records_per_kind.end()) item.evidence += it->second;
      }
      if (item.evidence > 0) {
        item.detail = {absl::StrCat(item.evidence, " records of kind ", kinds, "."),
                       absl::StrCat("種類 ", kinds, " の記録 ", item.evidence, " 件。")};
      } else {
        item.outcome = kScopeFail;
        item.detail = {absl::StrCat("No record of kind ", kinds, "."),
                       absl::StrCat("種類 ", kinds, " の記録がない。")};
      }
    }
    check.items.push_back(std::move(item));
  }
  const std::string catalog = EditionCatalog(options.edition);
  Conclude(check, {absl::StrCat("The processes of ", catalog, "."), absl::StrCat(catalog, " のプロセス。")});
  return check;
}

ScopeCheck SameServicesManaged(const ScopeFacts& facts, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopeSameObjects);
  const std::vector<const ServiceFact*> in_scope = InScopeServices(facts);
  if (!HaveInScope(check, facts, in_scope)) return check;
  for (const ScopeProcess& process : options.processes) {
    std::vector<std::string> kinds;
    for (const std::string& kind : process.kinds) {
      if (facts.service_process_kinds.count(kind)) kinds.push_back(kind);
    }
    if (kinds.empty()) continue;
    bool names_any = false;
    int64_t records = 0;
    for (const std::string& kind : kinds) {
      names_any = names_any || facts.service_references.count(kind) > 0;
      auto it = facts.records_per_kind.find(kind);
      if (it != facts.records_per_kind.end()) records += it->second;
    }
    const std::string kind_text = absl::StrJoin(kinds, ", ");
    for (const ServiceFact* service : in_scope) {
      ScopeItem item{absl::StrCat(service->key.native_id, " ", process.ref),
                     ServiceLabel(*service, process),
                     kScopePass,
                     {},
                     0,
                     {service->key}};
      for (const std::string& kind : kinds) {
        auto references = facts.service_references.find(kind);
        if (references == facts.service_references.end()) continue;
        for (const auto& [names, count] : references->second) {
          if (Shares(names, service->names)) item.evidence += count;
        }
      }
      if (!names_any) {
        item.outcome = kScopeNotAssessable;
        item.detail = {absl::StrCat(records, " records of kind ", kind_text,
                                    ", none names a service: records with "
                                    "a service reference (e.g. ServiceNow business_service) are needed."),
                       absl::StrCat("種類 ", kind_text, " の記録 ", records,
                                    " 件のいずれもサービスを指していない。"
                                    "サービスを参照する記録（例：ServiceNow の business_service）が必要。")};
      } else if (item.evidence > 0) {
        item.detail = {
            absl::StrCat(item.evidence, " records of kind ", kind_text, " name the service."),
            absl::StrCat("種類 ", kind_text, " の記録 ", item.evidence, " 件がこのサービスを指している。")};
      } else {
        item.outcome = kScopeFail;
        item.detail = {
            absl::StrCat("Records of kind ", kind_text, " name other services, none this one."),
            absl::StrCat("種類 ", kind_text, " の記録は他のサービスを指し、このサービスを指すものがない。")};
      }
      check.items.push_back(std::move(item));
    }
  }
  Conclude(check, ServiceCount(in_scope.size()));
  return check;
}

ScopeCheck SlaPerService(const ScopeFacts& facts) {
  ScopeCheck check = NewCheck(kScopeSlaPerService);
  const std::vector<const ServiceFact*> in_scope = InScopeServices(facts);
  if (!HaveInScope(check, facts, in_scope)) return check;
  for (const ServiceFact* service : in_scope) {
    ScopeItem item{service->key.native_id, {service->name, service->name}, kScopePass, {}, 1, {service->key}};
    if (service->has_sla) {
      item.detail = {"The service names its SLA or service level target.",
                     "サービスに SLA 又はサービスレベル目標の記載がある。"};
    } else if (Intersects(service->names, facts.sla_references)) {
      item.detail = {"A service level target or agreement record names the service.",
                     "サービスレベル目標又は合意の記録がこのサービスを指している。"};
    } else {
      item.outcome = kScopeFail;
      item.evidence = 0;
      item.detail = {"No SLA or service level target is recorded for the service.",
                     "このサービスの SLA 又はサービスレベル目標の記録がない。"};
    }
    check.items.push_back(std::move(item));
  }
  Conclude(check, ServiceCount(in_scope.size()));
  return check;
}

ScopeCheck ServicesReviewed(const ScopeFacts& facts, const ScopeOptions& options) {
  ScopeCheck check = NewCheck(kScopeServiceReview);
  const std::vector<const ServiceFact*> in_scope = InScopeServices(facts);
  if (!HaveInScope(check, facts, in_scope)) return check;
  const DurationRow* cadence = options.cadence.Find("service");
  for (const ServiceFact* service : in_scope) {
    check.items.push_back(ReviewItem(service->key.native_id, {service->name, service->name},
                                     service->reviewed, cadence, options.as_of, {service->key}));
  }
  Label context = ServiceCount(in_scope.size());
  if (cadence == nullptr) {
    absl::StrAppend(&context.en, " The cadence table has no row for kind service.");
    absl::StrAppend(&context.ja, "更新周期の表に種類 service の行がない。");
  }
  Conclude(check, context);
  return check;
}

}  // namespace

std::vector<ScopeCheck> CheckProcesses(const ScopeFacts& facts, const ScopeOptions& options) {
  return {AllProcessesOperated(facts, options), SameServicesManaged(facts, options)};
}

std::vector<ScopeCheck> CheckServices(const ScopeFacts& facts, const ScopeOptions& options) {
  return {SlaPerService(facts), ServicesReviewed(facts, options)};
}

}  // namespace crosswalk::report
