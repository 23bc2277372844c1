#include "phisentry/audit/verify.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "phisentry/audit/record.h"
#include "phisentry/audit/signing.h"

namespace phisentry::audit {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

struct Line {
  std::size_t number;
  std::string text;
  bool ends_in_newline;
};

struct FileLines {
  fs::path file;
  std::vector<Line> lines;
  std::uint64_t first_seq = UINT64_MAX;
};

FileLines read_lines(const fs::path& file) {
  FileLines result{file, {}, UINT64_MAX};
  std::ifstream in(file, std::ios::binary);
  std::string text;
  std::size_t number = 0;
  while (std::getline(in, text)) {
    result.lines.push_back({++number, text, !in.eof()});
  }
  for (const Line& line : result.lines) {
    const json record = json::parse(line.text, nullptr, false);
    if (record.is_object() && record.contains("seq") && record["seq"].is_number_unsigned()) {
      result.first_seq = record["seq"].get<std::uint64_t>();
      break;
    }
  }
  return result;
}

class ChainWalker {
 public:
  ChainWalker(const VerifyOptions& options, VerifyReport& report) : trusted_key_(options.trusted_key_id), report_(report) {}

  void walk(const FileLines& file) {
    for (const Line& line : file.lines) check_line(file.file.string(), line);
  }

  void check_head(const fs::path& head_file) {
    std::ifstream in(head_file);
    const json head = json::parse(in, nullptr, false);
    if (!head.is_object() || !head.contains("seq") || !head["seq"].is_number_unsigned() || !head.contains("hash")) {
      return problem(head_file.string(), 0, 0, "unreadable", "the head file is not a signed position");
    }
    const auto seq = head["seq"].get<std::uint64_t>();
    const std::string hash = head.value("hash", "");
    if (!signed_by_trusted(head.value("key", ""), position_message("head", seq, hash), head.value("sig", ""))) {
      return problem(head_file.string(), 0, seq, "signature", "the head file's signature is not valid");
    }
    if (seq > last_seq_) {
      problem(head_file.string(), 0, last_seq_ + 1, "truncated",
              "records " + std::to_string(last_seq_ + 1) + " to " + std::to_string(seq) + " are missing from the end (truncated)");
    } else if (seq == last_seq_ && hash != last_hash_) {
      problem(head_file.string(), 0, seq, "edited", "record " + std::to_string(seq) + " is not the one the head file sealed");
    }
  }

 private:
  void check_line(const std::string& file, const Line& line) {
    const json record = json::parse(line.text, nullptr, false);
    if (!record.is_object() || !record.contains("seq") || !record["seq"].is_number_unsigned() || !record.contains("hash")) {
      const bool cut = !line.ends_in_newline;
      return problem(file, line.number, last_seq_ + 1, cut ? "truncated" : "edited",
                     cut ? "the last line is cut short (truncated)" : "line " + std::to_string(line.number) + " is not an audit record (edited)");
    }
    const auto seq = record["seq"].get<std::uint64_t>();
    const std::string hash = record.value("hash", "");
    ++report_.records;
    if (report_.first_seq == 0) report_.first_seq = seq;
    const bool in_order = check_order(file, line.number, seq, record.value("prev", ""));
    if (record_hash(record) != hash) {
      problem(file, line.number, seq, "edited", "record " + std::to_string(seq) + " was changed after it was written (edited)");
    } else if (record.value("event", "") == "checkpoint") {
      check_checkpoint(file, line.number, seq, record);
    }
    if (in_order || seq > last_seq_) last_seq_ = seq;
    last_hash_ = hash;
    report_.last_seq = last_seq_;
  }

  bool check_order(const std::string& file, std::size_t line, std::uint64_t seq, const std::string& prev) {
    if (last_seq_ == 0 && !started_) {
      started_ = true;
      if (seq != 1) report_.notes.push_back("the chain starts at record " + std::to_string(seq) + ": earlier files were not given");
      else if (prev != kGenesisHash) problem(file, line, seq, "edited", "record 1 does not start the chain");
      return true;
    }
    if (seq <= last_seq_) {
      problem(file, line, seq, "reordered", "record " + std::to_string(seq) + " comes after record " + std::to_string(last_seq_) + " (reordered or duplicated)");
      return false;
    }
    if (seq > last_seq_ + 1) {
      problem(file, line, last_seq_ + 1, "deleted",
              "records " + std::to_string(last_seq_ + 1) + " to " + std::to_string(seq - 1) + " are missing (deleted)");
      return false;
    }
    if (prev != last_hash_) {
      problem(file, line, seq, "edited", "record " + std::to_string(seq) + " does not follow record " + std::to_string(last_seq_) + " (the chain is broken)");
      return false;
    }
    return true;
  }

  void check_checkpoint(const std::string& file, std::size_t line, std::uint64_t seq, const json& record) {
    ++report_.checkpoints;
    const std::string key = record.value("key", "");
    if (!signed_by_trusted(key, position_message("checkpoint", seq, record.value("prev", "")), record.value("sig", ""))) {
      problem(file, line, seq, "signature", "checkpoint " + std::to_string(seq) + " is not signed by the install's key");
    }
  }

  bool signed_by_trusted(const std::string& key, const std::string& message, const std::string& signature) {
    if (trusted_key_.empty()) {
      trusted_key_ = key;
      report_.notes.push_back("no public key given: checked against the key in the log itself (" + key + ")");
    }
    return key == trusted_key_ && signature_valid(key, message, signature);
  }

  void problem(const std::string& file, std::size_t line, std::uint64_t seq, const char* kind, std::string message) {
    report_.problems.push_back({file, line, seq, kind, std::move(message)});
  }

  std::string trusted_key_;
  VerifyReport& report_;
  bool started_ = false;
  std::uint64_t last_seq_ = 0;
  std::string last_hash_{kGenesisHash};
};

}  // namespace

VerifyReport verify_files(const std::vector<fs::path>& files, const VerifyOptions& options) {
  std::vector<FileLines> contents;
  VerifyReport report;
  for (const fs::path& file : files) {
    if (!fs::is_regular_file(file)) {
      report.problems.push_back({file.string(), 0, 0, "unreadable", "cannot be read"});
      continue;
    }
    contents.push_back(read_lines(file));
  }
  std::stable_sort(contents.begin(), contents.end(), [](const FileLines& a, const FileLines& b) { return a.first_seq < b.first_seq; });
  ChainWalker walker(options, report);
  for (const FileLines& file : contents) walker.walk(file);
  if (options.head) walker.check_head(*options.head);
  else if (report.records > 0) report.notes.push_back("no head file: records cut from the end after the last checkpoint would not show");
  return report;
}

}  // namespace phisentry::audit
