#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "phisentry/scan/scanner.h"
#include "phisentry/scan/table_layout.h"
#include "test_support.h"

using namespace phisentry;
using rules::Confidence;

namespace {

struct Lent {
  std::string from;  // the header text whose keywords are lent
  std::string to;    // the text that starts where they are lent
  friend bool operator==(const Lent&, const Lent&) = default;
};

// Each link as (header text, the cell text it lends to), easier to read than offsets.
std::vector<Lent> links_of(const std::string& text) {
  std::vector<scan::HeaderLink> links;
  scan::link_table_headers(text, links);
  std::vector<Lent> out;
  for (const auto& link : links) {
    const std::size_t to_end = text.find_first_of("|\t;\n", link.at);
    out.push_back({text.substr(link.from_start, link.from_end - link.from_start),
                   text.substr(link.at, (to_end == std::string::npos ? text.size() : to_end) - link.at)});
  }
  return out;
}

std::vector<scan::Finding> warnings(const std::string& text) {
  scan::Scanner scanner(testing::shipped_pack());
  auto findings = scanner.scan(text::Utf8Text::from_valid(text)).findings;
  std::erase_if(findings, [](const scan::Finding& f) { return f.confidence < Confidence::medium; });
  return findings;
}

std::vector<std::string> warned_spans(const std::string& text) {
  std::vector<std::string> spans;
  for (const auto& f : warnings(text)) spans.push_back(text.substr(f.start, f.end - f.start));
  return spans;
}

}  // namespace

TEST_CASE("a Markdown table lends each header cell to the cells of its column and the header line to each row") {
  const std::string text = "| Name | MRN |\n|---|---|\n| A B | 123 |\n";
  CHECK(links_of(text) == std::vector<Lent>{{"| Name | MRN |", "A B "}, {"Name", "A B "}, {"MRN", "123 "}});
}

TEST_CASE("Jira headers split at double pipes, rows at single ones; empty cells keep columns aligned") {
  const std::string text = "||Rm||Age||Dx||\n|4| |CHF|\n";
  CHECK(links_of(text) == std::vector<Lent>{{"||Rm||Age||Dx||", "4"}, {"Rm", "4"}, {"Dx", "CHF"}});
}

TEST_CASE("tab-separated and semicolon rows are tables; a blank line or a line without the delimiter ends one") {
  CHECK(links_of("Unit\tAge\n4B\t97\n\n5C\t98\n").size() == 3);  // the row after the blank line has no header
  CHECK(links_of("Patient; Phone\nA; 1\nprose line\nB; 2\n").size() == 3);
  CHECK(links_of("One line; no rows\n").empty());
  CHECK(links_of("plain prose\nwith no delimiters\n").empty());
}

TEST_CASE("a value far below its header is read in its column's context") {
  // Eight rows push the last MRN and phone well beyond any keyword window from the header.
  std::string text = "| Patient | MRN | Phone | Status |\n|---|---|---|---|\n";
  for (int row = 0; row < 8; ++row) text += "| (withheld) | 4400" + std::to_string(1000 + row) + " | 541555" +
                                            std::to_string(1000 + row) + " | called back, no answer yet |\n";
  const auto spans = warned_spans(text);
  CHECK(std::count(spans.begin(), spans.end(), "44001007") == 1);
  CHECK(std::count(spans.begin(), spans.end(), "5415551007") == 1);
  for (const auto& f : warnings(text)) CHECK(f.why.find("near") != std::string::npos);
}

TEST_CASE("an Age column makes a bare number over 89 an identifier; under 90 and outside tables it is not") {
  CHECK(warned_spans("Room\tPatient\tAge\n12\t(withheld)\t97\n14\t(withheld)\t67\n") == std::vector<std::string>{"97"});
  CHECK(warned_spans("Room\tBeds\n12\t97\n").empty());
  CHECK(warned_spans("Age of the queue: 3 days. We answered 97 calls.").empty());
}

TEST_CASE("a staff table's header does not make its cells patient data") {
  const std::string text = "| Name | Role | Ext |\n|---|---|---|\n| Maria Lopez | Manager | x4830 |\n"
                           "| Sean Hughes | Coordinator | x7186 |\n";
  CHECK(warnings(text).empty());
  // A rota's "Cell" is a colleague's phone; an asset log's "Serial" is equipment.
  CHECK(warned_spans("| Week of | Primary | Cell |\n|---|---|---|\n| 4/17 | Maria Lopez | 541 973 4498 |\n").empty());
  CHECK(warned_spans("WO; Location; Asset; Serial\nWO-907518; Room 13; FA-2066; CN46213879\n").empty());
}

TEST_CASE("a glossary pasted as a table has no header: an abbreviation beside its expansion lends nothing") {
  CHECK(links_of("DOB | date of birth\nMRN | medical record number\nPCP | primary care provider\n").empty());
  CHECK(links_of("D.O.B.\tDate of Birth\nDOS\tdate of service\n").empty());
  // A real header may start with an abbreviation, just not with its expansion beside it.
  CHECK(links_of("| MRN | Patient |\n| 4471920 | Ana Ruiz |\n") ==
        std::vector<Lent>{{"| MRN | Patient |", "4471920 "}, {"MRN", "4471920 "}, {"Patient", "Ana Ruiz "}});
  // Read as a header, "date of birth" would make the ledger's closing date someone's birthday.
  CHECK(warned_spans("DOB | date of birth\nHIM | health information management\nGL | general ledger, closes 06/30/2026\n")
            .empty());
}

TEST_CASE("a value's column keyword speaks only about its own cell, not the cells beside it") {
  const std::string text = "| Patient | MRN | Device serial | Notes |\n|---|---|---|---|\n"
                           "| (withheld) | 9671987477 | 0286-78055 | called |\n";
  scan::Scanner scanner(testing::shipped_pack());
  const auto findings = scanner.scan(text::Utf8Text::from_valid(text)).findings;
  REQUIRE(findings.size() >= 2);
  for (const auto& f : findings) {
    const std::string value = text.substr(f.start, f.end - f.start);
    if (value == "9671987477") CHECK(testing::shipped_pack()->pack().rules[f.rule].category == "mrn");
    if (value == "0286-78055") CHECK(testing::shipped_pack()->pack().rules[f.rule].category == "device");
  }
}

TEST_CASE("a fixed-width table's columns are where its header cells start, counted in characters") {
  const std::string text =
      "Rm       Patient     Age  Dx\n"
      "ICU-2    Okafor, A.  56   CHF\n"
      "Bay 5    Zo\xC3\xAB W.           PNA\n";  // "Zoë" pads by characters; the Age cell is empty
  CHECK(links_of(text) == std::vector<Lent>{{"Rm       Patient     Age  Dx", "ICU-2    Okafor, A.  56   CHF"},
                                            {"Rm", "ICU-2    Okafor, A.  56   CHF"},
                                            {"Patient", "Okafor, A.  56   CHF"},
                                            {"Age", "56   CHF"},
                                            {"Dx", "CHF"},
                                            {"Rm       Patient     Age  Dx", "Bay 5    Zo\xC3\xAB W.           PNA"},
                                            {"Rm", "Bay 5    Zo\xC3\xAB W.           PNA"},
                                            {"Patient", "Zo\xC3\xAB W.           PNA"},
                                            {"Dx", "PNA"}});
}

TEST_CASE("a right-aligned number belongs to the header cell it ends under") {
  const std::string text =
      "RM   PATIENT         AGE  DX\n"
      "401  OKAFOR, C.       91  CHF exac\n"
      "403  LINDQVIST, A.   101  hip fx\n";
  const auto links = links_of(text);
  CHECK(std::count(links.begin(), links.end(), Lent{"AGE", "91  CHF exac"}) == 1);
  CHECK(std::count(links.begin(), links.end(), Lent{"AGE", "101  hip fx"}) == 1);
  const auto spans = warned_spans(text);  // ages over 89 are identifiers under an Age heading
  CHECK(std::count(spans.begin(), spans.end(), "91") == 1);
  CHECK(std::count(spans.begin(), spans.end(), "101") == 1);
  // Typed by hand, columns drift by a character; two do not.
  const auto drifted = links_of("RM   PATIENT       AGE   DX\n401  OKAFOR, C.     101   CHF\n");
  CHECK(std::count(drifted.begin(), drifted.end(), Lent{"AGE", "101   CHF"}) == 1);
  CHECK(std::count(drifted.begin(), drifted.end(), Lent{"DX", "CHF"}) == 1);
  CHECK(links_of("RM   PATIENT       AGE   DX\n401  OKAFOR, C.      101   CHF\n").empty());
}

TEST_CASE("prose with double spaces and rows that leave the header's columns are no fixed-width table") {
  CHECK(links_of("It rained.  We stayed in.  Then we left.\nNothing here lines up.\n").empty());
  CHECK(links_of("Name  Role  Ext\nThis line starts a paragraph, it is no row.\n").empty());
}

TEST_CASE("a fixed-width patient board: an age over 89 and a lone surname under their headings warn") {
  const std::string text = "Rm       Patient     Age  Dx\nICU-2    Okafor      97   CHF\n304      Delgado     56   UTI\n";
  const auto spans = warned_spans(text);
  CHECK(std::count(spans.begin(), spans.end(), "97") == 1);
  CHECK(std::count(spans.begin(), spans.end(), "Okafor") == 1);
  CHECK(std::count(spans.begin(), spans.end(), "Delgado") == 1);
  CHECK(std::count(spans.begin(), spans.end(), "56") == 0);
}
