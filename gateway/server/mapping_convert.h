#ifndef CROSSWALK_GATEWAY_SERVER_MAPPING_CONVERT_H_
#define CROSSWALK_GATEWAY_SERVER_MAPPING_CONVERT_H_

#include "crosswalk/v1/mapping.pb.h"
#include "gateway/mapping/mapping_engine.h"

// Converters between the mapping engine's types and the crosswalk.v1 messages. This is where the
// protos stop: the engine never sees a generated type.
namespace crosswalk::server {

v1::Relationship ToProto(mapping::Relationship relationship);
v1::CatalogSummary ToProto(const mapping::Catalog& catalog);
v1::CatalogItem ToProto(const mapping::CatalogItem& item);
v1::MappingResult ToProto(const mapping::MapResult& result);
v1::Term ToProto(const mapping::Term& term);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_MAPPING_CONVERT_H_
