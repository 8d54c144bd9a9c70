#ifndef CROSSWALK_GATEWAY_CORE_DATA_DIR_H_
#define CROSSWALK_GATEWAY_CORE_DATA_DIR_H_

#include <string>

namespace crosswalk {

// The mapping data a program uses when told nothing: $CROSSWALK_MAPPINGS when set, else the copy
// installed beside the running binary (<prefix>/bin/../share/crosswalk/mappings), else the source
// tree the binary was built from.
std::string DefaultMappingsDir();

// The same without looking at the environment (the CLI applies its own precedence).
std::string BuiltInMappingsDir();

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_DATA_DIR_H_
