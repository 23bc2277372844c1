// Audit trail: the hash chain, signed checkpoints and head, rotation, each kind of tampering caught,
// the RFC 5424 syslog sink received on a local socket, and the summary.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "phisentry/audit/log_file.h"
#include "phisentry/audit/summary.h"
#include "phisentry/audit/syslog_sink.h"
#include "phisentry/audit/verify.h"

using namespace phisentry;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir() {
  std::string pattern = (fs::temp_directory_path() / "phisentry-audit-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const fs::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::trunc);
  for (const auto& line : lines) out << line << '\n';
}

audit::EventDetails warning(int n) {
  audit::EventDetails details;
  details.event = n % 2 == 0 ? audit::Event::warning_shown : audit::Event::save_anyway;
  details.workspace = "free.atlassian.net";
  details.page = "b2:00112233445566778899aabbccddeeff";
  details.categories = {{"ssn", 1 + n % 3}};
  details.rules = {"ssn.formatted"};
  if (details.event == audit::Event::save_anyway) details.justification = "Vendor contract number " + std::to_string(n);
  return details;
}

struct Trail {
  fs::path dir = scratch_dir();
  fs::path file = dir / "audit.jsonl";
  audit::SigningKey key = audit::SigningKey::load_or_create(dir / "signing.key");
  std::string key_id = audit::read_public_key_id(dir / "signing.key.pub");

  void write(int records, audit::LogSettings settings = {1u << 20, 4}) {
    audit::AuditLog log(file, key, settings);
    for (int i = 0; i < records; ++i) log.append(warning(i));
  }
  audit::VerifyReport verify(std::vector<fs::path> files = {}) const {
    if (files.empty()) files = {file};
    return audit::verify_files(files, {key_id, audit::head_file_for(file)});
  }
};

// The first problem's kind and record.
void check_first_problem(const audit::VerifyReport& report, const char* kind, std::uint64_t seq) {
  REQUIRE_FALSE(report.ok());
  CAPTURE(report.problems.front().message);
  CHECK(report.problems.front().kind == kind);
  CHECK(report.problems.front().seq == seq);
}

// Rewrites a record and recomputes its hash and every later one: a careful forger without the key.
void forge_from(std::vector<std::string>& lines, std::size_t index) {
  std::string prev = index == 0 ? std::string(audit::kGenesisHash) : json::parse(lines[index - 1])["hash"].get<std::string>();
  for (std::size_t i = index; i < lines.size(); ++i) {
    json record = json::parse(lines[i]);
    record["prev"] = prev;
    record["hash"] = audit::record_hash(record);
    prev = record["hash"];
    lines[i] = record.dump();
  }
}

}  // namespace

TEST_CASE("records are chained, checkpoints signed, and an untouched trail verifies") {
  Trail trail;
  trail.write(10);
  const auto lines = read_lines(trail.file);
  REQUIRE(lines.size() == 13);  // 10 events and a checkpoint at every 4th chain position: 5, 9, 13
  std::uint64_t expected_seq = 1;
  std::string prev(audit::kGenesisHash);
  int checkpoints = 0;
  for (const auto& line : lines) {
    const json record = json::parse(line);
    CHECK(record["seq"] == expected_seq++);
    CHECK(record["prev"] == prev);
    CHECK(record["hash"] == audit::record_hash(record));
    prev = record["hash"];
    if (record["event"] == "checkpoint") ++checkpoints;
  }
  CHECK(checkpoints == 3);
  const auto report = trail.verify();
  CHECK(report.ok());
  CHECK(report.records == 13);
  CHECK(report.checkpoints == 3);
}

TEST_CASE("tampering is caught and the first bad record named") {
  Trail trail;
  trail.write(10);
  auto lines = read_lines(trail.file);

  SUBCASE("an edited record") {
    json record = json::parse(lines[2]);
    record["categories"]["ssn"] = 0;
    lines[2] = record.dump();
    write_lines(trail.file, lines);
    check_first_problem(trail.verify(), "edited", 3);
  }
  SUBCASE("an edited record whose hashes were all recomputed: the signatures no longer hold") {
    json record = json::parse(lines[1]);
    record["justification"] = "changed afterwards";
    lines[1] = record.dump();
    forge_from(lines, 1);
    write_lines(trail.file, lines);
    check_first_problem(trail.verify(), "signature", 5);
  }
  SUBCASE("a deleted record") {
    lines.erase(lines.begin() + 3);
    write_lines(trail.file, lines);
    check_first_problem(trail.verify(), "deleted", 4);
  }
  SUBCASE("reordered records") {
    std::swap(lines[5], lines[6]);
    write_lines(trail.file, lines);
    const auto report = trail.verify();
    check_first_problem(report, "deleted", 6);  // 7 arrives where 6 belongs
    CHECK(std::any_of(report.problems.begin(), report.problems.end(), [](const auto& p) { return p.kind == "reordered" && p.seq == 6; }));
  }
  SUBCASE("records cut from the end") {
    lines.resize(lines.size() - 2);
    write_lines(trail.file, lines);
    check_first_problem(trail.verify(), "truncated", 12);
  }
  SUBCASE("the last line cut short") {
    std::ofstream(trail.file, std::ios::trunc) << lines[0] << '\n' << lines[1].substr(0, lines[1].size() / 2);
    check_first_problem(trail.verify(), "truncated", 2);
  }
  SUBCASE("the first record deleted") {
    lines.erase(lines.begin());
    write_lines(trail.file, lines);
    const auto report = trail.verify();
    // Without record 1 the chain starts later: noted, and the head still seals the end, so this is
    // only caught when the files are expected to start at 1 (rotation keeps them all).
    CHECK_FALSE(report.notes.empty());
  }
  SUBCASE("checkpoints signed by another key") {
    Trail other;
    const auto report = audit::verify_files({trail.file}, {other.key_id, std::nullopt});
    check_first_problem(report, "signature", 5);
  }
}

TEST_CASE("rotation keeps the chain across files, in any order given; a missing file shows") {
  Trail trail;
  trail.write(60, {4096, 16});
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(trail.dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("audit.jsonl") && !name.ends_with(".head")) files.push_back(entry.path());
  }
  REQUIRE(files.size() >= 3);
  std::shuffle(files.begin(), files.end(), std::mt19937(7));
  const auto report = trail.verify(files);
  CHECK(report.ok());
  CHECK(report.first_seq == 1);
  // Each rotated file ends with a checkpoint.
  for (const auto& file : files) {
    if (file == trail.file) continue;
    CHECK(json::parse(read_lines(file).back())["event"] == "checkpoint");
  }
  std::erase(files, trail.file);
  std::sort(files.begin(), files.end());  // rotated files by their zero-padded last seq
  const auto first_missing = json::parse(read_lines(files[1]).front())["seq"].get<std::uint64_t>();
  files.erase(files.begin() + 1);  // a middle rotated file
  check_first_problem(trail.verify(files), "deleted", first_missing);
}

TEST_CASE("the syslog sink sends RFC 5424 messages to a local unix datagram socket") {
  const fs::path socket_path = scratch_dir() / "log.sock";
  const int listener = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);

  json record = audit::details_json(warning(1));
  record["seq"] = 7;
  record["time"] = "2026-11-23T18:04:05.123Z";
  record["hash"] = "blake2b:ab";
  audit::SyslogSink sink(socket_path.string());
  REQUIRE(sink.send(record));
  std::string received(65536, '\0');
  const ssize_t got = ::recv(listener, received.data(), received.size(), 0);
  ::close(listener);
  REQUIRE(got > 0);
  received.resize(static_cast<std::size_t>(got));
  CHECK(received.starts_with("<109>1 2026-11-23T18:04:05.123Z "));  // facility 13 (log audit), notice
  CHECK(received.find(" phisentry ") != std::string::npos);
  CHECK(received.find("[phisentry@32473 seq=\"7\" event=\"save_anyway\" workspace=\"free.atlassian.net\"") != std::string::npos);
  CHECK(received.find("categories=\"ssn:2\"") != std::string::npos);
  const auto json_start = received.find("\xEF\xBB\xBF");
  REQUIRE(json_start != std::string::npos);
  CHECK(json::parse(received.substr(json_start + 3)) == record);

  audit::SyslogSink nowhere((socket_path.parent_path() / "absent.sock").string());
  CHECK_FALSE(nowhere.send(record));
}

TEST_CASE("structured data escapes quotes, backslashes and brackets") {
  json record{{"event", "policy_rejected"}, {"workspace", "a\"b]c\\d"}, {"time", "2026-01-01T00:00:00.000Z"}};
  const std::string message = audit::rfc5424_message(record, "pc1", 42);
  CHECK(message.starts_with("<109>1 2026-01-01T00:00:00.000Z pc1 phisentry 42 policy_rejected "));
  CHECK(message.find(R"(workspace="a\"b\]c\\d")") != std::string::npos);
}

TEST_CASE("audit show counts by event, workspace, category and day, without checkpoints") {
  Trail trail;
  trail.write(6);
  const auto summary = audit::summarize({trail.file});
  CHECK(summary.records == 6);
  CHECK(summary.by_event.at("warning_shown") == 3);
  CHECK(summary.by_event.at("save_anyway") == 3);
  CHECK(summary.by_event.count("checkpoint") == 0);
  CHECK(summary.by_workspace.at("free.atlassian.net") == 6);
  CHECK(summary.by_category.at("ssn") == 1 + 2 + 3 + 1 + 2 + 3);
  CHECK(audit::render(summary).find("By workspace") != std::string::npos);
  CHECK(audit::summarize({trail.file}, "2999-01-01").records == 0);
}
