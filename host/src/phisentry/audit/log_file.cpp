#include "phisentry/audit/log_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace phisentry::audit {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

constexpr std::size_t kTailBytes = 64 * 1024;  // longer than any record (justifications are capped)

std::runtime_error file_error(const fs::path& file, const std::string& what) {
  return std::runtime_error("audit file " + file.string() + ": " + what + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& text, const fs::path& file) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) throw file_error(file, "cannot write");
    done += static_cast<std::size_t>(wrote);
  }
}

// The last complete line of the file, or "" when it has none.
std::string last_line(const fs::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return "";
  const std::streamoff size = in.tellg();
  const std::streamoff start = size > static_cast<std::streamoff>(kTailBytes) ? size - static_cast<std::streamoff>(kTailBytes) : 0;
  std::string tail(static_cast<std::size_t>(size - start), '\0');
  in.seekg(start);
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  while (!tail.empty() && tail.back() == '\n') tail.pop_back();
  const auto newline = tail.rfind('\n');
  return newline == std::string::npos ? (start == 0 ? tail : "") : tail.substr(newline + 1);
}

}  // namespace

// The audit file opened for appending and exclusively locked; reopened when another host rotated it
// between our open() and our lock.
class AuditLog::LockedFile {
 public:
  explicit LockedFile(const fs::path& file) : file_(file) {
    std::error_code ignored;
    fs::create_directories(file.parent_path(), ignored);
    for (;;) {
      fd_ = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
      if (fd_ < 0) throw file_error(file, "cannot open");
      if (::flock(fd_, LOCK_EX) != 0) throw file_error(file, "cannot lock");
      struct stat opened {}, named {};
      if (::fstat(fd_, &opened) == 0 && ::stat(file.c_str(), &named) == 0 && opened.st_ino == named.st_ino) return;
      ::close(fd_);
    }
  }
  ~LockedFile() { ::close(fd_); }
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;

  void write(const std::string& line) { write_all(fd_, line, file_); }
  std::uint64_t size() const {
    struct stat info {};
    return ::fstat(fd_, &info) == 0 ? static_cast<std::uint64_t>(info.st_size) : 0;
  }
  // After a rotation: the new, empty file at the same path (the old lock goes with the old file).
  void reopen() {
    ::close(fd_);
    fd_ = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw file_error(file_, "cannot reopen after rotation");
  }

 private:
  fs::path file_;
  int fd_ = -1;
};

AuditLog::AuditLog(fs::path file, const SigningKey& key, LogSettings settings)
    : file_(std::move(file)), key_(key), settings_(settings) {}

json AuditLog::append(const EventDetails& details) {
  LockedFile locked(file_);
  Position position = last_position(locked);
  if (locked.size() >= settings_.max_file_bytes) rotate(locked, position);
  json written = write_record(locked, details_json(details), position);
  if (position.seq % static_cast<std::uint64_t>(settings_.checkpoint_every) == 0) write_checkpoint(locked, position);
  write_head(position);
  return written;
}

void AuditLog::seal() {
  LockedFile locked(file_);
  Position position = last_position(locked);
  write_checkpoint(locked, position);
  write_head(position);
}

AuditLog::Position AuditLog::last_position(LockedFile& locked) const {
  // The file's own last record is the truth; the head file covers a file just rotated (empty).
  const std::string line = locked.size() > 0 ? last_line(file_) : "";
  json last = json::parse(line, nullptr, false);
  if (line.empty() || last.is_discarded()) {
    std::ifstream head(head_file_for(file_));
    last = json::parse(head, nullptr, false);
  }
  Position position;
  if (last.is_object() && last.contains("seq") && last["seq"].is_number_unsigned() && last.contains("hash") && last["hash"].is_string()) {
    position.seq = last["seq"].get<std::uint64_t>();
    position.hash = last["hash"].get<std::string>();
  }
  return position;
}

json AuditLog::write_record(LockedFile& locked, json record, Position& position) {
  record["seq"] = position.seq + 1;
  record["time"] = utc_timestamp();
  record["prev"] = position.hash;
  record["hash"] = record_hash(record);
  locked.write(record.dump() + "\n");
  position.seq += 1;
  position.hash = record["hash"].get<std::string>();
  return record;
}

void AuditLog::write_checkpoint(LockedFile& locked, Position& position) {
  json checkpoint{{"event", to_string(Event::checkpoint)},
                  {"key", key_.key_id()},
                  {"sig", key_.sign(position_message("checkpoint", position.seq + 1, position.hash))}};
  write_record(locked, std::move(checkpoint), position);
}

void AuditLog::rotate(LockedFile& locked, Position& position) {
  write_checkpoint(locked, position);
  write_head(position);
  std::error_code error;
  fs::rename(file_, rotated_name(file_, position.seq), error);
  if (error) throw std::runtime_error("audit file " + file_.string() + ": cannot rotate: " + error.message());
  locked.reopen();
}

void AuditLog::write_head(const Position& position) const {
  const json head{{"seq", position.seq},
                  {"hash", position.hash},
                  {"key", key_.key_id()},
                  {"sig", key_.sign(position_message("head", position.seq, position.hash))}};
  const fs::path target = head_file_for(file_);
  const fs::path temporary = target.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << head.dump() << '\n';
    if (!out) throw std::runtime_error("audit head " + temporary.string() + ": cannot write");
  }
  fs::rename(temporary, target);
}

fs::path head_file_for(const fs::path& audit_file) { return audit_file.string() + ".head"; }

fs::path rotated_name(const fs::path& audit_file, std::uint64_t last_seq) {
  std::string digits = std::to_string(last_seq);
  digits.insert(0, 20 - std::min<std::size_t>(20, digits.size()), '0');
  return audit_file.string() + "." + digits;
}

fs::path default_audit_file() {
  if (const char* file = std::getenv("PHISENTRY_AUDIT_FILE"); file != nullptr && *file != '\0') return file;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/') {
    return fs::path(state) / "phisentry" / "audit.jsonl";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw std::runtime_error("HOME is not set: cannot find the audit file");
  return fs::path(home) / ".local" / "state" / "phisentry" / "audit.jsonl";
}

}  // namespace phisentry::audit
