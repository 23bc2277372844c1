// `phisentry scan` and `phisentry rules` as a person or a script runs them.

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Run {
  int status;
  std::string out;
};

// Runs a shell command line (our own, fixed strings) and captures stdout.
Run run(const std::string& command) {
  Run result{-1, {}};
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.out += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::string kBinary = std::string(PHISENTRY_BINARY) + " ";
const std::string kRules = std::string(" --no-cache --rules ") + PHISENTRY_TEST_DATA_DIR + "/../rules";

}  // namespace

TEST_CASE("scan exits 1 and prints file, line, column and category when it finds PHI") {
  const auto r = run("printf 'ok line\\nPatient SSN 512-44-6789\\n' | " + kBinary + "scan --color never" + kRules);
  CHECK(r.status == 1);
  CHECK(r.out == "<stdin>:2:13: high ssn (G, ssn.formatted): Patient SSN 512-44-6789\n");
}

TEST_CASE("scan exits 0 on a clean page and 2 on a missing file or a bad option") {
  CHECK(run("printf 'Runbook: restart nginx on 10.0.0.12 after the 03/04/2026 window.' | " + kBinary + "scan" + kRules)
            .status == 0);
  CHECK(run(kBinary + "scan /nonexistent/page.txt" + kRules).status == 2);
  CHECK(run(kBinary + "scan --min-confidence extreme" + kRules).status == 2);
  CHECK(run(kBinary + "frobnicate").status == 2);
}

TEST_CASE("scan --jsonl writes one line per input with protocol findings, and an error line for a bad one") {
  const auto r = run("printf '{\"id\":\"a\",\"text\":\"DOB: 03/04/1961\"}\\nnot json\\n{\"id\":7,\"text\":\"nothing\"}\\n' | " +
                     kBinary + "scan --jsonl" + kRules);
  CHECK(r.status == 2);
  std::istringstream lines(r.out);
  std::string line;
  REQUIRE(std::getline(lines, line));
  const auto first = nlohmann::json::parse(line);
  CHECK(first["id"] == "a");
  CHECK(first["findings"][0]["start"] == 5);
  CHECK(first["findings"][0]["rule"] == "date.birth");
  REQUIRE(std::getline(lines, line));
  CHECK(nlohmann::json::parse(line)["error"].is_string());
  REQUIRE(std::getline(lines, line));
  CHECK(nlohmann::json::parse(line)["findings"].empty());
}

TEST_CASE("every subcommand has --help, and --version answers") {
  for (const char* command : {"scan", "native", "rules"}) {
    CAPTURE(command);
    const auto r = run(kBinary + command + " --help");
    CHECK(r.status == 0);
    CHECK(r.out.find("Usage: phisentry") != std::string::npos);
  }
  CHECK(run(kBinary + "--version").out.starts_with("phisentry "));
}

TEST_CASE("rules check passes on the shipped pack and lists it") {
  const auto check = run(kBinary + "rules check " + PHISENTRY_TEST_DATA_DIR + "/../rules");
  CHECK(check.status == 0);
  CHECK(check.out.find("ok: ") != std::string::npos);
  CHECK(run(kBinary + "rules list " + PHISENTRY_TEST_DATA_DIR + "/../rules").out.find("ssn.formatted") !=
        std::string::npos);
}
