#include <doctest/doctest.h>

#include "phisentry/scan/name_finder.h"
#include "phisentry/scan/scanner.h"
#include "test_support.h"

using namespace phisentry;
using Form = rules::NameSource::Form;

namespace {

rules::NameSource source(std::vector<std::string> first, std::vector<std::string> last,
                         std::vector<std::string> common) {
  rules::NameSource s;
  s.first_entries = std::make_shared<const std::vector<std::string>>(std::move(first));
  s.last_entries = std::make_shared<const std::vector<std::string>>(std::move(last));
  s.common_word_entries = std::make_shared<const std::vector<std::string>>(std::move(common));
  return s;
}

std::vector<std::pair<std::string, Form>> names_in(const std::string& text) {
  static const auto index = std::make_shared<const scan::NameIndex>(
      source({"Maria", "Walter", "José", "Anna", "Will", "Mark", "Hannah", "No"},
             {"Delgado", "Ruiz", "Núñez", "O'Brien", "Okafor", "May", "Rose", "Lee", "Si"},
             {"Will", "May", "Mark", "Rose", "Lee", "No"}));
  scan::NameFinder finder(index);
  std::vector<scan::NameSpan> spans;
  finder.find(text, spans);
  std::vector<std::pair<std::string, Form>> out;
  for (const auto& s : spans) out.emplace_back(text.substr(s.start, s.end - s.start), s.form);
  return out;
}

}  // namespace

TEST_CASE("name folding: case, Latin-1 capitals and typographic apostrophes") {
  std::string out;
  scan::fold_name("JOS\xC3\x89", out);
  CHECK(out == "jos\xC3\xA9");
  scan::fold_name("O\xE2\x80\x99" "Brien", out);
  CHECK(out == "o'brien");
}

TEST_CASE("name index: kinds merge across dictionaries, and the cached form round-trips or is refused") {
  const scan::NameIndex index(source({"Maria", "Rose"}, {"Delgado", "ROSE"}, {"rose"}));
  CHECK(index.size() == 3);
  CHECK(index.kinds_of_folded("maria") == scan::NameIndex::first);
  CHECK(index.kinds_of_folded("rose") == (scan::NameIndex::first | scan::NameIndex::last | scan::NameIndex::common_word));
  CHECK(index.kinds_of_folded("mari") == 0);
  CHECK(index.kinds_of_folded("") == 0);
  const std::string bytes = index.serialize();
  const auto loaded = scan::NameIndex::deserialize(bytes);
  REQUIRE(loaded != nullptr);
  CHECK(loaded->size() == 3);
  CHECK(loaded->kinds_of_folded("delgado") == scan::NameIndex::last);
  CHECK(loaded->kinds_of_folded("okafor") == 0);
  CHECK(scan::NameIndex::deserialize(bytes.substr(0, bytes.size() - 1)) == nullptr);  // cut short
  CHECK(scan::NameIndex::deserialize("PHISENTRY-HSDB-1\n") == nullptr);               // another cache file
  std::string corrupt = bytes;
  corrupt[std::string_view("PHISENTRY-NAMES-2\n").size() + 8] = 3;  // a slot count that is no power of two
  CHECK(scan::NameIndex::deserialize(corrupt) == nullptr);
}

TEST_CASE("name index: a damaged cached table answers lookups without reading outside its bytes or probing forever") {
  const scan::NameIndex index(source({"Maria", "Rose"}, {"Delgado"}, {}));
  const std::string bytes = index.serialize();
  const std::size_t slots_at = std::string_view("PHISENTRY-NAMES-2\n").size() + 24;
  const std::size_t slot_count = (bytes.size() - slots_at - std::string_view("mariarosedelgado").size()) / 8;
  // Every entry's slot points far past the entries and every empty slot is taken.
  std::string damaged = bytes;
  for (std::size_t at = slots_at; at < slots_at + slot_count * 8; at += 8) {
    if (damaged[at + 4] != 0) {
      damaged.replace(at, 4, "\xFF\xFF\xFF\x0F", 4);
    } else {
      damaged.replace(at + 4, 4, "\x01\x01\xCD\xAB", 4);
    }
  }
  const auto loaded = scan::NameIndex::deserialize(damaged);
  REQUIRE(loaded != nullptr);
  CHECK(loaded->kinds_of_folded("maria") == 0);
  CHECK(loaded->kinds_of_folded("okafor") == 0);
}

TEST_CASE("full names in every written form") {
  using P = std::pair<std::string, Form>;
  CHECK(names_in("Patient Maria Delgado today") == std::vector<P>{{"Maria Delgado", Form::full}});
  CHECK(names_in("Delgado, Maria") == std::vector<P>{{"Delgado, Maria", Form::full}});
  CHECK(names_in("Maria T. Delgado") == std::vector<P>{{"Maria T. Delgado", Form::full}});
  CHECK(names_in("MARIA DELGADO-RUIZ") == std::vector<P>{{"MARIA DELGADO-RUIZ", Form::full}});
  CHECK(names_in("Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez") == std::vector<P>{{"Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez", Form::full}});
  CHECK(names_in("Anna O\xE2\x80\x99" "Brien") == std::vector<P>{{"Anna O\xE2\x80\x99" "Brien", Form::full}});
}

TEST_CASE("partial names: titles, initials, a known first name before an unknown capitalised word") {
  using P = std::pair<std::string, Form>;
  CHECK(names_in("seen by Mr. Okafor") == std::vector<P>{{"Okafor", Form::partial}});
  CHECK(names_in("M. Delgado") == std::vector<P>{{"M. Delgado", Form::partial}});
  CHECK(names_in("Walter Nwachukwu") == std::vector<P>{{"Walter Nwachukwu", Form::partial}});
}

TEST_CASE("ordinary words that are names, lower-case words and codes are not names") {
  CHECK(names_in("Will join? Rose as done.").empty());
  CHECK(names_in("maria delgado in lower case").empty());
  CHECK(names_in("Delgado2 A1c Maria3").empty());
  // A line break parts two table cells: two lone names, not one full name.
  CHECK(names_in("Maria\nDelgado") == std::vector<std::pair<std::string, Form>>{{"Maria", Form::single},
                                                                                {"Delgado", Form::single}});
}

TEST_CASE("more written forms: possessives, HL7 family^given, a first name with an initial, an unknown surname first") {
  using P = std::pair<std::string, Form>;
  CHECK(names_in("FYI Maria Delgado's daughter") == std::vector<P>{{"Maria Delgado", Form::full}});
  CHECK(names_in("Okafor\xE2\x80\x99s son") == std::vector<P>{{"Okafor", Form::single}});
  CHECK(names_in("PID|1||123^^^MRN||DELGADO^MARIA||19610314|F") == std::vector<P>{{"DELGADO^MARIA", Form::full}});
  CHECK(names_in("Bay 4 Maria T. in bed") == std::vector<P>{{"Maria T", Form::partial}});
  CHECK(names_in("Walter T. Nwachukwu") == std::vector<P>{{"Walter T. Nwachukwu", Form::partial}});
  CHECK(names_in("KUZNETSOV, MARIA") == std::vector<P>{{"KUZNETSOV, MARIA", Form::partial}});
  CHECK(names_in("call back mr okafor re: results") == std::vector<P>{{"okafor", Form::partial}});
  CHECK(names_in("mr will is here").empty());  // an ordinary word after a title stays a word
  CHECK(names_in("MR No.: 0074. No SI/HI.").empty());  // a record number; two short words, the first ordinary
}

TEST_CASE("a lone known name is a single-word candidate; ordinary words that are names are not") {
  using P = std::pair<std::string, Form>;
  CHECK(names_in("Room 4: Okafor") == std::vector<P>{{"Okafor", Form::single}});
  CHECK(names_in("Will they come? Rose did.").empty());
  CHECK(names_in("okafor in lower case").empty());
}

TEST_CASE("the shipped rules: a lone name warns next to a relative or after 'patient', not in a staff note") {
  scan::Scanner scanner(testing::shipped_pack());
  const auto warned = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& f : scanner.scan(text::Utf8Text::from_valid(text)).findings) {
      if (f.confidence >= rules::Confidence::medium) out.push_back(text.substr(f.start, f.end - f.start));
    }
    return out;
  };
  CHECK(warned("Spoke with granddaughter Catherine about the discharge.") == std::vector<std::string>{"Catherine"});
  CHECK(warned("FYI Okafor's daughter called again.") == std::vector<std::string>{"Okafor"});
  CHECK(warned("Patient: Okafor, seen at 3 PM.") == std::vector<std::string>{"Okafor"});
  CHECK(warned("Okafor will cover the front desk on Friday.").empty());
  CHECK(warned("Her son Donald, RN, works nights on 4B.").empty());
}

TEST_CASE("the shipped rules: a patient's name warns, staff in meeting notes do not") {
  scan::Scanner scanner(testing::shipped_pack());
  const auto scan_text = [&](const std::string& text) { return scanner.scan(text::Utf8Text::from_valid(text)).findings; };
  const auto patient = scan_text("Spoke with Maria Delgado, DOB 03/14/1961.");
  REQUIRE(patient.size() == 2);
  CHECK(patient[0].confidence == rules::Confidence::high);
  CHECK(patient[0].why.find("near a date finding") != std::string::npos);
  for (const auto& f : scan_text("Attendees: Dr. Hannah Lee, Marcus Webb, Priya Nair. Marcus to post the schedule.")) {
    CHECK(f.confidence < rules::Confidence::medium);
  }
}

TEST_CASE("a name's words, folded, without initials: what two mentions of one person share") {
  std::vector<std::string> words;
  scan::append_name_words("K. Fitzgerald", words);
  scan::append_name_words("DELGADO-RUIZ, MAR\xC3\x8D" "A", words);
  scan::append_name_words("Anna O\xE2\x80\x99" "Brien", words);
  CHECK(words == std::vector<std::string>{"fitzgerald", "delgado-ruiz", "mar\xC3\xAD" "a", "anna", "o'brien"});
}

namespace {

std::vector<std::string> warned_names(const std::string& text) {
  scan::Scanner scanner(testing::shipped_pack());
  std::vector<std::string> out;
  for (const auto& f : scanner.scan(text::Utf8Text::from_valid(text)).findings) {
    const bool name = testing::shipped_pack()->pack().rules[f.rule].category == "name";
    if (name && f.confidence >= rules::Confidence::medium) out.push_back(text.substr(f.start, f.end - f.start));
  }
  return out;
}

}  // namespace

TEST_CASE("the shipped rules: a patient's name named again on the page is the same person") {
  const std::string walkthrough =
      "Search by last name. Example: type FITZGERALD in the search box; the result is Fitzgerald, Kathryn, "
      "DOB 03/14/1961.\n\nComments\nPlease remove K. Fitzgerald's details before sharing.\n";
  CHECK(warned_names(walkthrough) == std::vector<std::string>{"FITZGERALD", "Fitzgerald, Kathryn", "K. Fitzgerald"});
  scan::Scanner scanner(testing::shipped_pack());
  const auto findings = scanner.scan(text::Utf8Text::from_valid(walkthrough)).findings;
  REQUIRE(!findings.empty());
  CHECK(findings.front().why.find("a patient's name elsewhere on the page") != std::string::npos);
  // Without the patient's own mention, a lone surname in a search box is nobody's.
  CHECK(warned_names("Example: type FITZGERALD in the search box and press Enter.").empty());
  // Staff context still wins over a shared surname, and a shared first name alone does not make a full name.
  CHECK(warned_names("Patient Kathryn Fitzgerald, DOB 03/14/1961.\nDr. Fitzgerald reviewed the chart. "
                     "Kathryn Cole, RN, called the lab.") == std::vector<std::string>{"Kathryn Fitzgerald"});
}

namespace {

struct StackedLink {
  std::string header;
  std::string cell;
  friend bool operator==(const StackedLink&, const StackedLink&) = default;
};

std::vector<StackedLink> column_links(const std::string& text) {
  std::vector<scan::HeaderLink> links;
  scan::link_table_headers(text, links);
  std::vector<StackedLink> out;
  for (const auto& link : links) {
    if (link.kind != scan::HeaderLink::Kind::column) continue;
    out.push_back({text.substr(link.from_start, link.from_end - link.from_start), text.substr(link.at, link.at_end - link.at)});
  }
  return out;
}

}  // namespace

TEST_CASE("a table pasted one cell per line: the row width is inferred and each cell lends its header") {
  // A name column holds no digits, like the header cells above it: the width that keeps every column
  // alike is 4, not 5 (which would take "Ana Ruiz" for a header cell).
  const std::string text =
      "Callbacks\n\nName\nDOB\nMRN\nPhone\nAna Ruiz\n03/04/1961\n0012345\n(303) 555-0142\n"
      "Okafor, Walter\n7/9/1950\n\n303-555-0199\n"
      "Notes: the lab closes at noon on Fridays, so call the results line before 11 and leave the callback number "
      "with the front desk.\n";
  CHECK(column_links(text) == std::vector<StackedLink>{{"Name", "Ana Ruiz"},
                                                       {"DOB", "03/04/1961"},
                                                       {"MRN", "0012345"},
                                                       {"Phone", "(303) 555-0142"},
                                                       {"Name", "Okafor, Walter"},
                                                       {"DOB", "7/9/1950"},
                                                       {"Phone", "303-555-0199"}});
  // A list of short lines without numbers, or one row of values, is no table.
  CHECK(column_links("Agenda\nStaffing\nFlu clinic\nParking\nHand hygiene\n").empty());
  CHECK(column_links("Name\nRole\nExt\nAna Ruiz\nCoordinator\n2267\n").empty());
}

TEST_CASE("the shipped rules: names on a huddle board pasted one cell per line warn under its Patient heading") {
  const std::string board =
      "PATIENTS\nRm\nPatient\nAge\nDx\n"
      "ICU-4\nWEBB, BRUCE\n42\nSYNCOPE\n"
      "BAY 17\nEMMA GARDNER\n71\nGI BLEED\n"
      "309\nMORALES\n41\nHYPONA\n";
  CHECK(warned_names(board) == std::vector<std::string>{"WEBB, BRUCE", "EMMA GARDNER", "MORALES"});
  // The same layout listing staff: no patient heading, no warning.
  CHECK(warned_names("On call\nRole\nName\nExt\nCharge RN\nBruce Webb\n2267\nHouse sup\nEmma Gardner\n2268\n").empty());
}

TEST_CASE("two ordinary words that are both names are a partial name: only context makes them a person") {
  using P = std::pair<std::string, Form>;
  CHECK(names_in("Will May join? Mark Rose as done.") == std::vector<P>{{"Will May", Form::partial}, {"Mark Rose", Form::partial}});
  CHECK(names_in("Rose, Mark") == std::vector<P>{{"Rose, Mark", Form::partial}});
  CHECK(warned_names("| Patient | DOB |\n|---|---|\n| Grace West | 06/22/1933 |\n") == std::vector<std::string>{"Grace West"});
  CHECK(warned_names("Called Cox, Heather back about her results.") == std::vector<std::string>{"Cox, Heather"});
  CHECK(warned_names("Grace West will bring the agenda; Mark Rose takes notes.").empty());
  CHECK(names_in("ROSE, MARK\nFALL RISK\nWILL MAY") == std::vector<P>{{"ROSE, MARK", Form::partial}});
}

TEST_CASE("John Doe and Jane Doe are the conventional example person, not a name") {
  CHECK(names_in("Patient name: John Doe (use this in screenshots)").empty());
  CHECK(names_in("DOE, JANE; Jane DOE").empty());
  CHECK(warned_names("| Field | Use this |\n|---|---|\n| Patient name | Jane Doe |\n| DOB | 01/01/1900 |\n").empty());
}
