#pragma once
// UTF-8 handling at the edges of the host: the scan engine only ever sees valid UTF-8, and findings
// leave the host as UTF-16 code-unit offsets (what DOM ranges use).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phisentry::text {

// Offset of the first byte that is not part of a valid UTF-8 sequence (overlong forms, surrogates and
// code points past U+10FFFF are invalid), or text.size() when all of it is valid.
std::size_t find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == text.size(); }

struct Repaired {
  std::string text;
  std::size_t replacements = 0;  // invalid sequences replaced by U+FFFD
};
// Replaces every maximal invalid subsequence with U+FFFD, as the WHATWG decoder does.
Repaired repair_utf8(std::string_view text);

// Text known to be valid UTF-8. Only the factory functions build one, so the scanner never sees bytes
// that were not checked.
class Utf8Text {
 public:
  // Fails (returns false) on invalid UTF-8.
  static bool validate(std::string_view bytes, Utf8Text& out);
  static Utf8Text repair(std::string_view bytes, std::size_t* replacements = nullptr);
  static Utf8Text from_valid(std::string_view checked_bytes);  // caller already validated

  std::string_view view() const { return owns_ ? std::string_view(owned_) : view_; }

 private:
  std::string owned_;  // repaired text; a checked view needs no copy
  std::string_view view_;
  bool owns_ = false;
};

// Converts ascending byte offsets into UTF-16 code-unit offsets in one forward pass. Offsets inside a
// multi-byte sequence snap to the start of that code point.
class Utf16Cursor {
 public:
  explicit Utf16Cursor(std::string_view utf8) : text_(utf8) {}
  // `byte_offset` must not be lower than in the previous call.
  std::uint32_t advance_to(std::size_t byte_offset);

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t units_ = 0;
};

// The byte length of the code point that starts with `lead` (1 for a continuation byte).
std::size_t sequence_length(unsigned char lead);

inline bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

}  // namespace phisentry::text
