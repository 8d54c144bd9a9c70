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

}  // namespace crosswalk
