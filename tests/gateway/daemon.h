#ifndef CROSSWALK_TESTS_GATEWAY_DAEMON_H_
#define CROSSWALK_TESTS_GATEWAY_DAEMON_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace crosswalk::testing_process {

// A real crosswalkd process for a test: started with `args` (after the binary) plus
// --listen 127.0.0.1:0, ready once it printed its "listening on" line. Its stderr goes to a file the
// test can read. The destructor stops it with SIGTERM.
class Daemon {
 public:
  // nullptr (with the reason in `error`) when it exits or stays silent for 30 s.
  static std::unique_ptr<Daemon> Start(const std::string& binary, const std::vector<std::string>& args,
                                       const std::string& stderr_path, std::string* error,
                                       const std::vector<std::string>& extra_env = {});
  ~Daemon();

  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the process to end; returns its exit code, or 128+signal.
  int Stop(int signal);
  std::string Stderr() const;
  // For a test that reaped the process itself (waitpid): the destructor then leaves it alone.
  void MarkReaped() { pid_ = -1; }

 private:
  pid_t pid_ = -1;
  std::string address_;
  std::string stderr_path_;
};

}  // namespace crosswalk::testing_process

#endif  // CROSSWALK_TESTS_GATEWAY_DAEMON_H_
