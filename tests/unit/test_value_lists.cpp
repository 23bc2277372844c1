// Allowlist and exact-data-match lists: hashed entries, the file format, wrong keys and kinds, CSV
// input, and what they do to the scanner's findings.

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "phisentry/lists/csv_table.h"
#include "phisentry/lists/value_list.h"
#include "phisentry/scan/scanner.h"
#include "phisentry/text/utf8.h"
#include "test_support.h"

using namespace phisentry;
namespace fs = std::filesystem;

namespace {

crypto::ValueHasher hasher_with(unsigned char fill) {
  std::array<unsigned char, crypto::ValueHasher::kKeyBytes> key{};
  key.fill(fill);
  return crypto::ValueHasher(key);
}

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("phisentry-lists-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(dir / name, std::ios::binary) << content;
    return dir / name;
  }
};

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A list written with a fresh key file beside it (FILE.key), as the CLI does.
fs::path write_list(const Scratch& scratch, const std::string& name, lists::ListKind kind,
                    const std::vector<std::string>& values) {
  const fs::path file = scratch.dir / name;
  lists::ValueList list(kind, crypto::ValueHasher::from_key_file(lists::default_key_file(file)));
  for (const std::string& value : values) list.add(value);
  list.write(file);
  return file;
}

struct Found {
  std::string rule;
  rules::Confidence confidence;
  std::string why;
};

std::vector<Found> scan_with(const std::string& text, std::shared_ptr<const lists::ValueLists> value_lists) {
  scan::Scanner scanner(testing::shipped_pack());
  scanner.use_value_lists(std::move(value_lists));
  std::vector<Found> found;
  for (const scan::Finding& f : scanner.scan(text::Utf8Text::repair(text)).findings) {
    found.push_back({scanner.compiled().pack().rules[f.rule].id, f.confidence, f.why});
  }
  return found;
}

}  // namespace

TEST_CASE("a value list holds keyed hashes of canonical values, never the values") {
  lists::ValueList list(lists::ListKind::allowlist, hasher_with(7));
  CHECK(list.add("(503) 555-0100"));
  CHECK_FALSE(list.add("503-555-0100"));  // the same number, written differently
  CHECK(list.contains("503.555.0100"));
  CHECK_FALSE(list.contains("503-555-0101"));
  CHECK(list.size() == 1);
  CHECK(list.remove("503 555 0100"));
  CHECK(list.size() == 0);
}

TEST_CASE("a list file round-trips, holds no value in clear, and refuses another key") {
  Scratch scratch;
  const fs::path file = scratch.dir / "allow.list";
  lists::ValueList list(lists::ListKind::allowlist, hasher_with(1));
  list.add("Jane Doe");
  list.add("frontdesk@riverbend-clinic.org");
  list.write(file);
  const std::string content = read_all(file);
  CHECK(content.starts_with("# phisentry value list v1\nkind allowlist\nkey b2:"));
  CHECK(content.find("Jane") == std::string::npos);
  CHECK(content.find("jane") == std::string::npos);
  CHECK(content.find("riverbend") == std::string::npos);
  const lists::ValueList again = lists::ValueList::read(file, hasher_with(1));
  CHECK(again.contains("JANE DOE"));
  CHECK(again.size() == 2);
  CHECK_THROWS_WITH(lists::ValueList::read(file, hasher_with(2)), doctest::Contains("different key"));
}

TEST_CASE("a damaged list is refused with its line") {
  Scratch scratch;
  const fs::path good = write_list(scratch, "edm.list", lists::ListKind::edm, {"00482913"});
  std::string content = read_all(good);
  content += "not a hash\n";
  std::ofstream(good, std::ios::binary | std::ios::trunc) << content;
  CHECK_THROWS_WITH(lists::ValueLists::load({{lists::ListKind::edm, good, {}}}), doctest::Contains("edm.list:5"));
  const fs::path other = scratch.write("other.txt", "hello\n");
  CHECK_THROWS_WITH(lists::ValueLists::load({{lists::ListKind::edm, other, lists::default_key_file(good)}}),
                    doctest::Contains("not a phisentry value list"));
  const fs::path no_key = scratch.write("lonely.list", "# phisentry value list v1\nkind edm\nkey b2:00\n");
  CHECK_THROWS_WITH(lists::ValueLists::load({{lists::ListKind::edm, no_key, {}}}), doctest::Contains("is missing"));
}

TEST_CASE("a list of the wrong kind is refused, and the allowlist wins over an exact-data match") {
  Scratch scratch;
  const fs::path allow = write_list(scratch, "allow.list", lists::ListKind::allowlist, {"Jane Doe"});
  const fs::path edm = write_list(scratch, "edm.list", lists::ListKind::edm, {"Jane Doe", "00482913"});
  CHECK_THROWS_WITH(lists::ValueLists::load({{lists::ListKind::edm, allow, {}}}), doctest::Contains("expected 'edm'"));
  const auto both = lists::ValueLists::load({{lists::ListKind::allowlist, allow, {}}, {lists::ListKind::edm, edm, {}}});
  CHECK(both->lookup("jane  doe") == lists::ValueLists::Listed::allowed);
  CHECK(both->lookup("00482913") == lists::ValueLists::Listed::exact);
  CHECK(both->lookup("00482914") == lists::ValueLists::Listed::no);
  CHECK(both->has_edm());
}

TEST_CASE("the scanner drops allowlisted values and raises exact-data matches to high") {
  Scratch scratch;
  const std::string clinic_line = "Pt callback number (503) 555-0144.";
  const auto plain = scan_with(clinic_line, nullptr);
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].rule == "phone.nanp");

  const fs::path allow = write_list(scratch, "allow.list", lists::ListKind::allowlist, {"503-555-0144"});
  CHECK(scan_with(clinic_line, lists::ValueLists::load({{lists::ListKind::allowlist, allow, {}}})).empty());

  // A name in an attendee list is no patient's, unless it is on the clinic's own patient list.
  const std::string attendees = "Attendees: Dana Whitfield, Marcus Oyelaran. Agenda: parking rota.";
  for (const Found& f : scan_with(attendees, nullptr)) CHECK(f.confidence < rules::Confidence::medium);
  const fs::path edm = write_list(scratch, "edm.list", lists::ListKind::edm, {"Dana Whitfield", "Whitfield, Dana"});
  const auto with_edm = scan_with(attendees, lists::ValueLists::load({{lists::ListKind::edm, edm, {}}}));
  const auto dana = std::find_if(with_edm.begin(), with_edm.end(), [](const Found& f) { return f.confidence == rules::Confidence::high; });
  REQUIRE(dana != with_edm.end());
  CHECK(dana->why.find("exact-data-match") != std::string::npos);
}

TEST_CASE("CSV exports: quoted cells, a header lookup that ignores case and spaces, and malformed input") {
  Scratch scratch;
  const auto table = lists::read_csv(scratch.write("p.csv", "MRN, First ,Last\r\n00482913,\"Dana\",\"Whitfield, Jr\"\n"));
  CHECK(table.column("first") == 1);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0][2] == "Whitfield, Jr");
  CHECK_THROWS_WITH(table.column("dob"), doctest::Contains("no column 'dob'"));
  CHECK_THROWS_WITH(lists::read_csv(scratch.write("bad.csv", "MRN\n\"00482913\n")), doctest::Contains("malformed CSV"));
  CHECK_THROWS_WITH(lists::read_csv(scratch.dir / "missing.csv"), doctest::Contains("cannot be read"));
}
