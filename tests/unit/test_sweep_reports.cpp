// Report records, totals, CSV, the progress line, Retry-After, coverage globs and keyed value hashes.

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "phisentry/policy/store.h"
#include "phisentry/sweep/coverage.h"
#include "phisentry/sweep/http.h"
#include "phisentry/sweep/progress.h"
#include "phisentry/sweep/report.h"
#include "phisentry/crypto/value_hasher.h"

using namespace phisentry::sweep;
using namespace phisentry::crypto;
using phisentry::rules::Confidence;
namespace fs = std::filesystem;

namespace {

PageReport sample_report(const std::string& space, const std::string& id, std::size_t ssn, std::size_t dates) {
  PageReport r;
  r.location = {"export.zip", "", space, space + " team", ""};
  r.id = id;
  r.kind = "page";
  r.title = "Huddle " + id;
  r.url = "export.zip!" + space + "/Huddle_" + id + ".html";
  if (ssn > 0) r.categories["ssn"] = {ssn, Confidence::high, {"b2:aa", "b2:bb"}};
  if (dates > 0) r.categories["date"] = {dates, Confidence::medium, {"b2:cc"}};
  return r;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("phisentry-sweep-unit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("a page report survives its JSON line (what a resumed sweep reads back)") {
  PageReport r = sample_report("OPS", "42", 2, 1);
  r.covered_by = "--covered OPS";
  r.parent_id = "41";
  r.parent_title = "Parent";
  r.incomplete = true;
  const auto json = to_json(r);
  CHECK(json["findings"] == 3);
  CHECK(json["confidence"] == "high");
  CHECK(json["workspace"] == "covered");
  const PageReport back = report_from_json(json);
  CHECK(to_json(back) == json);
}

TEST_CASE("totals count pages, pages with PHI and findings, by coverage, space and category") {
  PageReport covered = sample_report("OPS", "1", 2, 0);
  covered.covered_by = "--covered OPS";
  const std::vector<PageReport> reports{covered, sample_report("BILL", "2", 1, 3), sample_report("BILL", "3", 0, 0)};
  const Summary s = summarize(reports, {{"bad.zip", "not a readable zip archive"}}, {});
  CHECK(s.all.pages == 3);
  CHECK(s.all.with_phi == 2);
  CHECK(s.all.findings == 6);
  CHECK(s.covered.with_phi == 1);
  CHECK(s.uncovered.pages == 2);
  CHECK(s.uncovered.findings_by_category.at("date") == 3);
  CHECK(s.all.pages_by_category.at("ssn") == 2);
  CHECK(s.by_space.at("BILL").pages == 2);
  CHECK(s.by_space.at("BILL").with_phi == 1);
  CHECK(to_json(s)["problems"][0]["source"] == "bad.zip");
}

TEST_CASE("CSV quotes every text field and defuses formulas in titles") {
  PageReport r = sample_report("OPS", "7", 1, 0);
  r.title = "=HYPERLINK(\"x\") \"quoted\", title";
  const fs::path file = scratch("pages.csv");
  write_csv(file, {r});
  const std::string csv = read(file);
  CHECK(csv.starts_with("workspace,covered_by,space_key"));
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\") \"\"quoted\"\", title\"") != std::string::npos);
  CHECK(csv.find(",high,1,1,\"ssn:b2:aa ssn:b2:bb\",no\r\n") != std::string::npos);
  fs::remove_all(file.parent_path());
}

TEST_CASE("the HTML report escapes page titles") {
  PageReport r = sample_report("OPS", "8", 1, 0);
  r.title = "<img src=x onerror=alert(1)>";
  const fs::path file = scratch("report.html");
  write_html(file, {r}, summarize({r}, {}, {}));
  const std::string html = read(file);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  fs::remove_all(file.parent_path());
}

TEST_CASE("the progress line shows done/total, percent, rates and time left, and fits the width") {
  const std::string line = progress_line({250, 1000, 5'000'000, 2.0}, 100);
  CHECK(line.find("250/1,000 pages  25%  125 pages/s  2.5 MB/s  0:06 left") != std::string::npos);
  CHECK(line.starts_with("[#"));
  CHECK(progress_line({250, 1000, 5'000'000, 2.0}, 30).size() <= 30);
  CHECK(progress_line({12, 0, 0, 1.0}, 80) == "12 pages  12 pages/s  0.0 MB/s");  // total not known yet
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
  CHECK(parse_retry_after("7", 0) == std::chrono::seconds(7));
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40) == std::chrono::seconds(60));
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 40) == std::chrono::seconds(0));  // already past
  CHECK_FALSE(parse_retry_after("", 0).has_value());
  CHECK_FALSE(parse_retry_after("soon", 0).has_value());
}

TEST_CASE("coverage globs match the space URL, site URL, space key or export") {
  const GlobCoverage coverage({"https://clinic.atlassian.net/wiki/spaces/HIPAA*", "BILL", "*/covered-*.zip"});
  CHECK(coverage.covered_by({"", "https://clinic.atlassian.net/wiki", "HIPAAOPS", "",
                             "https://clinic.atlassian.net/wiki/spaces/HIPAAOPS"}) ==
        "--covered https://clinic.atlassian.net/wiki/spaces/HIPAA*");
  CHECK(coverage.covered_by({"export.zip", "", "BILL", "", ""}).has_value());
  CHECK(coverage.covered_by({"/exports/covered-ops.zip", "", "OPS", "", ""}).has_value());
  CHECK_FALSE(coverage.covered_by({"/exports/ops.zip", "", "OPS", "", ""}).has_value());
  CHECK_FALSE(GlobCoverage({}).covered_by({"x", "y", "z", "", ""}).has_value());
}

namespace {

phisentry::policy::Policy policy_with(const nlohmann::json& workspaces) {
  phisentry::policy::PolicyStore store;
  REQUIRE(store.set_system({{"workspaces", workspaces}}).empty());
  return store.effective();
}

}  // namespace

TEST_CASE("the policy's workspaces decide coverage for a space, the most specific entry winning") {
  const PolicyCoverage coverage(policy_with(nlohmann::json::array({
      {{"match", "https://clinic.atlassian.net/wiki/*"}, {"covered", true}, {"label", "Clinic Cloud (BAA)"}},
      {{"match", "https://clinic.atlassian.net/wiki/spaces/PUB/*"}, {"covered", false}},
      {{"match", "https://dc.clinic.example/*"}, {"covered", true}}})));
  const Location ops{"https://clinic.atlassian.net/wiki", "https://clinic.atlassian.net/wiki", "OPS", "",
                     "https://clinic.atlassian.net/wiki/spaces/OPS"};
  CHECK(coverage.covered_by(ops) == "policy Clinic Cloud (BAA) (https://clinic.atlassian.net/wiki/*)");
  Location pub = ops;
  pub.space_key = "PUB";
  pub.space_url = "https://clinic.atlassian.net/wiki/spaces/PUB";
  CHECK_FALSE(coverage.covered_by(pub).has_value());
  const Location site_only{"https://dc.clinic.example", "https://dc.clinic.example", "HR", "", ""};
  CHECK(coverage.covered_by(site_only) == "policy https://dc.clinic.example/*");
  CHECK_FALSE(coverage.covered_by({"https://other.example/wiki", "https://other.example/wiki", "OPS", "", ""}));
  CHECK_FALSE(coverage.covered_by({"export.zip", "", "OPS", "", ""}).has_value());  // an export has no URL
}

TEST_CASE("--covered globs are asked before the policy") {
  const SweepCoverage coverage(GlobCoverage({"OPS"}), PolicyCoverage(policy_with(nlohmann::json::array({
      {{"match", "https://clinic.atlassian.net/wiki/*"}, {"covered", true}}}))));
  CHECK(coverage.covered_by({"export.zip", "", "OPS", "", ""}) == "--covered OPS");
  CHECK(coverage.covered_by({"https://clinic.atlassian.net/wiki", "https://clinic.atlassian.net/wiki", "HR", "", ""}) ==
        "policy https://clinic.atlassian.net/wiki/*");
  CHECK_FALSE(coverage.covered_by({"export.zip", "", "HR", "", ""}).has_value());
}

TEST_CASE("value hashes: keyed, stable across separators, distinct across keys and categories") {
  std::array<unsigned char, ValueHasher::kKeyBytes> key{};
  key.fill(7);
  const ValueHasher hasher(key);
  const std::string h = hasher.hash("ssn", "512-44-6789");
  CHECK(h.size() == 35);
  CHECK(h.starts_with("b2:"));
  CHECK(h.find("6789") == std::string::npos);
  CHECK(hasher.hash("ssn", "512 44 6789") == h);
  CHECK(hasher.hash("phone", "512-44-6789") != h);
  key.fill(8);
  CHECK(ValueHasher(key).hash("ssn", "512-44-6789") != h);
  CHECK(canonical_value("(503) 555-0177") == "5035550177");
  CHECK(canonical_value("Jo.Doe@Example.ORG") == "jodoe@exampleorg");
}

TEST_CASE("the hash key file is created once, private to its owner, and reused") {
  const fs::path file = scratch("keys") / "sweep-hash.key";
  const std::string first = ValueHasher::from_key_file(file).hash("mrn", "00482913");
  struct stat info{};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(fs::file_size(file) == ValueHasher::kKeyBytes);
  CHECK(ValueHasher::from_key_file(file).hash("mrn", "00482913") == first);
  std::ofstream(file, std::ios::trunc) << "short";
  CHECK_THROWS_AS(ValueHasher::from_key_file(file), std::runtime_error);
  fs::remove_all(file.parent_path().parent_path());
}
