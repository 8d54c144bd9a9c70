#ifndef CROSSWALK_TESTS_GATEWAY_BLOCKING_PROXY_H_
#define CROSSWALK_TESTS_GATEWAY_BLOCKING_PROXY_H_

// An HTTP proxy on 127.0.0.1 (port 0) in front of a fake API, for tests that must stop a client
// between two requests whatever the API: request number `block_at` (1-based, every method) waits
// until Release(), then answers 503; every other request is forwarded to the upstream as it came
// (method, target, headers, body) and its answer returned as it came. Used to kill -9 crosswalkd
// while it waits for a page of any connector (api_kill_e2e_test.cc).

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "httplib.h"

namespace crosswalk::testing_gateway {

class BlockingProxy {
 public:
  // `upstream_url`: the fake's "http://127.0.0.1:PORT".
  BlockingProxy(const std::string& upstream_url, int block_at)
      : upstream_port_(std::stoi(upstream_url.substr(upstream_url.rfind(':') + 1))), block_at_(block_at) {
    const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
      Handle(request, response);
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Put(".*", handler);
    server_.Delete(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~BlockingProxy() {
    Release();
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Waits until the blocked request has arrived.
  void WaitUntilBlocked() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return blocked_; });
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      released_ = true;
    }
    changed_.notify_all();
  }

 private:
  void Handle(const httplib::Request& request, httplib::Response& response) {
    if (++requests_ == block_at_) {
      std::unique_lock<std::mutex> lock(mutex_);
      blocked_ = true;
      changed_.notify_all();
      changed_.wait(lock, [&] { return released_; });
      response.status = 503;
      return;
    }
    httplib::Client upstream("127.0.0.1", upstream_port_);
    upstream.set_read_timeout(30, 0);
    httplib::Headers headers;
    for (const auto& [name, value] : request.headers) {
      // httplib's own view of the connection, and what the client library sets itself.
      if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT" ||
          name == "Host" || name == "Content-Length" || name == "Content-Type") {
        continue;
      }
      headers.emplace(name, value);
    }
    const std::string type = request.get_header_value("Content-Type");
    httplib::Result answer = request.method == "GET"    ? upstream.Get(request.target, headers)
                             : request.method == "POST" ? upstream.Post(request.target, headers, request.body, type)
                             : request.method == "PUT"  ? upstream.Put(request.target, headers, request.body, type)
                                                        : upstream.Delete(request.target, headers, request.body, type);
    if (!answer) {
      response.status = 502;
      return;
    }
    response.status = answer->status;
    for (const auto& [name, value] : answer->headers) {
      if (name == "Content-Length" || name == "Transfer-Encoding" || name == "Content-Type") continue;
      response.headers.emplace(name, value);
    }
    response.set_content(answer->body, answer->get_header_value("Content-Type"));
  }

  const int upstream_port_;
  const int block_at_;
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  bool blocked_ = false, released_ = false;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_gateway

#endif  // CROSSWALK_TESTS_GATEWAY_BLOCKING_PROXY_H_
