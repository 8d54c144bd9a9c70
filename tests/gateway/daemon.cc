#include "tests/gateway/daemon.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/cli/run_process.h"

namespace crosswalk::testing_process {

std::unique_ptr<Daemon> Daemon::Start(const std::string& binary, const std::vector<std::string>& args,
                                      const std::string& stderr_path, std::string* error,
                                      const std::vector<std::string>& extra_env) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return nullptr;
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  bool has_listen = false;
  for (const std::string& arg : args) has_listen = has_listen || arg == "--listen";
  if (!has_listen) {
    argv.push_back("--listen");
    argv.push_back("127.0.0.1:0");
  }
  const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const pid_t pid = Spawn(argv, extra_env, out_pipe[1], err);
  close(err);
  close(out_pipe[1]);
  auto daemon = std::unique_ptr<Daemon>(new Daemon());
  daemon->pid_ = pid;
  daemon->stderr_path_ = stderr_path;
  std::string out;
  pollfd fd{out_pipe[0], POLLIN, 0};
  const std::string marker = "crosswalkd: listening on ";
  while (out.find('\n') == std::string::npos) {
    if (poll(&fd, 1, 30000) <= 0) break;
    char buffer[512];
    const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  const size_t at = out.find(marker);
  if (at == std::string::npos) {
    *error = "crosswalkd did not start: " + daemon->Stderr();
    daemon->Stop(SIGKILL);
    return nullptr;
  }
  daemon->address_ = out.substr(at + marker.size(), out.find('\n', at) - at - marker.size());
  return daemon;
}

Daemon::~Daemon() {
  if (pid_ > 0) Stop(SIGTERM);
}

int Daemon::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string Daemon::Stderr() const {
  std::ifstream in(stderr_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace crosswalk::testing_process
