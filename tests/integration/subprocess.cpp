#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace phisentry::testing {

std::string frame_of(const std::string& payload) {
  const auto length = static_cast<std::uint32_t>(payload.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &length, 4);
  return out + payload;
}

HostProcess::HostProcess(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  int in_pipe[2];
  int out_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) throw std::runtime_error("pipe");
  static int counter = 0;
  stderr_path_ = "/tmp/phisentry-test-stderr-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The given variables replace inherited ones of the same name (getenv returns the first).
  const auto overridden = [&](std::string_view entry) {
    const std::string_view name = entry.substr(0, entry.find('='));
    return std::any_of(env.begin(), env.end(), [&](const std::string& e) { return e.starts_with(std::string(name) + "="); });
  };
  std::vector<std::string> environment(env.begin(), env.end());
  for (char** e = environ; *e != nullptr; ++e) {
    if (!overridden(*e)) environment.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) throw std::runtime_error("spawn");
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  to_child_ = in_pipe[1];
  from_child_ = out_pipe[0];
  signal(SIGPIPE, SIG_IGN);
}

HostProcess::~HostProcess() {
  close_input();
  if (from_child_ >= 0) close(from_child_);
  if (pid_ > 0) wait_exit();
  std::remove(stderr_path_.c_str());
}

void HostProcess::send_raw(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = write(to_child_, bytes.data() + sent, bytes.size() - sent);
    if (n <= 0) throw std::runtime_error("write to host failed");
    sent += static_cast<std::size_t>(n);
  }
}

void HostProcess::send_frame(const std::string& payload) { send_raw(frame_of(payload)); }

bool HostProcess::read_exactly(char* buffer, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    pollfd p{from_child_, POLLIN, 0};
    if (poll(&p, 1, kPatienceMs) <= 0) return false;
    const ssize_t n = read(from_child_, buffer + got, size - got);
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> HostProcess::read_frame() {
  char prefix[4];
  if (!read_exactly(prefix, 4)) return std::nullopt;
  std::uint32_t length = 0;
  std::memcpy(&length, prefix, 4);
  std::string payload(length, '\0');
  if (!read_exactly(payload.data(), length)) return std::nullopt;
  return payload;
}

void HostProcess::close_input() {
  if (to_child_ >= 0) close(to_child_);
  to_child_ = -1;
}

int HostProcess::wait_exit() {
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kPatienceMs);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::string HostProcess::stderr_text() const {
  std::ifstream in(stderr_path_);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandRun run_command(const std::string& command) {
  CommandRun result{-1, {}};
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) result.out += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

ScratchFolder::ScratchFolder(const std::string& name)
    : path_(std::filesystem::temp_directory_path() / ("phisentry-" + name + "-" + std::to_string(getpid()))) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchFolder::~ScratchFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

const std::string& shared_cache_dir() {
  static const ScratchFolder folder("it-cache");
  static const std::string path = folder.path().string();
  return path;
}

bool administrator_keys_present() {
  std::error_code ec;
  const std::filesystem::path keys = "/etc/phisentry/trusted-keys";
  return std::filesystem::is_directory(keys, ec) && !std::filesystem::is_empty(keys, ec);
}

}  // namespace phisentry::testing
