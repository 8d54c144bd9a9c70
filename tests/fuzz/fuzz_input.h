#ifndef CROSSWALK_TESTS_FUZZ_FUZZ_INPUT_H_
#define CROSSWALK_TESTS_FUZZ_FUZZ_INPUT_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace crosswalk::fuzz {

// The fuzzer's input as a file the readers can open by path (an anonymous memory file, so runs
// leave nothing on disk), for parsers whose interface is a file.
class InputFile {
 public:
  InputFile(const uint8_t* data, size_t size) {
    fd_ = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd_ < 0) std::abort();
    for (size_t done = 0; done < size;) {
      const ssize_t wrote = ::write(fd_, data + done, size - done);
      if (wrote <= 0) std::abort();
      done += static_cast<size_t>(wrote);
    }
  }
  ~InputFile() { ::close(fd_); }
  // A path that opens this file; `extension` (".csv", ".xlsx") is not needed by the readers.
  std::string path() const { return absl::StrCat("/proc/self/fd/", fd_); }

 private:
  int fd_ = -1;
};

}  // namespace crosswalk::fuzz

#endif  // CROSSWALK_TESTS_FUZZ_FUZZ_INPUT_H_
