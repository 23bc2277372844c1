#include "phisentry/validators/validators.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace phisentry::validators {
namespace {

using std::size_t;
constexpr size_t npos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// Characters and numbers (ASCII only: identifiers are ASCII, and <cctype> depends on the locale).

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_letter(char c) noexcept { return is_upper(c) || is_lower(c); }
constexpr bool is_letter_or_digit(char c) noexcept { return is_letter(c) || is_digit(c); }
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr int digit_value(char c) noexcept { return c - '0'; }

constexpr int hex_value(char c) noexcept {
  if (is_digit(c)) return digit_value(c);
  const char lower = to_lower(c);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

bool all_digits(std::string_view text) noexcept {
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return !text.empty();
}

bool all_same_char(std::string_view text) noexcept {
  for (char c : text) {
    if (c != text.front()) return false;
  }
  return true;
}

// Value of a short run of decimal digits the caller has checked (at most 9, so it fits an int).
int number_value(std::string_view digits) noexcept {
  int value = 0;
  for (char c : digits) value = value * 10 + digit_value(c);
  return value;
}

// `lower_word` is already lower case.
bool equals_ignoring_case(std::string_view text, std::string_view lower_word) noexcept {
  if (text.size() != lower_word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (to_lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

bool contains(std::string_view set, char c) noexcept { return set.find(c) != npos; }

// Fixed-capacity character buffer: lets a validator strip separators without allocating.
template <size_t Capacity>
class CharBuffer {
 public:
  bool push(char c) noexcept {
    if (size_ == Capacity) return false;
    data_[size_++] = c;
    return true;
  }
  bool append(std::string_view text) noexcept {
    for (char c : text) {
      if (!push(c)) return false;
    }
    return true;
  }
  std::string_view view() const noexcept { return {data_.data(), size_}; }

 private:
  std::array<char, Capacity> data_{};
  size_t size_ = 0;
};

// Collects the digits of "4111 1111 1111 1111"-style text: digit groups split by single
// separators, all of one kind, none leading or trailing. Fails when the digits overflow `out`.
template <size_t Capacity>
bool collect_grouped_digits(std::string_view text, std::string_view separators,
                            CharBuffer<Capacity>& out) noexcept {
  char separator_seen = '\0';
  bool after_separator = true;  // a separator at the very start is rejected like a doubled one
  for (char c : text) {
    if (is_digit(c)) {
      if (!out.push(c)) return false;
      after_separator = false;
      continue;
    }
    if (!contains(separators, c) || after_separator) return false;
    if (separator_seen != '\0' && c != separator_seen) return false;
    separator_seen = c;
    after_separator = true;
  }
  return !after_separator;  // also rejects empty text
}

// A left-to-right reader for the validators whose layouts have optional parts.
class Cursor {
 public:
  explicit Cursor(std::string_view text) noexcept : text_(text) {}

  bool at_end() const noexcept { return pos_ == text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }
  bool take(char c) noexcept {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // A space: ASCII or U+00A0, which rich-text editors put in for typed spaces.
  bool take_space() noexcept {
    if (take(' ')) return true;
    if (text_.substr(pos_, 2) != "\xC2\xA0") return false;
    pos_ += 2;
    return true;
  }
  size_t take_spaces() noexcept {
    size_t count = 0;
    while (take_space()) ++count;
    return count;
  }
  // One separator from `allowed`; a no-break space counts as ' '. Returns '\0' when none.
  char take_separator(std::string_view allowed) noexcept {
    if (contains(allowed, ' ') && take_space()) return ' ';
    const char c = peek();
    if (at_end() || !contains(allowed, c)) return '\0';
    ++pos_;
    return c;
  }
  // Exactly `count` digits.
  bool take_digits(size_t count, std::string_view& digits) noexcept {
    if (text_.size() - pos_ < count || !all_digits(text_.substr(pos_, count))) return false;
    digits = text_.substr(pos_, count);
    pos_ += count;
    return true;
  }
  std::string_view take_digit_run() noexcept { return take_run(is_digit); }
  std::string_view take_letter_run() noexcept { return take_run(is_letter); }

 private:
  std::string_view take_run(bool (*belongs)(char) noexcept) noexcept {
    const size_t start = pos_;
    while (!at_end() && belongs(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// SSN

// The 9 digits of 123456789 or 123-45-6789 (or ' ' / '.', the same separator both times).
bool ssn_digits(std::string_view match, CharBuffer<9>& digits) noexcept {
  if (match.size() == 9) return all_digits(match) && digits.append(match);
  if (match.size() != 11) return false;
  const char separator = match[3];
  if (!contains("- .", separator) || match[6] != separator) return false;
  const std::string_view area = match.substr(0, 3);
  const std::string_view group = match.substr(4, 2);
  const std::string_view serial = match.substr(7, 4);
  return all_digits(area) && all_digits(group) && all_digits(serial) && digits.append(area) &&
         digits.append(group) && digits.append(serial);
}

// Numbers printed in advertising, wallet inserts and SSA pamphlets; never a person's.
bool is_published_sample_ssn(std::string_view digits) noexcept {
  constexpr std::array<std::string_view, 3> samples = {
      "078051120",  // the Woolworth wallet-insert number
      "219099999",  // the SSA pamphlet specimen
      "123456789",
  };
  for (std::string_view sample : samples) {
    if (digits == sample) return true;
  }
  // The SSA reserves 987-65-4320 through 987-65-4329 for advertisements.
  return digits.substr(0, 8) == "98765432" || all_same_char(digits);
}

// ---------------------------------------------------------------------------------------------
// Payment cards

constexpr std::uint32_t length_bit(size_t length) noexcept { return std::uint32_t{1} << length; }
constexpr std::uint32_t lengths_from(size_t shortest, size_t longest) noexcept {
  std::uint32_t bits = 0;
  for (size_t length = shortest; length <= longest; ++length) bits |= length_bit(length);
  return bits;
}

// An issuer identification range: `first`..`last` over the leading `prefix_digits` digits.
struct IssuerRange {
  int first;
  int last;
  size_t prefix_digits;
  std::uint32_t lengths;  // bit n set: n-digit card numbers exist in this range
};

constexpr std::array<IssuerRange, 12> issuer_ranges = {{
    {4, 4, 1, length_bit(13) | length_bit(16) | length_bit(19)},  // Visa
    {51, 55, 2, length_bit(16)},                                   // Mastercard
    {2221, 2720, 4, length_bit(16)},                               // Mastercard 2-series
    {34, 34, 2, length_bit(15)},                                   // American Express
    {37, 37, 2, length_bit(15)},                                   // American Express
    {6011, 6011, 4, lengths_from(16, 19)},                         // Discover
    {644, 649, 3, lengths_from(16, 19)},                           // Discover
    {65, 65, 2, lengths_from(16, 19)},                             // Discover
    {3528, 3589, 4, lengths_from(16, 19)},                         // JCB
    {300, 305, 3, lengths_from(14, 19)},                           // Diners Club
    {36, 36, 2, lengths_from(14, 19)},                             // Diners Club
    {38, 38, 2, lengths_from(14, 19)},                             // Diners Club
}};

bool has_known_issuer(std::string_view digits) noexcept {
  for (const IssuerRange& range : issuer_ranges) {
    const int prefix = number_value(digits.substr(0, range.prefix_digits));
    const bool length_used = (range.lengths & length_bit(digits.size())) != 0;
    if (prefix >= range.first && prefix <= range.last && length_used) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// MBI

// MBI letters leave out S L O I B Z, which are easily confused with digits.
bool is_mbi_letter(char c) noexcept {
  const char upper = to_upper(c);
  return is_upper(upper) && !contains("SLOIBZ", upper);
}

enum class MbiSlot { nonzero_digit, letter, letter_or_digit, digit };

constexpr std::array<MbiSlot, 11> mbi_layout = {
    MbiSlot::nonzero_digit, MbiSlot::letter, MbiSlot::letter_or_digit, MbiSlot::digit,
    MbiSlot::letter,        MbiSlot::letter_or_digit, MbiSlot::digit,  MbiSlot::letter,
    MbiSlot::letter,        MbiSlot::digit,  MbiSlot::digit,
};

bool fits_mbi_slot(char c, MbiSlot slot) noexcept {
  switch (slot) {
    case MbiSlot::nonzero_digit: return is_digit(c) && c != '0';
    case MbiSlot::letter: return is_mbi_letter(c);
    case MbiSlot::letter_or_digit: return is_digit(c) || is_mbi_letter(c);
    case MbiSlot::digit: return is_digit(c);
  }
  return false;
}

// The 11 characters of "1EG4TE5MK73" or "1EG4-TE5-MK73".
bool mbi_characters(std::string_view match, CharBuffer<11>& characters) noexcept {
  if (match.size() == 11) return characters.append(match);
  if (match.size() != 13 || match[4] != '-' || match[8] != '-') return false;
  return characters.append(match.substr(0, 4)) && characters.append(match.substr(5, 3)) &&
         characters.append(match.substr(9, 4));
}

// ---------------------------------------------------------------------------------------------
// VIN

// Transliteration value of a VIN character, -1 for characters a VIN never holds (I, O, Q).
int vin_value(char c) noexcept {
  if (is_digit(c)) return digit_value(c);
  const char upper = to_upper(c);
  if (!is_upper(upper)) return -1;
  constexpr std::string_view letter_values = "12345678-12345-7-923456789";  // A..Z
  const char value = letter_values[static_cast<size_t>(upper - 'A')];
  return value == '-' ? -1 : digit_value(value);
}

constexpr std::array<int, 17> vin_weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

// ---------------------------------------------------------------------------------------------
// NANP phone numbers

struct NanpNumber {
  std::string_view area;
  std::string_view exchange;
  std::string_view line;
};

// "+1", "+1 ", "1-", "1." ... before the area code. Area codes never start with 1, so a leading
// 1 is always the country code.
bool take_country_code(Cursor& cursor) noexcept {
  const bool plus = cursor.take('+');
  if (!cursor.take('1')) return !plus;
  cursor.take_separator(" -.");
  return true;
}

// "x123", "ext. 123", "ext 123", "extension 123", "#123", optionally after a comma and spaces.
bool take_extension(Cursor& cursor) noexcept {
  cursor.take(',');
  cursor.take_spaces();
  if (!cursor.take('#')) {
    const std::string_view marker = cursor.take_letter_run();
    const bool ext = equals_ignoring_case(marker, "ext");
    if (!ext && !equals_ignoring_case(marker, "x") && !equals_ignoring_case(marker, "extension")) {
      return false;
    }
    if (ext) cursor.take('.');
  }
  cursor.take_spaces();
  const std::string_view digits = cursor.take_digit_run();
  return !digits.empty() && digits.size() <= 6 && cursor.at_end();
}

// Splits a phone number into its parts. Separators must be used consistently: "212-555-0187",
// "212.555.0187", "212 555 0187", "212 555-0187" and "(212) 555-0187" read as phone numbers;
// "212-555.0187" and "212555-0187" do not.
bool parse_nanp(std::string_view text, NanpNumber& number) noexcept {
  Cursor cursor(text);
  if (!take_country_code(cursor)) return false;
  const bool parenthesized = cursor.take('(');
  if (!cursor.take_digits(3, number.area)) return false;
  if (parenthesized && !cursor.take(')')) return false;
  const char after_area = cursor.take_separator(parenthesized ? " -" : " -.");
  if (!cursor.take_digits(3, number.exchange)) return false;
  const char after_exchange = cursor.take_separator(" -.");
  if (!cursor.take_digits(4, number.line)) return false;
  const bool consistent = parenthesized || after_area == after_exchange ||
                          (after_area == ' ' && after_exchange == '-');
  return consistent && (cursor.at_end() || take_extension(cursor));
}

// N11 codes (211, 411, 911 ...) are service codes, never an area code or exchange.
bool is_n11(std::string_view code) noexcept { return code[1] == '1' && code[2] == '1'; }

// "555-555-5555", "222-222-2222": typed as placeholders, never assigned.
bool is_repeated_digit_number(const NanpNumber& number) noexcept {
  const char digit = number.area.front();
  return all_same_char(number.area) && all_same_char(number.exchange) && all_same_char(number.line) &&
         number.exchange.front() == digit && number.line.front() == digit;
}

bool valid_nanp_parts(const NanpNumber& number) noexcept {
  const std::string_view area = number.area;
  const std::string_view exchange = number.exchange;
  const bool area_reserved = (area[0] == '3' && area[1] == '7') || (area[0] == '9' && area[1] == '6');
  return area[0] >= '2' && !is_n11(area) && !area_reserved && exchange[0] >= '2' && !is_n11(exchange);
}

// ---------------------------------------------------------------------------------------------
// IP addresses

// "0".."255" without leading zeros.
bool parse_octet(std::string_view text, int& value) noexcept {
  if (!all_digits(text) || text.size() > 3 || (text.size() > 1 && text[0] == '0')) return false;
  value = number_value(text);
  return value <= 255;
}

bool parse_ipv4(std::string_view text, std::array<int, 4>& octets) noexcept {
  size_t start = 0;
  for (size_t i = 0; i < octets.size(); ++i) {
    const bool last = i + 1 == octets.size();
    const size_t dot = text.find('.', start);
    if (last != (dot == npos)) return false;
    if (!parse_octet(text.substr(start, last ? npos : dot - start), octets[i])) return false;
    start = dot + 1;
  }
  return true;
}

bool in_block(const std::array<int, 4>& octets, std::array<int, 4> network, int prefix_bits) noexcept {
  for (size_t i = 0; prefix_bits > 0; ++i, prefix_bits -= 8) {
    const int mask = prefix_bits >= 8 ? 0xFF : (0xFF << (8 - prefix_bits)) & 0xFF;
    if ((octets[i] & mask) != network[i]) return false;
  }
  return true;
}

struct Ipv4Block {
  std::array<int, 4> network;
  int prefix_bits;
};

// IANA special-purpose blocks (RFC 6890 and successors) that never name a patient's device.
constexpr std::array<Ipv4Block, 13> private_or_reserved_blocks = {{
    {{0, 0, 0, 0}, 8},        // "this network"
    {{10, 0, 0, 0}, 8},       // private
    {{100, 64, 0, 0}, 10},    // carrier-grade NAT shared space
    {{127, 0, 0, 0}, 8},      // loopback
    {{169, 254, 0, 0}, 16},   // link-local
    {{172, 16, 0, 0}, 12},    // private
    {{192, 0, 0, 0}, 24},     // IETF protocol assignments
    {{192, 0, 2, 0}, 24},     // documentation TEST-NET-1
    {{192, 168, 0, 0}, 16},   // private
    {{198, 18, 0, 0}, 15},    // benchmarking
    {{198, 51, 100, 0}, 24},  // documentation TEST-NET-2
    {{203, 0, 113, 0}, 24},   // documentation TEST-NET-3
    {{224, 0, 0, 0}, 3},      // 224/4 multicast and 240/4 reserved, broadcast included
}};

constexpr size_t ipv6_group_count = 8;
using Ipv6Groups = std::array<std::uint16_t, ipv6_group_count>;

std::uint16_t parse_hex_group(std::string_view text) noexcept {
  int value = 0;
  for (char c : text) value = value * 16 + hex_value(c);
  return static_cast<std::uint16_t>(value);
}

bool is_hex_group(std::string_view text) noexcept {
  if (text.empty() || text.size() > 4) return false;
  for (char c : text) {
    if (hex_value(c) < 0) return false;
  }
  return true;
}

// Colon-separated hex groups appended to `groups` from `count`; when `ipv4_tail_allowed`, the
// last piece may be a dotted quad standing for two groups. Empty text holds no groups.
bool parse_ipv6_groups(std::string_view text, bool ipv4_tail_allowed, Ipv6Groups& groups,
                       size_t& count) noexcept {
  count = 0;
  if (text.empty()) return true;
  for (size_t start = 0;;) {
    const size_t colon = text.find(':', start);
    const std::string_view piece = text.substr(start, colon == npos ? npos : colon - start);
    if (colon == npos && ipv4_tail_allowed && contains(piece, '.')) {
      std::array<int, 4> octets{};
      if (!parse_ipv4(piece, octets) || count + 2 > ipv6_group_count) return false;
      groups[count++] = static_cast<std::uint16_t>(octets[0] << 8 | octets[1]);
      groups[count++] = static_cast<std::uint16_t>(octets[2] << 8 | octets[3]);
      return true;
    }
    if (!is_hex_group(piece) || count == ipv6_group_count) return false;
    groups[count++] = parse_hex_group(piece);
    if (colon == npos) return true;
    start = colon + 1;
  }
}

// The 8 groups of an address, expanding one "::" (which stands for at least one zero group).
bool parse_ipv6(std::string_view text, Ipv6Groups& address) noexcept {
  const size_t gap = text.find("::");
  size_t head_count = 0;
  if (gap == npos) return parse_ipv6_groups(text, true, address, head_count) && head_count == 8;
  if (text.find("::", gap + 1) != npos) return false;

  Ipv6Groups head{};
  Ipv6Groups tail{};
  size_t tail_count = 0;
  if (!parse_ipv6_groups(text.substr(0, gap), false, head, head_count) ||
      !parse_ipv6_groups(text.substr(gap + 2), true, tail, tail_count) ||
      head_count + tail_count >= ipv6_group_count) {
    return false;
  }
  address = {};
  for (size_t i = 0; i < head_count; ++i) address[i] = head[i];
  for (size_t i = 0; i < tail_count; ++i) address[ipv6_group_count - tail_count + i] = tail[i];
  return true;
}

// ---------------------------------------------------------------------------------------------
// Dates

constexpr bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// A date with no year: February 29 exists in some year, so it is a real date.
constexpr int unknown_year = 2000;

bool is_real_date(int year, int month, int day) noexcept {
  constexpr std::array<int, 12> month_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int days = month == 2 && is_leap_year(year) ? 29 : month_days[static_cast<size_t>(month - 1)];
  return day <= days;
}

// 4-digit years from 1900 to 2099, or any 2-digit year. A 2-digit year is read as 20yy for the
// leap-year rule: 19yy and 20yy agree except 1900, and "2/29/00" is a real date in 2000.
bool parse_year(std::string_view digits, int& year) noexcept {
  if (digits.size() == 2 && all_digits(digits)) {
    year = 2000 + number_value(digits);
    return true;
  }
  if (digits.size() != 4 || !all_digits(digits)) return false;
  year = number_value(digits);
  return year >= 1900 && year <= 2099;
}

bool is_day_or_month_digits(std::string_view digits) noexcept {
  return !digits.empty() && digits.size() <= 2;
}

struct MonthName {
  std::string_view full;
  std::string_view abbreviation;
  std::string_view other_abbreviation;
};

constexpr std::array<MonthName, 12> month_names = {{
    {"january", "jan", ""},   {"february", "feb", ""}, {"march", "mar", ""},
    {"april", "apr", ""},     {"may", "may", ""},      {"june", "jun", ""},
    {"july", "jul", ""},      {"august", "aug", ""},   {"september", "sep", "sept"},
    {"october", "oct", ""},   {"november", "nov", ""}, {"december", "dec", ""},
}};

// A month name in any case ("March", "MAR", "Mar.", "Sept."); returns 1-12, or 0 for none.
int take_month_name(Cursor& cursor) noexcept {
  const std::string_view word = cursor.take_letter_run();
  for (size_t i = 0; i < month_names.size(); ++i) {
    const MonthName& name = month_names[i];
    const bool abbreviated = equals_ignoring_case(word, name.abbreviation) ||
                             (!name.other_abbreviation.empty() &&
                              equals_ignoring_case(word, name.other_abbreviation));
    if (!abbreviated && !equals_ignoring_case(word, name.full)) continue;
    if (abbreviated) cursor.take('.');
    return static_cast<int>(i) + 1;
  }
  return 0;
}

std::string_view ordinal_suffix(int day) noexcept {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  switch (day % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

// "4" or "4th" (the suffix must fit the number: 1st, 2nd, 3rd, 11th, 22nd ...).
bool take_text_day(Cursor& cursor, int& day) noexcept {
  const std::string_view digits = cursor.take_digit_run();
  if (!is_day_or_month_digits(digits)) return false;
  day = number_value(digits);
  const std::string_view suffix = cursor.take_letter_run();
  return suffix.empty() || equals_ignoring_case(suffix, ordinal_suffix(day));
}

bool take_year_at_end(Cursor& cursor, int& year) noexcept {
  return parse_year(cursor.take_digit_run(), year) && cursor.at_end();
}

// "March 4, 1961", "Mar 4 1961", "Mar. 4, 1961", "March 4th, 1961", and "Mar. 4" without a year.
bool is_month_first_text_date(std::string_view text) noexcept {
  Cursor cursor(text);
  const int month = take_month_name(cursor);
  int day = 0;
  if (month == 0 || cursor.take_spaces() == 0 || !take_text_day(cursor, day)) return false;
  if (cursor.at_end()) return is_real_date(unknown_year, month, day);
  const bool comma = cursor.take(',');
  int year = 0;
  if (cursor.take_spaces() == 0 && !comma) return false;
  return take_year_at_end(cursor, year) && is_real_date(year, month, day);
}

// After the day of "4 Mar 1961", "4 March 1961", "4th March 1961" or "4-Mar-1961".
bool is_day_first_text_date_rest(Cursor& cursor, int day, char separator) noexcept {
  int month = 0;
  int year = 0;
  if (separator == '-') {
    month = take_month_name(cursor);
    if (month == 0 || !cursor.take('-')) return false;
  } else {
    month = take_month_name(cursor);
    if (month == 0) return false;
    if (cursor.at_end()) return is_real_date(unknown_year, month, day);  // "14 Feb", "4th March"
    const bool comma = cursor.take(',');
    if (cursor.take_spaces() == 0 && !comma) return false;
  }
  return take_year_at_end(cursor, year) && is_real_date(year, month, day);
}

// Numeric dates are US-ordered (month first); when the first number cannot be a month but the
// second can, the writer meant day-first ("25/12/1961").
bool order_month_and_day(int first, int second, int& month, int& day) noexcept {
  if (first >= 1 && first <= 12) {
    month = first;
    day = second;
    return true;
  }
  if (first > 12 && second >= 1 && second <= 12) {
    month = second;
    day = first;
    return true;
  }
  return false;
}

// After "03/" of "03/04/1961", "3/4/61", "03-04-1961", "03.04.1961" or "3/4" (no year; '/' only,
// since "3-4" and "3.4" are ranges and decimals far more often than dates).
bool is_numeric_date_rest(Cursor& cursor, int first, char separator) noexcept {
  const std::string_view second_digits = cursor.take_digit_run();
  int month = 0;
  int day = 0;
  if (!is_day_or_month_digits(second_digits) ||
      !order_month_and_day(first, number_value(second_digits), month, day)) {
    return false;
  }
  if (cursor.at_end()) return separator == '/' && is_real_date(unknown_year, month, day);
  int year = 0;
  return cursor.take(separator) && take_year_at_end(cursor, year) && is_real_date(year, month, day);
}

// After the year of "1961-03-04" or "1961/03/04".
bool is_year_first_date_rest(Cursor& cursor, std::string_view year_digits) noexcept {
  int year = 0;
  const char separator = cursor.peek();
  if (!parse_year(year_digits, year) || (separator != '-' && separator != '/')) return false;
  cursor.take(separator);
  const std::string_view month_digits = cursor.take_digit_run();
  if (!is_day_or_month_digits(month_digits) || !cursor.take(separator)) return false;
  const std::string_view day_digits = cursor.take_digit_run();
  return is_day_or_month_digits(day_digits) && cursor.at_end() &&
         is_real_date(year, number_value(month_digits), number_value(day_digits));
}

// January 1, 1900 in its numeric spellings: the "unknown" value EHRs and spreadsheets fill in.
bool is_sentinel_date(std::string_view text) noexcept {
  constexpr std::array<std::string_view, 6> sentinels = {"01/01/1900", "1/1/1900", "1900-01-01",
                                                         "01-01-1900", "19000101", "1900/01/01"};
  for (std::string_view sentinel : sentinels) {
    if (text == sentinel) return true;
  }
  return false;
}

// "19610304": the compact ISO form HL7 messages and exports use.
bool is_compact_date(std::string_view digits) noexcept {
  int year = 0;
  return parse_year(digits.substr(0, 4), year) &&
         is_real_date(year, number_value(digits.substr(4, 2)), number_value(digits.substr(6, 2)));
}

bool is_digit_first_date(std::string_view text) noexcept {
  Cursor cursor(text);
  const std::string_view first_digits = cursor.take_digit_run();
  if (first_digits.size() == 8 && cursor.at_end()) return is_compact_date(first_digits);
  if (first_digits.size() == 4) return is_year_first_date_rest(cursor, first_digits);
  if (!is_day_or_month_digits(first_digits)) return false;
  const int first = number_value(first_digits);

  const char separator = cursor.take_separator("/-.");
  if (separator == '-' && is_letter(cursor.peek())) {
    return is_day_first_text_date_rest(cursor, first, '-');
  }
  if (separator != '\0') return is_numeric_date_rest(cursor, first, separator);

  const std::string_view suffix = cursor.take_letter_run();
  if (!suffix.empty() && !equals_ignoring_case(suffix, ordinal_suffix(first))) return false;
  return cursor.take_spaces() > 0 && is_day_first_text_date_rest(cursor, first, ' ');
}

// ---------------------------------------------------------------------------------------------
// Email

bool is_local_part_char(char c) noexcept {
  return is_letter_or_digit(c) || contains("!#$%&'*+/=?^_`{|}~-.", c);
}

// A dot-atom: RFC 5321 allows 64 octets; dots only between characters.
bool is_valid_local_part(std::string_view local) noexcept {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (size_t i = 0; i < local.size(); ++i) {
    if (!is_local_part_char(local[i]) || (local[i] == '.' && local[i + 1] == '.')) return false;
  }
  return true;
}

bool is_valid_domain_label(std::string_view label) noexcept {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!is_letter_or_digit(c) && c != '-') return false;
  }
  return true;
}

bool is_valid_top_level_domain(std::string_view label) noexcept {
  if (label.size() < 2) return false;
  for (char c : label) {
    if (!is_letter(c)) return false;
  }
  return true;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view lower_suffix) noexcept {
  return text.size() >= lower_suffix.size() &&
         equals_ignoring_case(text.substr(text.size() - lower_suffix.size()), lower_suffix);
}

// RFC 2606 and RFC 6761 names reserved for documentation and tests: no mailbox exists there.
bool is_reserved_domain(std::string_view domain) noexcept {
  constexpr std::array<std::string_view, 3> second_level = {"example.com", "example.net", "example.org"};
  constexpr std::array<std::string_view, 4> top_level = {".example", ".test", ".invalid", ".localhost"};
  for (std::string_view name : second_level) {
    if (equals_ignoring_case(domain, name)) return true;
    if (domain.size() > name.size() && domain[domain.size() - name.size() - 1] == '.' &&
        ends_with_ignoring_case(domain, name)) {
      return true;
    }
  }
  for (std::string_view suffix : top_level) {
    if (ends_with_ignoring_case(domain, suffix)) return true;
  }
  return false;
}

// Shared mailboxes of a team or a function (RFC 2142 and their everyday cousins): they name no person.
bool is_role_mailbox(std::string_view local) noexcept {
  constexpr std::array<std::string_view, 44> roles = {
      "abuse",      "admin",        "administrator", "appointments", "billing",     "careers",
      "compliance", "contact",      "customerservice", "frontdesk",  "hello",       "help",
      "helpdesk",   "hostmaster",   "hr",            "info",         "inquiries",   "it",
      "itservicedesk", "itsupport", "jobs",          "mailer-daemon", "marketing",  "media",
      "no-reply",   "noc",          "noreply",       "office",       "postmaster",  "privacy",
      "records",    "referrals",    "reception",     "sales",        "scheduling",  "security",
      "service",    "servicedesk",  "support",       "team",         "webmaster",   "medicalrecords",
      "do-not-reply", "donotreply",
  };
  for (std::string_view role : roles) {
    if (equals_ignoring_case(local, role)) return true;
  }
  return false;
}

// At least two labels ("example.org"); a letters-only TLD of 2+ characters; 253 octets at most.
bool is_valid_email_domain(std::string_view domain) noexcept {
  if (domain.size() > 253) return false;
  const size_t last_dot = domain.rfind('.');
  if (last_dot == npos || !is_valid_top_level_domain(domain.substr(last_dot + 1))) return false;
  for (size_t start = 0; start <= last_dot;) {
    const size_t dot = domain.find('.', start);
    if (!is_valid_domain_label(domain.substr(start, dot - start))) return false;
    start = dot + 1;
  }
  return true;
}


// ---------------------------------------------------------------------------------------------
// Published sample numbers: printed in specifications and payment-gateway docs, never a person's.

bool is_one_of(std::string_view text, std::span<const std::string_view> list) noexcept {
  for (std::string_view item : list) {
    if (text == item) return true;
  }
  return false;
}

// Card numbers the issuers and gateways publish for testing (the digits only).
constexpr std::array<std::string_view, 14> published_test_cards = {
    "4111111111111111", "4242424242424242", "4012888888881881", "4222222222222",
    "5555555555554444", "5105105105105100", "2223003122003222", "378282246310005",
    "371449635398431",  "6011111111111117", "6011000990139424", "3530111333300000",
    "3566002020360505", "30569309025904",
};

// CMS's worked examples in the NPI check-digit and MBI format documents.
constexpr std::string_view published_sample_npi = "1234567893";
constexpr std::string_view published_sample_mbi = "1EG4TE5MK73";

bool equals_upper(std::string_view text, std::string_view upper_word) noexcept {
  if (text.size() != upper_word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (to_upper(text[i]) != upper_word[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Keyword-gated identifiers (MRN, account, member, serial, licence numbers)

constexpr size_t max_identifier_characters = 40;

// Letters and digits of "MR-7731045" or "A995-322-61-052-1": single ' ', '-', '.' or '/' may
// join groups. Fails on anything else or when the value is too long to be an identifier.
bool collect_identifier_characters(std::string_view text, CharBuffer<max_identifier_characters>& out) noexcept {
  bool after_separator = true;  // no leading separator
  for (char c : text) {
    if (is_letter_or_digit(c)) {
      if (!out.push(c)) return false;
      after_separator = false;
      continue;
    }
    if (!contains(" -./", c) || after_separator) return false;
    after_separator = true;
  }
  return !after_separator;
}

// "XXX", "xxxx", "***": the value was masked or never filled in.
bool has_mask_run(std::string_view characters) noexcept {
  size_t run = 0;
  for (char c : characters) {
    run = to_upper(c) == 'X' ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

// "123456", "0123456789", "987654": typed to fill a form, not issued to anyone.
bool is_digit_staircase(std::string_view digits) noexcept {
  if (digits.size() < 5 || !all_digits(digits)) return false;
  bool up = true;
  bool down = true;
  for (size_t i = 1; i < digits.size(); ++i) {
    up = up && digit_value(digits[i]) == (digit_value(digits[i - 1]) + 1) % 10;
    down = down && digit_value(digits[i]) == (digit_value(digits[i - 1]) + 9) % 10;
  }
  return up || down;
}

size_t count_digits(std::string_view text) noexcept {
  size_t count = 0;
  for (char c : text) count += is_digit(c) ? 1 : 0;
  return count;
}

size_t count_letters(std::string_view text) noexcept {
  size_t count = 0;
  for (char c : text) count += is_letter(c) ? 1 : 0;
  return count;
}

// A value left as a mask ("XXXX"), one repeated character ("00000000") or a staircase ("123456"),
// also behind a prefix ("MRN00000000", "PA-123456").
bool is_placeholder_value(std::string_view characters) noexcept {
  CharBuffer<max_identifier_characters> digits;
  for (char c : characters) {
    if (is_digit(c)) digits.push(c);
  }
  const bool placeholder_digits = (digits.view().size() >= 4 && all_same_char(digits.view())) ||
                                  is_digit_staircase(digits.view());
  return all_same_char(characters) || has_mask_run(characters) || placeholder_digits;
}

// IT service-management record ids ("INC0012345", "CHG0031620", "RITM0041122"): the prefixes
// ServiceNow and similar tools put before a run of digits. Near an "MRN" or "claim" keyword they are
// still tickets, not a patient's record.
bool is_ticket_id(std::string_view characters) noexcept {
  constexpr std::array<std::string_view, 9> prefixes = {"INC", "CHG",    "RITM", "REQ",  "PRB",
                                                        "TASK", "SCTASK", "KB",  "CTASK"};
  for (std::string_view prefix : prefixes) {
    if (characters.size() < prefix.size() + 5) continue;
    const std::string_view head = characters.substr(0, prefix.size());
    const bool same = std::equal(head.begin(), head.end(), prefix.begin(),
                                 [](char a, char b) { return (a >= 'a' && a <= 'z' ? a - 32 : a) == b; });
    const std::string_view rest = characters.substr(prefix.size());
    if (same && count_digits(rest) == rest.size()) return true;
  }
  return false;
}

// An identifier holds a digit and is neither a placeholder nor a ticket id.
bool is_real_identifier(std::string_view characters) noexcept {
  return characters.size() >= 3 && count_digits(characters) > 0 && !is_placeholder_value(characters) &&
         !is_ticket_id(characters);
}

// ---------------------------------------------------------------------------------------------
// Driver's licence shapes

// Shapes of US driver's licence numbers (from the states' published formats, separators
// removed). '@' is a letter, '#' a digit, '*' either; any other character stands for itself
// (case-insensitive); "{n}" or "{m,n}" repeats the class before it. Shorter all-digit numbers exist
// but are too common in text to count. Washington's pre-2018 name-based numbers are left out.
constexpr std::array<std::string_view, 12> licence_shapes = {
    "#{4,16}",     // most states: digits only
    "@#{3,18}",    // a letter and digits (CA, FL, IL, MD, MI, MN, NJ, NY, WI, ...)
    "@@#{2,7}",    // two letters and digits (CO, OH, WV)
    "@@#{6}@",     // ID
    "###@@####",   // IA
    "@#@#@",       // KS
    "#{7,9}@",     // ME, VT, MO
    "#{8}@@",      // MO
    "@#{5,9}@",    // MO
    "##@@@#{5}",   // NH
    "@@@#{6}",     // ND
    "WDL*{9}",     // WA since 2018
};

bool fits_shape_class(char c, char shape_class) noexcept {
  switch (shape_class) {
    case '@': return is_letter(c);
    case '#': return is_digit(c);
    case '*': return is_letter_or_digit(c);
    default: return to_upper(c) == shape_class;
  }
}

// Reads "{n}" or "{m,n}" after a class; no braces means exactly once. Returns the shape's rest.
std::string_view take_repeat(std::string_view shape, size_t& least, size_t& most) noexcept {
  least = most = 1;
  if (shape.empty() || shape.front() != '{') return shape;
  const size_t close = shape.find('}');
  const std::string_view inside = shape.substr(1, close - 1);
  const size_t comma = inside.find(',');
  least = static_cast<size_t>(number_value(inside.substr(0, comma)));
  most = comma == npos ? least : static_cast<size_t>(number_value(inside.substr(comma + 1)));
  return shape.substr(close + 1);
}

// Backtracks over the repeat counts; shapes have a handful of classes, so this stays tiny.
bool fits_shape(std::string_view text, std::string_view shape) noexcept {
  if (shape.empty()) return text.empty();
  const char shape_class = shape.front();
  size_t least = 0;
  size_t most = 0;
  const std::string_view rest = take_repeat(shape.substr(1), least, most);
  size_t fitting = 0;
  while (fitting < most && fitting < text.size() && fits_shape_class(text[fitting], shape_class)) ++fitting;
  for (size_t count = fitting; count >= least && count > 0; --count) {
    if (fits_shape(text.substr(count), rest)) return true;
  }
  return least == 0 && fits_shape(text, rest);
}

// ---------------------------------------------------------------------------------------------
// GS1 (UDI)

// GS1 check digit: from the right, payload digits weigh 3, 1, 3, 1 ...; the check digit brings the
// sum to a multiple of 10. Used by GTIN-8/12/13/14.
bool gs1_check_digit_ok(std::string_view digits) noexcept {
  if (digits.size() < 2 || !all_digits(digits)) return false;
  int sum = 0;
  int weight = 3;
  for (size_t i = digits.size() - 1; i-- > 0;) {
    sum += digit_value(digits[i]) * weight;
    weight = weight == 3 ? 1 : 3;
  }
  return (10 - sum % 10) % 10 == digit_value(digits.back());
}

// YYMMDD with a real month; GS1 allows day 00 ("end of month").
bool is_gs1_date(std::string_view digits) noexcept {
  if (digits.size() != 6 || !all_digits(digits)) return false;
  const int month = number_value(digits.substr(2, 2));
  const int day = number_value(digits.substr(4, 2));
  return month >= 1 && month <= 12 && day <= 31;
}

bool is_gs1_text_char(char c) noexcept { return is_letter_or_digit(c) || contains("-./", c); }

// One "(AI)value" production identifier of a UDI — or "AIvalue" as a barcode scanner types it:
// lot (10), serial (21) up to 20 characters; manufacturing (11) and expiry (17) dates. `identifies`
// is set by a lot or serial.
bool take_udi_element(Cursor& cursor, bool bracketed, bool& identifies) noexcept {
  if (bracketed) cursor.take_space();
  std::string_view ai;
  if (bracketed ? !cursor.take('(') || !cursor.take_digits(2, ai) || !cursor.take(')') : !cursor.take_digits(2, ai)) {
    return false;
  }
  if (ai == "11" || ai == "17") {
    std::string_view date;
    return cursor.take_digits(6, date) && is_gs1_date(date);
  }
  if (ai != "10" && ai != "21") return false;
  size_t length = 0;
  while (!cursor.at_end() && is_gs1_text_char(cursor.peek()) && length <= 20) {
    cursor.take(cursor.peek());
    ++length;
  }
  identifies = true;
  return length >= 1 && length <= 20;
}

// ---------------------------------------------------------------------------------------------
// States and ZIP codes

struct StateZipRange {
  std::string_view state;
  int first;  // ZIP-3 prefixes, inclusive
  int last;
};

// USPS ZIP-3 prefixes by state (and DC, territories, military post offices).
constexpr std::array<StateZipRange, 66> state_zip_ranges = {{
    {"AL", 350, 369}, {"AK", 995, 999}, {"AZ", 850, 865}, {"AR", 716, 729}, {"CA", 900, 961},
    {"CO", 800, 816}, {"CT", 60, 69},   {"DE", 197, 199}, {"DC", 200, 205}, {"DC", 569, 569},
    {"FL", 320, 349}, {"GA", 300, 319}, {"GA", 398, 399}, {"HI", 967, 968}, {"ID", 832, 838},
    {"IL", 600, 629}, {"IN", 460, 479}, {"IA", 500, 528}, {"KS", 660, 679}, {"KY", 400, 427},
    {"LA", 700, 714}, {"ME", 39, 49},   {"MD", 206, 219}, {"MA", 10, 27},   {"MA", 55, 55},
    {"MI", 480, 499}, {"MN", 550, 567}, {"MS", 386, 397}, {"MO", 630, 658}, {"MT", 590, 599},
    {"NE", 680, 693}, {"NV", 889, 898}, {"NH", 30, 38},   {"NJ", 70, 89},   {"NM", 870, 884},
    {"NY", 100, 149}, {"NY", 5, 5},     {"NY", 63, 63},   {"NC", 270, 289}, {"ND", 580, 588},
    {"OH", 430, 459}, {"OK", 730, 749}, {"OR", 970, 979}, {"PA", 150, 196}, {"RI", 28, 29},
    {"SC", 290, 299}, {"SD", 570, 577}, {"TN", 370, 385}, {"TX", 750, 799}, {"TX", 885, 885},
    {"UT", 840, 847}, {"VT", 50, 59},   {"VA", 201, 201}, {"VA", 220, 246}, {"WA", 980, 994},
    {"WV", 247, 268}, {"WI", 530, 549}, {"WY", 820, 831}, {"PR", 6, 9},     {"VI", 8, 8},
    {"GU", 969, 969}, {"AS", 967, 967}, {"MP", 969, 969}, {"AA", 340, 340}, {"AE", 90, 98},
    {"AP", 962, 966},
}};

bool zip_belongs_to_state(std::string_view state, std::string_view zip_code) noexcept {
  const int prefix = number_value(zip_code.substr(0, 3));
  for (const StateZipRange& range : state_zip_ranges) {
    if (equals_upper(state, range.state) && prefix >= range.first && prefix <= range.last) return true;
  }
  return false;
}

// The last two words of "Green Bay, WI 54301": a state code and a ZIP or ZIP+4.
bool split_state_and_zip(std::string_view text, std::string_view& state, std::string_view& zip_code) noexcept {
  size_t end = text.size();
  while (end > 0 && (is_digit(text[end - 1]) || text[end - 1] == '-')) --end;
  zip_code = text.substr(end);
  size_t state_end = end;
  while (state_end > 0 && (text[state_end - 1] == ' ' || text[state_end - 1] == ',')) --state_end;
  if (state_end == end || state_end < 2) return false;
  state = text.substr(state_end - 2, 2);
  const bool state_stands_alone = state_end == 2 || !is_letter(text[state_end - 3]);
  return state_stands_alone && is_letter(state[0]) && is_letter(state[1]);
}

}  // namespace

// =============================================================================================
// Validators

bool luhn_checksum(std::string_view digits) noexcept {
  int sum = 0;
  bool doubled = false;  // from the right, every second digit is doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!is_digit(*it)) return false;
    int value = digit_value(*it);
    if (doubled) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
    doubled = !doubled;
  }
  return !digits.empty() && sum % 10 == 0;
}

bool ssn(std::string_view match) noexcept {
  CharBuffer<9> buffer;
  if (!ssn_digits(match, buffer)) return false;
  const std::string_view digits = buffer.view();
  const int area = number_value(digits.substr(0, 3));
  const int group = number_value(digits.substr(3, 2));
  const int serial = number_value(digits.substr(5, 4));
  // The SSA never assigns area 000, 666 or 900-999 (the last are ITINs), group 00 or serial 0000.
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
  return !is_published_sample_ssn(digits);
}

bool luhn(std::string_view match) noexcept {
  CharBuffer<19> buffer;
  if (!collect_grouped_digits(match, " -", buffer)) return false;
  const std::string_view digits = buffer.view();
  return digits.size() >= 13 && !all_same_char(digits) && has_known_issuer(digits) &&
         luhn_checksum(digits) && !is_one_of(digits, published_test_cards);
}

bool npi(std::string_view match) noexcept {
  if (match.size() != 10 || !all_digits(match) || (match[0] != '1' && match[0] != '2')) return false;
  if (match == published_sample_npi) return false;
  // The NPI check digit is the Luhn digit of the number prefixed with 80840 (health-industry ISO
  // issuer prefix), as ISO/IEC 7812 card numbers are.
  CharBuffer<15> prefixed;
  return prefixed.append("80840") && prefixed.append(match) && luhn_checksum(prefixed.view());
}

bool mbi(std::string_view match) noexcept {
  CharBuffer<11> buffer;
  if (!mbi_characters(match, buffer)) return false;
  const std::string_view characters = buffer.view();
  for (size_t i = 0; i < mbi_layout.size(); ++i) {
    if (!fits_mbi_slot(characters[i], mbi_layout[i])) return false;
  }
  return !equals_upper(characters, published_sample_mbi);
}

bool dea(std::string_view match) noexcept {
  if (match.size() != 9 || !is_letter(match[1]) || !all_digits(match.substr(2))) return false;
  if (!contains("ABCDEFGHJKLMPRSTUX", to_upper(match[0]))) return false;
  const auto digit = [match](size_t position) { return digit_value(match[position + 1]); };
  const int checksum = digit(1) + digit(3) + digit(5) + 2 * (digit(2) + digit(4) + digit(6));
  return checksum % 10 == digit(7);
}

bool vin(std::string_view match) noexcept {
  // All-same VINs such as 11111111111111111 pass the check digit but are placeholders.
  if (match.size() != vin_weights.size() || all_same_char(match)) return false;
  int sum = 0;
  for (size_t i = 0; i < match.size(); ++i) {
    const int value = vin_value(match[i]);
    if (value < 0) return false;
    sum += value * vin_weights[i];
  }
  const int remainder = sum % 11;
  const char expected = remainder == 10 ? 'X' : static_cast<char>('0' + remainder);
  return to_upper(match[8]) == expected;
}

bool aba(std::string_view match) noexcept {
  if (match.size() != 9 || !all_digits(match) || match == "000000000") return false;
  // Federal Reserve routing symbols: 00 government, 01-12 banks, 21-32 thrifts, 61-72
  // electronic, 80 traveller's cheques.
  const int prefix = number_value(match.substr(0, 2));
  const bool known_prefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) ||
                            (prefix >= 61 && prefix <= 72) || prefix == 80;
  constexpr std::array<int, 3> weights = {3, 7, 1};
  int sum = 0;
  for (size_t i = 0; i < match.size(); ++i) sum += digit_value(match[i]) * weights[i % 3];
  return known_prefix && sum % 10 == 0;
}

bool nanp(std::string_view match) noexcept {
  NanpNumber number;
  return parse_nanp(match, number) && valid_nanp_parts(number) && !is_repeated_digit_number(number);
}

bool nanp_fictional(std::string_view match) noexcept {
  NanpNumber number;
  return parse_nanp(match, number) && valid_nanp_parts(number) && number.exchange == "555" &&
         number.line.substr(0, 2) == "01";
}

bool imei(std::string_view match) noexcept {
  CharBuffer<15> buffer;
  if (!collect_grouped_digits(match, " -", buffer)) return false;
  const std::string_view digits = buffer.view();
  return digits.size() == 15 && !all_same_char(digits) && luhn_checksum(digits);
}

bool ipv4(std::string_view match) noexcept {
  std::array<int, 4> octets{};
  if (!parse_ipv4(match, octets)) return false;
  const bool unspecified = octets == std::array<int, 4>{0, 0, 0, 0};
  const bool broadcast = octets == std::array<int, 4>{255, 255, 255, 255};
  return !unspecified && !broadcast;
}

bool ipv4_private_or_reserved(std::string_view match) noexcept {
  std::array<int, 4> octets{};
  if (!parse_ipv4(match, octets)) return false;
  for (const Ipv4Block& block : private_or_reserved_blocks) {
    if (in_block(octets, block.network, block.prefix_bits)) return true;
  }
  return false;
}

bool ipv6(std::string_view match) noexcept {
  Ipv6Groups address{};
  if (!parse_ipv6(match, address)) return false;
  // "::" and "::1" in any spelling ("0:0:0:0:0:0:0:1") name no device.
  constexpr Ipv6Groups unspecified{};
  constexpr Ipv6Groups loopback = {0, 0, 0, 0, 0, 0, 0, 1};
  return address != unspecified && address != loopback;
}

bool date(std::string_view match) noexcept {
  if (match.empty()) return false;
  return is_letter(match.front()) ? is_month_first_text_date(match) : is_digit_first_date(match);
}

bool date_of_person(std::string_view match) noexcept {
  return date(match) && !is_sentinel_date(match);
}

bool zip(std::string_view match) noexcept {
  const bool plus_four = match.size() == 10 && match[5] == '-' && all_digits(match.substr(6));
  if (match.size() != 5 && !plus_four) return false;
  // No ZIP code starts with 000.
  return all_digits(match.substr(0, 5)) && match.substr(0, 3) != "000";
}

bool zip3_restricted(std::string_view zip_code) noexcept {
  const bool bare_prefix = zip_code.size() == 3 && all_digits(zip_code);
  if (!bare_prefix && !zip(zip_code)) return false;
  // HHS Safe Harbor guidance, from the 2000 Census: 3-digit ZIP areas of 20,000 people or fewer.
  constexpr std::array<std::string_view, 17> restricted = {
      "036", "059", "063", "102", "203", "556", "692", "790", "821",
      "823", "830", "831", "878", "879", "884", "890", "893",
  };
  const std::string_view prefix = zip_code.substr(0, 3);
  for (std::string_view candidate : restricted) {
    if (prefix == candidate) return true;
  }
  return false;
}

bool age_over_89(std::string_view match) noexcept {
  const size_t start = match.find_first_of("0123456789");
  if (start == npos) return false;
  Cursor cursor(match.substr(start));
  const std::string_view digits = cursor.take_digit_run();
  // One number only, written without a leading zero; 125 bounds the oldest plausible age.
  const bool another_number = match.find_first_of("0123456789", start + digits.size()) != npos;
  if (another_number || digits.size() > 3 || digits[0] == '0') return false;
  const int age = number_value(digits);
  return age >= 90 && age <= 125;
}

bool email(std::string_view match) noexcept {
  const size_t at = match.find('@');
  if (at == npos || match.find('@', at + 1) != npos) return false;
  const std::string_view domain = match.substr(at + 1);
  return is_valid_local_part(match.substr(0, at)) && is_valid_email_domain(domain) &&
         !is_reserved_domain(domain);
}

bool email_person(std::string_view match) noexcept {
  return email(match) && !is_role_mailbox(match.substr(0, match.find('@')));
}

bool identifier(std::string_view match) noexcept {
  CharBuffer<max_identifier_characters> buffer;
  return collect_identifier_characters(match, buffer) && is_real_identifier(buffer.view());
}

bool drivers_license(std::string_view match) noexcept {
  CharBuffer<max_identifier_characters> buffer;
  // Washington's numbers may be all letters after "WDL", so the shapes, not a digit, decide.
  if (!collect_identifier_characters(match, buffer) || is_placeholder_value(buffer.view())) return false;
  for (std::string_view shape : licence_shapes) {
    if (fits_shape(buffer.view(), shape)) return true;
  }
  return false;
}

bool license_plate(std::string_view match) noexcept {
  CharBuffer<max_identifier_characters> buffer;
  if (!collect_identifier_characters(match, buffer)) return false;
  const std::string_view characters = buffer.view();
  // All-digit plates exist, but short digit runs in text are years, counts and room numbers.
  const size_t shortest = count_letters(characters) == 0 ? 5 : 2;
  return characters.size() >= shortest && characters.size() <= 8 && count_digits(characters) > 0 &&
         !is_placeholder_value(characters);
}

bool udi(std::string_view match) noexcept {
  Cursor cursor(match);
  std::string_view gtin;
  const bool bracketed = cursor.take('(');
  if (!cursor.take('0') || !cursor.take('1') || (bracketed && !cursor.take(')')) ||
      !cursor.take_digits(14, gtin) || !gs1_check_digit_ok(gtin)) {
    return false;
  }
  // The device identifier alone names a model; a lot or serial narrows it to the patient's device.
  bool identifies = false;
  while (!cursor.at_end()) {
    if (!take_udi_element(cursor, bracketed, identifies)) return false;
  }
  return identifies;
}

bool ipv4_public(std::string_view match) noexcept {
  return ipv4(match) && !ipv4_private_or_reserved(match);
}

bool city_state_zip(std::string_view match) noexcept {
  std::string_view state;
  std::string_view zip_code;
  return split_state_and_zip(match, state, zip_code) && zip(zip_code) && zip_belongs_to_state(state, zip_code);
}

// =============================================================================================
// Registry

namespace {

constexpr std::array<Entry, 24> registry = {{
    {"ssn", ssn, "SSA-valid number"},
    {"luhn", luhn, "card number with a valid Luhn check and issuer prefix"},
    {"npi", npi, "valid NPI check digit"},
    {"mbi", mbi, "valid Medicare Beneficiary Identifier format"},
    {"dea", dea, "valid DEA check digit"},
    {"vin", vin, "valid VIN check digit"},
    {"aba", aba, "valid routing-number checksum"},
    {"nanp", nanp, "valid North American phone number"},
    {"imei", imei, "valid IMEI check digit"},
    {"ipv4", ipv4, "valid IPv4 address"},
    {"ipv6", ipv6, "valid IPv6 address"},
    {"date", date, "real calendar date"},
    {"date_of_person", date_of_person, "real calendar date, not a placeholder"},
    {"zip", zip, "valid ZIP code"},
    {"age_over_89", age_over_89, "age over 89"},
    {"email", email, "plausible email address"},
    {"email_person", email_person, "a person's mailbox, not a role account"},
    {"identifier", identifier, "identifier-like value"},
    {"drivers_license", drivers_license, "a shape US states use for licence numbers"},
    {"license_plate", license_plate, "licence-plate shape"},
    {"udi", udi, "UDI with a valid GS1 check digit"},
    {"ipv4_public", ipv4_public, "public IPv4 address"},
    {"city_state_zip", city_state_zip, "ZIP code of that state"},
    {"zip3_restricted", zip3_restricted, "ZIP-3 area of 20,000 people or fewer"},
}};

}  // namespace

const Entry* find(std::string_view name) noexcept {
  for (const Entry& entry : registry) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::span<const Entry> all() noexcept { return registry; }

}  // namespace phisentry::validators
