#ifndef CROSSWALK_GATEWAY_SERVER_RECORD_CONVERT_H_
#define CROSSWALK_GATEWAY_SERVER_RECORD_CONVERT_H_

#include "crosswalk/v1/records.pb.h"
#include "gateway/store/store.h"
#include "gateway/sync/sync_engine.h"

// Converters from the store's and sync engine's types to crosswalk.v1 messages.
namespace crosswalk::server {

v1::Record ToProto(const StoredRecord& stored);
v1::SyncProgress ToProto(const SyncProgress& progress);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_RECORD_CONVERT_H_
