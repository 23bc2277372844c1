#pragma once
// `phisentry audit verify`: walks the hash chain across files and checks every signature. Reports
// edits, deletions, reordering and truncation, naming the first bad record.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace phisentry::audit {

struct VerifyProblem {
  std::string file;
  std::size_t line = 0;
  std::uint64_t seq = 0;  // the record concerned (0 when unknown)
  std::string kind;       // "edited", "deleted", "reordered", "truncated", "signature", "unreadable"
  std::string message;
};

struct VerifyReport {
  std::vector<VerifyProblem> problems;  // in file order; the first is the first bad record
  std::uint64_t records = 0;
  std::uint64_t checkpoints = 0;
  std::uint64_t first_seq = 0;
  std::uint64_t last_seq = 0;
  std::vector<std::string> notes;       // not problems: e.g. earlier files not given
  bool ok() const { return problems.empty(); }
};

struct VerifyOptions {
  std::string trusted_key_id;                 // "ed25519:..."; empty = trust the key in the first checkpoint (noted)
  std::optional<std::filesystem::path> head;  // the signed newest position (FILE.head), if any
};

// Files in any order: they are put in chain order by their first record.
VerifyReport verify_files(const std::vector<std::filesystem::path>& files, const VerifyOptions& options);

}  // namespace phisentry::audit
