#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_RT_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_RT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"

namespace crosswalk::testing_rt {

struct FakeTicket {
  int64_t id = 0;
  std::string subject, status = "new", queue = "General", owner = "Nobody";
  std::vector<std::string> requestors;
  int64_t created = 0, updated = 0, due = 0, resolved = 0;  // Unix seconds; 0 = unset
  std::string custom;  // a member RT has that the connector does not know ("Site" custom field)
  struct StatusChange {
    int64_t at = 0;
    std::string from, to, by = "root";
  };
  std::vector<StatusChange> history;  // its status transactions, oldest first (after its Create)
};

// An RT 5 REST2 server on 127.0.0.1 (port 0) for connector tests: GET /REST/2.0/tickets with
// the TicketSQL the connector writes (LastUpdated bounds in UTC, id > N, (id = a OR id = b …),
// Queue = '…'), RT's orderby/order (LastUpdated then id, or id alone), page/per_page (capped at
// 100), fields=id (ids as numbers then, as RT 5.0.3 answers) and its documented envelope (total,
// count, page, pages, per_page, items, next_page, prev_page; a page past the end is 200 with no
// items).
// Authorization must be "token <token>". Faults are set by the test. GET
// /REST/2.0/ticket/ID/history answers each ticket's transactions.
class FakeRt {
 public:
  explicit FakeRt(std::string token);
  ~FakeRt();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change tickets between requests, or from on_request during one.
  void Put(const FakeTicket& ticket);
  std::vector<FakeTicket> Tickets();
  // As DELETE /REST/2.0/ticket/ID does in RT 5: the ticket stays, with Status "deleted", and RT's
  // searches no longer list it (not even for Status = 'deleted' or its id). Tickets() lists it.
  void Delete(int64_t id);
  // The ids a search of every ticket lists (not deleted), in `queues` when given.
  std::vector<std::string> LiveIds(const std::vector<std::string>& queues = {});

  // Called (under the lock, before answering) with the 1-based number of each search request.
  std::function<void(int request, std::map<int64_t, FakeTicket>& tickets)> on_request;
  bool omit_total = false;        // as for a user who may not see every ticket
  int short_page_at = 0;          // that request's page holds one item fewer (not the last page)
  bool list_deleted = false;      // list deleted tickets anyway (an RT that would show them)
  int status_override = 0;        // answer every request (from status_override_from on) with this status …
  int status_override_from = 0;
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  // The TicketSQL and the order ("LastUpdated,id", or "id" for an id listing) of each request, in
  // order; on_request sees its own request's last.
  std::vector<std::string> queries;
  std::vector<std::string> orders;
  int history_requests = 0;          // GET /REST/2.0/ticket/ID/history (not counted as searches)
  int history_page_cap = 100;        // RT's per_page cap for history (lower it to test paging)

 private:
  // RT's 401 unless the request carries "token <token>".
  bool Authorized(const httplib::Request& request, httplib::Response& response) const;
  void Search(const httplib::Request& request, httplib::Response& response);
  // A ticket's history as RT 5 answers it: a Create transaction, then each status change, with
  // page/per_page and the collection envelope.
  void History(const httplib::Request& request, httplib::Response& response);

  std::string token_;
  std::mutex mutex_;
  std::map<int64_t, FakeTicket> tickets_;
  int requests_ = 0;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_rt

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_RT_H_
