#include "connectors/glpi/glpi_software.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::glpi {
namespace {

// The text GLPI sent for field `name` of the item, or "" (the record's kind, which names the
// itemtype, is not GLPI's `itemtype` field).
std::string FieldText(const RawRecord& record, const std::string& name) {
  for (const RawField& field : record.fields) {
    if (field.where == name && field.role != "kind") return field.value;
  }
  return "";
}

int64_t IdOf(const RawRecord& record, const std::string& name) {
  int64_t id = 0;
  return absl::SimpleAtoi(FieldText(record, name), &id) && id > 0 ? id : 0;
}

RawField Own(const std::string& role, const std::string& value, const std::string& where) {
  return {.role = role, .value = value, .where = where, .header = where};
}

}  // namespace

const std::vector<std::string>& SoftwareNames::Itemtypes() {
  static const auto* itemtypes = new std::vector<std::string>{"SoftwareVersion", "Software", "Computer"};
  return *itemtypes;
}

absl::Status SoftwareNames::Add(const std::string& itemtype, const std::vector<GlpiItem>& items) {
  if (size() + items.size() > max_names_) {
    return absl::ResourceExhaustedError(absl::StrCat("GLPI lists more than ", max_names_,
                                                     " software versions, software and computers: too many to hold the names of "
                                                     "installations in memory; read Item_SoftwareVersion from a smaller entity"));
  }
  for (const GlpiItem& item : items) {
    newest_ms_ = std::max(newest_ms_, item.date_mod_ms);
    const std::string name = FieldText(item.record, "name");
    if (itemtype == "SoftwareVersion") {
      versions_[item.id] = {name, IdOf(item.record, "softwares_id")};
    } else if (itemtype == "Software") {
      software_[item.id] = {name, FieldText(item.record, "manufacturers_id")};
    } else if (itemtype == "Computer") {
      computers_[item.id] = name;
    }
  }
  return absl::OkStatus();
}

void SoftwareNames::NameInstallation(RawRecord& record) const {
  const int64_t version_id = IdOf(record, "softwareversions_id");
  const std::string asset_type = FieldText(record, "itemtype");
  const int64_t asset_id = IdOf(record, "items_id");
  // The ids become the connector's own attributes: read, not unknown.
  for (RawField& field : record.fields) {
    if (field.role == "title") {  // an installation has no name of its own
      field.role = field.where;
      field.extra = true;
    }
    if (field.where == "softwareversions_id" || field.where == "itemtype" || field.where == "items_id" ||
        field.where == "is_deleted_item" || field.where == "date_install") {
      field.extra = false;
    }
  }
  std::string title;
  const auto version = versions_.find(version_id);
  const auto software = version == versions_.end() ? software_.end() : software_.find(version->second.software);
  if (software != software_.end()) {
    title = software->second.name;
    record.fields.push_back(Own("raw_name", title, "softwares_id"));
    if (!software->second.manufacturer.empty()) record.fields.push_back(Own("publisher", software->second.manufacturer, "manufacturers_id"));
    if (!version->second.name.empty()) record.fields.push_back(Own("version", version->second.name, "softwareversions_id"));
  } else if (version != versions_.end()) {
    title = absl::StrCat("GLPI software ", version->second.software, " (version ", version->second.name,
                         "): not listed by GLPI (in the trash, purged, or not readable)");
  } else {
    title = absl::StrCat("GLPI software version ", version_id, ": not listed by GLPI (purged, or not readable)");
  }
  record.fields.push_back(Own("title", title, "softwareversions_id"));
  if (!asset_type.empty() && asset_id > 0) {
    const std::string device = absl::StrCat(asset_type, "/", asset_id);
    record.fields.push_back(Own("device_id", device, "items_id"));
    const auto computer = asset_type == "Computer" ? computers_.find(asset_id) : computers_.end();
    record.fields.push_back(Own("ci", computer != computers_.end() && !computer->second.empty() ? computer->second : device, "items_id"));
  }
  if (FieldText(record, "is_deleted_item") == "1") {
    record.fields.push_back(Own("excluded", "the asset is in GLPI's trash", "is_deleted_item"));
  }
}

}  // namespace crosswalk::glpi
