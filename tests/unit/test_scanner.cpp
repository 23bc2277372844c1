#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "phisentry/scan/hyperscan_matcher.h"
#include "phisentry/scan/reference_matcher.h"
#include "phisentry/scan/scanner.h"
#include "test_support.h"

using namespace phisentry;
using rules::Confidence;

namespace {

std::vector<scan::Finding> scan_text(scan::Scanner& scanner, const std::string& text) {
  return scanner.scan(text::Utf8Text::from_valid(text)).findings;
}

const rules::Rule& rule_of(const scan::Finding& f) { return testing::shipped_pack()->pack().rules[f.rule]; }

std::string span(const std::string& text, const scan::Finding& f) { return text.substr(f.start, f.end - f.start); }

// Text made of the pieces PHI and its look-alikes are made of, so every rule gets candidates,
// boundaries, keywords and overlaps to disagree about.
std::string generated_text(std::mt19937& rng, std::size_t pieces) {
  static const std::vector<std::string> kPieces{
      "SSN", "ssn:", "DOB", "dob", "born", "patient", "Pt", "fax", "MRN", "mrn#", "medicare", "admitted", "meeting",
      "updated", "daughter", "help desk", "server", "version", "portal", "email", "member id", "age", "y/o",
      "-year-old", "https://", "http://ehr.example.org/patients/", "/chart?id=", "@", "gmail.com", ".org", "x",
      "ext.", "(", ")", "-", "/", ".", ":", " ", " ", " ", "\n", ",", "\xC3\xA9", "\xF0\x9F\x98\x80", "Mar", "March",
      "4th", "1961", "61", "03", "3", "14", "93", "101", "88", "512", "44", "6789", "555", "0142", "503", "1EG4",
      "TE5", "MK73", "10", "0", "255", "73", "::", "2001", "db8", "fe80", "a", "Z"};
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text += kPieces[pick(rng)];
  return text;
}

}  // namespace

TEST_CASE("an SSN and a date of birth are found with high confidence at their exact spans") {
  scan::Scanner scanner(testing::shipped_pack());
  const std::string text = "Pt DOB 03/04/1961, SSN 512-44-6789.";
  const auto findings = scan_text(scanner, text);
  REQUIRE(findings.size() == 2);
  CHECK(span(text, findings[0]) == "03/04/1961");
  CHECK(rule_of(findings[0]).id == "date.birth");
  CHECK(findings[0].confidence == Confidence::high);
  CHECK(span(text, findings[1]) == "512-44-6789");
  CHECK(rule_of(findings[1]).category == "ssn");
  CHECK(findings[1].confidence == Confidence::high);
  CHECK(findings[1].why.find("512") == std::string::npos);  // reasons never quote the value
}

TEST_CASE("findings are sorted and never overlap; the stronger claim on a span wins") {
  scan::Scanner scanner(testing::shipped_pack());
  // The same digits are a phone candidate and a fax candidate: "fax" makes the fax rule win.
  const std::string text = "Patient home fax 503-555-0177; mother's cell (541) 555-0139.";
  const auto findings = scan_text(scanner, text);
  REQUIRE(findings.size() == 2);
  CHECK(rule_of(findings[0]).category == "fax");
  CHECK(rule_of(findings[1]).category == "phone");
  for (std::size_t i = 1; i < findings.size(); ++i) CHECK(findings[i - 1].end <= findings[i].start);
}

TEST_CASE("context lowers and drops: an organisation's line and a meeting date are not reported") {
  scan::Scanner scanner(testing::shipped_pack());
  CHECK(scan_text(scanner, "Call the help desk at 503-555-0100 to reset a password.").empty());
  CHECK(scan_text(scanner, "The meeting on 03/04/2026 moves to room 4.").empty());
  CHECK(scan_text(scanner, "Use XXX-XX-XXXX as the SSN placeholder.").empty());
}

TEST_CASE("a keyword inside the match itself is not context for it") {
  scan::Scanner scanner(testing::shipped_pack());
  // "mrn" must stand before the number, not be part of an unrelated token.
  CHECK(scan_text(scanner, "order xmrn 00482913").empty());
}

// The same pieces in clusters parted by keyword-free filler, so some look-alikes lie beyond every
// keyword's reach: the Hyperscan matcher does not match gated patterns there (PatternSet::gated).
std::string spread_text(std::mt19937& rng) {
  std::string text;
  for (int cluster = 0; cluster < 10; ++cluster) {
    text += generated_text(rng, 16);
    for (int i = 0; i < 6; ++i) text += " the quick brown fox jumps over the lazy dog";
  }
  return text;
}

TEST_CASE("the Hyperscan matcher and the reference matcher agree on generated text") {
  const auto compiled = testing::shipped_pack();
  scan::Scanner fast(compiled);
  scan::Scanner reference(compiled, std::make_unique<scan::ReferenceMatcher>(compiled->patterns()));
  const auto databases = scan::HyperscanDatabases::compile(compiled->patterns(), compiled->pack());
  scan::HyperscanMatcher raw_everywhere(databases, compiled->patterns());
  raw_everywhere.match_gated_everywhere(true);
  scan::HyperscanMatcher raw_gated(databases, compiled->patterns());
  scan::ReferenceMatcher raw_reference(compiled->patterns());
  const auto sorted_hits = [](scan::Matcher& matcher, const std::string& text) {
    scan::Hits hits;
    matcher.find(text, hits);
    std::sort(hits.regex.begin(), hits.regex.end());
    std::sort(hits.literals.begin(), hits.literals.end());
    return hits;
  };
  std::size_t findings_seen = 0;
  std::size_t hits_skipped = 0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    for (const std::string& text : {generated_text(rng, 160), spread_text(rng)}) {
      CAPTURE(seed);
      const scan::Hits all = sorted_hits(raw_everywhere, text);
      const scan::Hits expected = sorted_hits(raw_reference, text);
      CHECK(all.regex == expected.regex);
      CHECK(all.literals == expected.literals);
      const scan::Hits gated = sorted_hits(raw_gated, text);
      CHECK(std::includes(all.regex.begin(), all.regex.end(), gated.regex.begin(), gated.regex.end()));
      hits_skipped += all.regex.size() - gated.regex.size();
      const auto x = scan_text(fast, text);
      const auto y = scan_text(reference, text);
      REQUIRE(x.size() == y.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(x[i].start == y[i].start);
        CHECK(x[i].end == y[i].end);
        CHECK(x[i].rule == y[i].rule);
        CHECK(x[i].confidence == y[i].confidence);
      }
      findings_seen += x.size();
    }
  }
  CHECK(findings_seen > 20);  // the generator really exercises the rules
  CHECK(hits_skipped > 0);    // and gated patterns really are skipped away from their keywords
}

TEST_CASE("spans stay on code point boundaries next to multi-byte text") {
  scan::Scanner scanner(testing::shipped_pack());
  const std::string text = "Jos\xC3\xA9's SSN 512-44-6789\xF0\x9F\x98\x80 ok";
  const auto findings = scan_text(scanner, text);
  REQUIRE(findings.size() == 1);
  CHECK(span(text, findings[0]) == "512-44-6789");
}

TEST_CASE("hostile text that matches everywhere stops at the hit limit instead of growing without bound") {
  scan::Scanner scanner(testing::shipped_pack());
  const std::string text = "http://" + std::string(3'000'000, 'a');  // the URL tail ends at every byte
  const auto result = scanner.scan(text::Utf8Text::from_valid(text));
  CHECK(result.incomplete);
}

TEST_CASE("between equally strong rules on one span, the nearer evidence wins") {
  scan::Scanner scanner(testing::shipped_pack());
  const std::string text = "Patient (DOB 03/14/1961) was admitted 11/18/2026 via the ED.";
  const auto findings = scan_text(scanner, text);
  REQUIRE(findings.size() == 2);
  CHECK(rule_of(findings[0]).id == "date.birth");
  CHECK(rule_of(findings[1]).id == "date.event");
  CHECK(findings[1].why.find("admitted") != std::string::npos);
}

TEST_CASE("every rule's placeholder rescans clean, in prose and in a patient table") {
  // "Replace all" must leave nothing behind: a placeholder that is itself flagged would loop.
  const auto& pack = testing::shipped_pack()->pack();
  scan::Scanner scanner(testing::shipped_pack());
  for (const rules::Rule& rule : pack.rules) {
    if (rule.placeholder.empty()) continue;
    CAPTURE(rule.id);
    const std::string& placeholder = rule.placeholder;
    for (const std::string& text : {"Patient " + placeholder + " was seen; DOB " + placeholder + ".",
                                    "| Patient | Age | DOB | MRN |\n|---|---|---|---|\n| " + placeholder + " | " +
                                        placeholder + " | " + placeholder + " | " + placeholder + " |\n"}) {
      for (const auto& f : scan_text(scanner, text)) {
        CAPTURE(text.substr(f.start, f.end - f.start));
        CHECK(f.confidence < Confidence::medium);
      }
    }
  }
}
