#pragma once
// Runs the built `phisentry` as a browser would: pipes on stdin and stdout, stderr to a file.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace phisentry::testing {

// How much slower the host runs in this build: sanitizer builds run 5-10x slower, so every wait and
// time budget the tests set is multiplied by this (the behaviour they check does not change).
inline constexpr int kTimeScale = PHISENTRY_TEST_TIME_SCALE;
// How long a test waits for one reply or for the host to exit before it counts as hung.
inline constexpr int kPatienceMs = 20'000 * kTimeScale;

class HostProcess {
 public:
  explicit HostProcess(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  void send_raw(const std::string& bytes);
  void send_frame(const std::string& payload);
  // One reply's payload, or nothing if the host closed stdout or was silent for kPatienceMs.
  std::optional<std::string> read_frame();
  void close_input();
  // The exit status, or -1 if it did not exit within kPatienceMs (it is then killed).
  int wait_exit();
  std::string stderr_text() const;

 private:
  bool read_exactly(char* buffer, std::size_t size);

  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string stderr_path_;
};

std::string frame_of(const std::string& payload);

// A shell command line (the tests' own, fixed strings) run to completion: exit status and stdout.
struct CommandRun {
  int status;
  std::string out;
};
CommandRun run_command(const std::string& command);

// A folder in the system's temp folder, named for its use and this process: empty when made, removed
// with its contents when the object goes.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name);
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One compiled-rules cache folder for every host and command a test binary starts, removed when it
// exits: only the first start compiles the pack (1.5 s of CPU, 12 s under ASan), the others load it.
const std::string& shared_cache_dir();

// Whether this machine's administrator trusts pack keys (/etc/phisentry/trusted-keys): they replace
// any trust store a test sets up, so the signing tests skip themselves there.
bool administrator_keys_present();

}  // namespace phisentry::testing
