// `phisentry scan` and `phisentry rules` as a person or a script runs them.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include "subprocess.h"

using phisentry::testing::run_command;

namespace {

const std::string kBinary = std::string(PHISENTRY_BINARY) + " ";
const std::string kRules = " --cache-dir " + phisentry::testing::shared_cache_dir() + " --rules " + PHISENTRY_TEST_DATA_DIR +
                           "/../rules";

}  // namespace

TEST_CASE("scan exits 1 and prints file, line, column and category when it finds PHI") {
  const auto r = run_command("printf 'ok line\\nPatient SSN 512-44-6789\\n' | " + kBinary + "scan --color never" + kRules);
  CHECK(r.status == 1);
  CHECK(r.out == "<stdin>:2:13: high ssn (G, ssn.formatted): Patient SSN 512-44-6789\n");
}

TEST_CASE("scan exits 0 on a clean page and 2 on a missing file or a bad option") {
  CHECK(run_command("printf 'Runbook: restart nginx on 10.0.0.12 after the 03/04/2026 window.' | " + kBinary + "scan" + kRules)
            .status == 0);
  CHECK(run_command(kBinary + "scan /nonexistent/page.txt" + kRules).status == 2);
  CHECK(run_command(kBinary + "scan --min-confidence extreme" + kRules).status == 2);
  CHECK(run_command(kBinary + "frobnicate").status == 2);
}

TEST_CASE("scan --jsonl writes one line per input with protocol findings, and an error line for a bad one") {
  const auto r = run_command("printf '{\"id\":\"a\",\"text\":\"DOB: 03/04/1961\"}\\nnot json\\n{\"id\":7,\"text\":\"nothing\"}\\n' | " +
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
  for (const char* command : {"scan", "native", "rules", "allowlist", "edm"}) {
    CAPTURE(command);
    const auto r = run_command(kBinary + command + " --help");
    CHECK(r.status == 0);
    CHECK(r.out.find("Usage: phisentry") != std::string::npos);
  }
  CHECK(run_command(kBinary + "--version").out.starts_with("phisentry "));
}

TEST_CASE("sweep runs phisentry-sweep from phisentry's folder, and says so when it is missing") {
  const auto help = run_command(kBinary + "sweep --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage: phisentry sweep") != std::string::npos);
  phisentry::testing::ScratchFolder lone("sweep-missing");
  std::filesystem::copy_file(PHISENTRY_BINARY, lone.path() / "phisentry");
  const auto missing = run_command("(" + (lone.path() / "phisentry").string() + " sweep --help 2>&1)");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("cannot run " + (lone.path() / "phisentry-sweep").string()) != std::string::npos);
}

TEST_CASE("the host does not load the network and document libraries that only sweep needs") {
  // Each costs start-up time in every browser launch; `phisentry sweep` runs phisentry-sweep instead.
  const auto needed = run_command("readelf -d " + std::string(PHISENTRY_BINARY) + " | grep NEEDED");
  REQUIRE(needed.status == 0);
  CHECK(needed.out.find("libhs") != std::string::npos);
  for (const char* library : {"libcurl", "libxml2", "libzip"}) {
    CAPTURE(library);
    CHECK(needed.out.find(library) == std::string::npos);
  }
}

TEST_CASE("rules check passes on the shipped pack and lists it") {
  const auto check = run_command(kBinary + "rules check " + PHISENTRY_TEST_DATA_DIR + "/../rules");
  CHECK(check.status == 0);
  CHECK(check.out.find("ok: ") != std::string::npos);
  CHECK(run_command(kBinary + "rules list " + PHISENTRY_TEST_DATA_DIR + "/../rules").out.find("ssn.formatted") !=
        std::string::npos);
}

TEST_CASE("allowlist and edm from the command line: built from values and a CSV, applied by scan, never in clear") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("phisentry-cli-lists-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string d = dir.string();
  std::ofstream(dir / "patients.csv") << "MRN,First,Last\n00482913,Dana,Whitfield\n00517730,Marcus,Oyelaran\n";
  const std::string page = "printf 'Attendees: Dana Whitfield. Pt callback number (503) 555-0144.\\n' | ";

  const auto before = run_command(page + kBinary + "scan --color never" + kRules);
  CHECK(before.out.find(" phone (") != std::string::npos);
  CHECK(before.out.find(" name (") == std::string::npos);

  const auto added = run_command(kBinary + "allowlist add '(503) 555-0144' --file " + d + "/allow.list");
  CHECK(added.status == 0);
  CHECK(added.out.find("added 1 value(s)") != std::string::npos);
  CHECK(run_command(kBinary + "allowlist check 503-555-0144 --file " + d + "/allow.list").status == 0);
  CHECK(run_command(kBinary + "allowlist check 503-555-0145 --file " + d + "/allow.list").status == 1);
  const auto built = run_command(kBinary + "edm build --from " + d + "/patients.csv --out " + d +
                         "/edm.list --columns MRN --name-columns First,Last");
  CHECK(built.status == 0);
  CHECK(built.out.find("6 hashed value(s) from 2 row(s)") != std::string::npos);

  const auto after = run_command(page + kBinary + "scan --color never" + kRules + " --allowlist " + d + "/allow.list --edm " + d + "/edm.list");
  CHECK(after.status == 1);
  CHECK(after.out.find(" phone (") == std::string::npos);
  CHECK(after.out.find("high name") != std::string::npos);

  for (const char* file : {"allow.list", "edm.list"}) {
    std::ifstream in(dir / file);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* value : {"00482913", "Dana", "Whitfield", "dana", "whitfield", "5035550144"}) CHECK(content.find(value) == std::string::npos);
  }
  CHECK(built.out.find("Whitfield") == std::string::npos);
  CHECK(run_command(kBinary + "scan" + kRules + " --edm " + d + "/allow.list /dev/null").status == 2);  // wrong kind
  std::filesystem::remove_all(dir);
}
