#ifndef CROSSWALK_TESTS_HTTP_LOOPBACK_SERVER_H_
#define CROSSWALK_TESTS_HTTP_LOOPBACK_SERVER_H_

// A real cpp-httplib server (plain or TLS) on 127.0.0.1 with a port the kernel chose, listening
// on its own thread for the life of the object. Tests register handlers on server() before
// Start().

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"

namespace crosswalk {

class LoopbackServer {
 public:
  explicit LoopbackServer(std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
      : server_(std::move(server)) {}
  ~LoopbackServer() { Stop(); }

  httplib::Server& server() { return *server_; }

  // Binds 127.0.0.1:0 and serves; returns once the server accepts connections. False when the
  // server could not bind (or, for TLS, did not load its certificate).
  bool Start() {
    if (!server_->is_valid()) return false;
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::yield();
    return true;
  }

  void Stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string Url(const std::string& scheme = "http") const {
    return absl::StrCat(scheme, "://127.0.0.1:", port_);
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_HTTP_LOOPBACK_SERVER_H_
