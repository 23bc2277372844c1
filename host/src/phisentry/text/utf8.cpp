#include "phisentry/text/utf8.h"

namespace phisentry::text {
namespace {

struct Prefix {
  std::size_t length;  // bytes that can begin a valid sequence (at least 1)
  bool complete;       // those bytes are a whole, valid sequence
};

// How much of the sequence starting at `pos` is well formed (Unicode Table 3-7). An invalid sequence
// is replaced by one U+FFFD per maximal well-formed prefix, as the WHATWG decoder does.
Prefix sequence_prefix_at(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {1, true};
  if (b0 < 0xC2 || b0 > 0xF4) return {1, false};
  const std::size_t need = sequence_length(b0);
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  std::size_t n = 1;
  for (; n < need && pos + n < text.size(); ++n) {
    const auto b = static_cast<unsigned char>(text[pos + n]);
    if (n == 1 ? (b < lo || b > hi) : !is_continuation(b)) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return {n, n == need};
}

}  // namespace

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Fast path for ASCII runs, which are most of any page.
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Prefix prefix = sequence_prefix_at(text, pos);
    if (!prefix.complete) return pos;
    pos += prefix.length;
  }
  return text.size();
}

Repaired repair_utf8(std::string_view text) {
  Repaired out;
  out.text.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Prefix prefix = sequence_prefix_at(text, pos);
    if (prefix.complete) {
      out.text.append(text.substr(pos, prefix.length));
    } else {
      out.text.append("\xEF\xBF\xBD");
      ++out.replacements;
    }
    pos += prefix.length;
  }
  return out;
}

bool Utf8Text::validate(std::string_view bytes, Utf8Text& out) {
  if (!is_valid_utf8(bytes)) return false;
  out = from_valid(bytes);
  return true;
}

Utf8Text Utf8Text::repair(std::string_view bytes, std::size_t* replacements) {
  Utf8Text out;
  Repaired repaired = repair_utf8(bytes);
  if (replacements != nullptr) *replacements = repaired.replacements;
  out.owned_ = std::move(repaired.text);
  out.owns_ = true;
  return out;
}

Utf8Text Utf8Text::from_valid(std::string_view checked_bytes) {
  Utf8Text out;
  out.view_ = checked_bytes;
  return out;
}

std::uint32_t Utf16Cursor::advance_to(std::size_t byte_offset) {
  if (byte_offset > text_.size()) byte_offset = text_.size();
  while (byte_ < byte_offset) {
    const auto lead = static_cast<unsigned char>(text_[byte_]);
    const std::size_t len = sequence_length(lead);
    if (byte_ + len > byte_offset && len > 1) break;  // inside a code point: snap to its start
    units_ += len == 4 ? 2U : 1U;
    byte_ += len;
  }
  return units_;
}

}  // namespace phisentry::text
