#pragma once
// The audit file: JSON lines, one record each, chained by hash; a signed checkpoint every N records
// and before each rotation; FILE.head holds the signed newest position. Several hosts (one per
// browser profile) may append at once: every append holds an exclusive lock on the file.

#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "phisentry/audit/record.h"
#include "phisentry/audit/signing.h"

namespace phisentry::audit {

struct LogSettings {
  std::uint64_t max_file_bytes = 8u << 20;  // rotate when the file reaches this
  int checkpoint_every = 64;
};

class AuditLog {
 public:
  AuditLog(std::filesystem::path file, const SigningKey& key, LogSettings settings);

  // Appends one record; returns it as written. Throws std::runtime_error when the file cannot be written.
  nlohmann::json append(const EventDetails& details);
  // Appends a signed checkpoint sealing every record so far (at host stop).
  void seal();

  const std::filesystem::path& file() const { return file_; }

 private:
  struct Position {
    std::uint64_t seq = 0;
    std::string hash{kGenesisHash};
  };
  class LockedFile;
  Position last_position(LockedFile& locked) const;
  nlohmann::json write_record(LockedFile& locked, nlohmann::json record, Position& position);
  void write_checkpoint(LockedFile& locked, Position& position);
  void rotate(LockedFile& locked, Position& position);
  void write_head(const Position& position) const;

  std::filesystem::path file_;
  const SigningKey& key_;
  LogSettings settings_;
};

// The signed newest position next to a live audit file.
std::filesystem::path head_file_for(const std::filesystem::path& audit_file);
// Where a rotated file goes: FILE.<seq of its last record, 20 digits>.
std::filesystem::path rotated_name(const std::filesystem::path& audit_file, std::uint64_t last_seq);
// $PHISENTRY_AUDIT_FILE, else $XDG_STATE_HOME/phisentry/audit.jsonl (~/.local/state/phisentry/audit.jsonl).
std::filesystem::path default_audit_file();

}  // namespace phisentry::audit
