// The scan path on arbitrary bytes: UTF-8 repair, Hyperscan matching, validators, scoring, overlap
// resolution and UTF-16 offsets. Findings must be sorted, disjoint, inside the text, on code point
// boundaries, and their UTF-16 offsets must be monotone. Every validator also sees the raw bytes.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "phisentry/scan/scanner.h"
#include "phisentry/text/utf8.h"
#include "phisentry/validators/validators.h"

namespace {

using phisentry::fuzz::require;

void check_findings(std::string_view text, const phisentry::scan::ScanResult& result, std::size_t rule_count) {
  phisentry::text::Utf16Cursor cursor(text);
  std::uint32_t previous_end = 0;
  std::uint32_t previous_utf16_end = 0;
  for (const phisentry::scan::Finding& finding : result.findings) {
    require(finding.start < finding.end && finding.end <= text.size());
    require(finding.start >= previous_end && finding.rule < rule_count);
    require(!phisentry::text::is_continuation(static_cast<unsigned char>(text[finding.start])));
    require(finding.end == text.size() || !phisentry::text::is_continuation(static_cast<unsigned char>(text[finding.end])));
    const std::uint32_t start = cursor.advance_to(finding.start);
    const std::uint32_t end = cursor.advance_to(finding.end);
    require(start >= previous_utf16_end && start < end);
    previous_end = finding.end;
    previous_utf16_end = end;
  }
}

}  // namespace

// Once, before the first input and outside libFuzzer's per-input timeout: compiling the whole shipped
// pack under ASan takes longer than any one input may.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  phisentry::fuzz::shipped_pack();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static phisentry::scan::Scanner scanner(phisentry::fuzz::shipped_pack());
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const phisentry::validators::Entry& entry : phisentry::validators::all()) entry.check(bytes);
  const phisentry::text::Utf8Text text = phisentry::text::Utf8Text::repair(bytes);
  require(phisentry::text::is_valid_utf8(text.view()));
  check_findings(text.view(), scanner.scan(text), scanner.compiled().pack().rules.size());
  return 0;
}
