#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_GLPI_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_GLPI_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "httplib.h"

namespace crosswalk::testing_glpi {

struct FakeItem {
  std::string itemtype = "Ticket";
  int64_t id = 0;
  std::string name;
  int type = 1;                     // Ticket: 1 incident, 2 request
  int status = 1;                   // ITIL objects
  int priority = 3;
  std::string category;             // itilcategories_id as expand_dropdowns writes it (a name)
  int64_t date_ms = 0, date_mod_ms = 0;  // Unix ms UTC; written in the server's zone
  bool is_deleted = false;          // in GLPI's trash
  // More fields, as GLPI sends them (a value that reads as an integer is sent as one).
  std::map<std::string, std::string> fields;
  // Dropdown fields (manufacturers_id, states_id …): {id, name}, sent as the name with
  // expand_dropdowns=true, else as the id — as GLPI does.
  std::map<std::string, std::pair<int64_t, std::string>> dropdowns;
};

using Items = std::map<std::pair<std::string, int64_t>, FakeItem>;  // (itemtype, id) → item

// A GLPI server on 127.0.0.1 (port 0) for connector tests, serving what the connector uses of the
// legacy REST API v1:
//  - GET /apirest.php/initSession: Authorization must equal `authorization` ("user_token …" or
//    "Basic …": else 401 ["ERROR_GLPI_LOGIN_USER_TOKEN",…]); with `app_token` set, App-Token must
//    be sent (400 ERROR_APP_TOKEN_PARAMETERS_MISSING) and equal it (400
//    ERROR_WRONG_APP_TOKEN_PARAMETER). Answers {"session_token":"sess-N"}.
//  - GET /apirest.php/killSession: ends the session.
//  - GET /apirest.php/{itemtype}?range=A-B&sort=date_mod|id&order=ASC: Session-Token must be a live
//    session (else 401 ["ERROR_SESSION_TOKEN_INVALID",…]); a session dies after
//    `session_requests` collection requests (0: never). Items sorted by (date_mod as the server's
//    wall-clock text, id); 206 with Content-Range "A-B/TOTAL" when the range does not reach the
//    end, else 200 (Content-Range too unless empty); a range starting past the end is 400
//    ["ERROR_RANGE_EXCEED_TOTAL",…]; an empty collection is 200 [] or, with
//    `empty_is_range_error`, that 400. date_mod and date are the server zone's wall clock.
//    Items in the trash are left out unless is_deleted=1 (then only they are served, as GLPI
//    does); only_id=true serves [{"id":N},…]. Device rows (Item_Device…: Item_DeviceProcessor)
//    are served as GLPI does, without name, date_mod, date_creation or comment.
//  - GET /apirest.php/{itemtype}/{id}: the item (is_deleted 1 when trashed), or 404
//    ["ERROR_ITEM_NOT_FOUND",…]; the same session and right checks as a collection.
class FakeGlpi {
 public:
  FakeGlpi(std::string authorization, std::string server_zone = "UTC", std::string app_token = "");
  ~FakeGlpi();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change items between requests, or from on_request during one.
  void Put(const FakeItem& item);
  void Remove(const std::string& itemtype, int64_t id);  // purged
  void Trash(const std::string& itemtype, int64_t id);   // is_deleted = 1
  Items Snapshot();

  // Called (under the lock) with the 1-based number of each collection request, before answering.
  std::function<void(int request, Items& items)> on_request;
  int session_requests = 0;       // a session dies after this many collection requests (0: never)
  bool empty_is_range_error = false;
  int rate_limit_at = 0;          // that collection request answers 429 Retry-After: 1 (once)
  int unavailable_at = 0;         // that collection request answers 503 Retry-After: 1 (once)
  int status_override = 0;        // answer every collection request with this status …
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  std::set<std::string> right_missing;  // itemtypes answered 401 ["ERROR_RIGHT_MISSING",…], as GLPI does
  int total_lie = 0;              // added to Content-Range's total (rows counted, not returned)
  int short_page_at = 0;          // that collection request serves one item fewer than asked (not the last)

  // Observations.
  std::string requested_itemtype;   // of the collection request being answered (set before on_request)
  bool requested_ids_only = false;  // … and whether it asked only_id=true (the id listing)
  int sessions_opened = 0, sessions_killed = 0, collection_requests = 0, item_requests = 0;
  std::vector<std::string> ranges;  // each collection request's "itemtype range"
  std::vector<std::string> expands;  // each collection request's "itemtype expand_dropdowns"

 private:
  void Collection(const httplib::Request& request, httplib::Response& response);
  void OneItem(const httplib::Request& request, httplib::Response& response);
  // The session and right checks of every item request; false when answered with an error.
  bool Admitted(const httplib::Request& request, httplib::Response& response, const std::string& itemtype);

  std::string authorization_, zone_, app_token_;
  std::mutex mutex_;
  Items items_;
  std::map<std::string, int> sessions_;  // live token → collection requests made with it
  bool rate_limited_ = false, unavailable_ = false;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_glpi

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_GLPI_H_
