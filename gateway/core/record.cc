#include "gateway/core/record.h"

namespace crosswalk {

const RawField* RawRecord::Field(const std::string& role) const {
  for (const RawField& field : fields) {
    if (!field.extra && field.role == role && !field.value.empty()) return &field;
  }
  return nullptr;
}

const Attribute* Record::FindAttribute(const std::string& key) const {
  for (const Attribute& attribute : attributes) {
    if (attribute.key == key) return &attribute;
  }
  return nullptr;
}

bool Record::IsCalendarDate(absl::string_view field) const {
  for (const std::string& name : calendar_dates) {
    if (name == field) return true;
  }
  return false;
}

}  // namespace crosswalk
