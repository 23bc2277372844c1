// Unit tests for the validators. All identifiers here are synthetic: numbers are built to pass or
// fail each format's definition (check digits are computed below, from the published algorithms).

#include "phisentry/validators/validators.h"

#include <doctest/doctest.h>

#include <set>
#include <utility>
#include <string>
#include <string_view>

namespace v = phisentry::validators;

namespace {

int digit(char c) { return c - '0'; }

// The digit that makes `payload` + digit pass the Luhn check.
char luhn_check_digit(std::string_view payload) {
  int sum = 0;
  bool doubled = true;  // the check digit will be rightmost, so the payload's last digit doubles
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    int value = digit(*it) * (doubled ? 2 : 1);
    sum += value / 10 + value % 10;
    doubled = !doubled;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string with_luhn_digit(std::string payload) { return payload + luhn_check_digit(payload); }

// Replaces the last digit with the next one, so a Luhn-valid number becomes invalid.
std::string with_wrong_last_digit(std::string number) {
  number.back() = static_cast<char>('0' + (digit(number.back()) + 1) % 10);
  return number;
}

// A card number of `length` digits starting with `prefix`, filled with 7s, with a valid check digit.
std::string card(std::string prefix, std::size_t length) {
  prefix.resize(length - 1, '7');
  return with_luhn_digit(prefix);
}

// NPI: the check digit is the Luhn digit of "80840" + the first 9 digits.
std::string npi_from(std::string_view nine_digits) {
  const std::string prefixed = "80840" + std::string(nine_digits);
  return std::string(nine_digits) + luhn_check_digit(prefixed);
}

// DEA: (d1 + d3 + d5) + 2 * (d2 + d4 + d6), last digit of the sum.
std::string dea_from(std::string_view letters, std::string_view six_digits) {
  const auto d = [six_digits](int i) { return digit(six_digits[static_cast<std::size_t>(i - 1)]); };
  const int sum = d(1) + d(3) + d(5) + 2 * (d(2) + d(4) + d(6));
  return std::string(letters) + std::string(six_digits) + static_cast<char>('0' + sum % 10);
}

// VIN: transliterate, weight, sum mod 11 (10 = X) into position 9.
int vin_transliteration(char c) {
  if (c >= '0' && c <= '9') return digit(c);
  const std::string_view values = "12345678-12345-7-923456789";
  return digit(values[static_cast<std::size_t>(c - 'A')]);
}

std::string vin_with_check(std::string vin) {
  const int weights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += vin_transliteration(vin[i]) * weights[i];
  vin[8] = sum % 11 == 10 ? 'X' : static_cast<char>('0' + sum % 11);
  return vin;
}

// ABA: 3 7 1 weights; the ninth digit (weight 1) makes the sum a multiple of 10.
// A made-up VIN body (position 9 is recomputed by vin_with_check).
constexpr std::string_view synthetic_vin = "1PHSN12T0RX000042";

// `digits` split into groups of the given sizes, joined by `separator`.
std::string grouped(const std::string& digits, std::initializer_list<std::size_t> sizes, char separator) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t size : sizes) {
    if (!out.empty()) out += separator;
    out += digits.substr(at, size);
    at += size;
  }
  return out;
}

// GS1: from the right, payload digits weigh 3, 1, 3 ...; the check digit rounds the sum up to 10.
char gs1_check_digit(std::string_view payload) {
  int sum = 0;
  int weight = 3;
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    sum += digit(*it) * weight;
    weight = weight == 3 ? 1 : 3;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// A human-readable UDI: "(01)" + a GTIN-14 built from 13 payload digits, then `elements`.
std::string udi_from(std::string_view thirteen_digits, std::string_view elements) {
  return "(01)" + std::string(thirteen_digits) + gs1_check_digit(thirteen_digits) + std::string(elements);
}

std::string aba_from(std::string_view eight_digits) {
  const int weights[8] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += digit(eight_digits[i]) * weights[i];
  return std::string(eight_digits) + static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

TEST_SUITE("validators") {

TEST_CASE("ssn accepts assignable numbers in every separator style") {
  CHECK(v::ssn("234-56-7890"));
  CHECK(v::ssn("234 56 7890"));
  CHECK(v::ssn("234.56.7890"));
  CHECK(v::ssn("234567890"));
  CHECK(v::ssn("001-01-0001"));  // lowest assignable area, group and serial
}

TEST_CASE("ssn rejects areas, groups and serials the SSA never assigns") {
  CHECK_FALSE(v::ssn("000-12-3456"));
  CHECK(v::ssn("665-12-3456"));
  CHECK_FALSE(v::ssn("666-12-3456"));
  CHECK(v::ssn("667-12-3456"));
  CHECK(v::ssn("899-12-3456"));
  CHECK_FALSE(v::ssn("900-12-3456"));
  CHECK_FALSE(v::ssn("999-12-3456"));
  CHECK_FALSE(v::ssn("234-00-7890"));
  CHECK_FALSE(v::ssn("234-56-0000"));
  CHECK_FALSE(v::ssn("234000000"));
}

TEST_CASE("ssn rejects published sample and advertising numbers") {
  CHECK_FALSE(v::ssn("078-05-1120"));
  CHECK_FALSE(v::ssn("078051120"));
  CHECK_FALSE(v::ssn("219-09-9999"));
  CHECK_FALSE(v::ssn("219 09 9999"));
  CHECK_FALSE(v::ssn("123-45-6789"));
  CHECK_FALSE(v::ssn("123456789"));
  for (char c = '1'; c <= '8'; ++c) {
    const std::string same(9, c);
    CAPTURE(same);
    CHECK_FALSE(v::ssn(same));
  }
  CHECK_FALSE(v::ssn("111-11-1111"));
  for (char last = '0'; last <= '9'; ++last) {
    const std::string advert = std::string("987-65-432") + last;
    CAPTURE(advert);
    CHECK_FALSE(v::ssn(advert));
  }
  // The advertising block lies in the never-assigned 9xx areas too, so no neighbour of it can pass;
  // the explicit list keeps the sample rejected should the area rule ever change.
}

TEST_CASE("ssn rejects malformed layouts") {
  CHECK_FALSE(v::ssn(""));
  CHECK_FALSE(v::ssn("234-56 7890"));   // mixed separators
  CHECK_FALSE(v::ssn("234-567890"));    // one separator
  CHECK_FALSE(v::ssn("2345-6-7890"));   // wrong grouping
  CHECK_FALSE(v::ssn("234/56/7890"));
  CHECK_FALSE(v::ssn("23456789"));      // 8 digits
  CHECK_FALSE(v::ssn("2345678901"));    // 10 digits
  CHECK_FALSE(v::ssn("234-56-789O"));   // letter O
  CHECK_FALSE(v::ssn(" 234-56-7890"));
}

TEST_CASE("luhn accepts well-formed cards of every listed issuer") {
  const std::string visa = card("4", 16);
  CHECK(v::luhn(visa));
  CHECK(v::luhn(grouped(visa, {4, 4, 4, 4}, ' ')));
  CHECK(v::luhn(grouped(visa, {4, 4, 4, 4}, '-')));
  CHECK(v::luhn(grouped(card("37", 15), {4, 6, 5}, ' ')));  // American Express grouping
  const std::pair<std::string, std::size_t> issuers[] = {
      {"4", 13},    {"4", 16},    {"4", 19},                                  // Visa
      {"51", 16},   {"55", 16},   {"2221", 16}, {"2720", 16},                 // Mastercard
      {"34", 15},   {"37", 15},                                               // Amex
      {"6011", 16}, {"6011", 19}, {"644", 16},  {"649", 16}, {"65", 16},      // Discover
      {"3528", 16}, {"3589", 19},                                             // JCB
      {"300", 14},  {"305", 14},  {"36", 14},   {"38", 16},                   // Diners Club
  };
  for (const auto& [prefix, length] : issuers) {
    const std::string number = card(prefix, length);
    CAPTURE(number);
    CHECK(v::luhn(number));
    CHECK_FALSE(v::luhn(with_wrong_last_digit(number)));
  }
}

TEST_CASE("luhn rejects unknown issuer prefixes and lengths an issuer does not use") {
  const std::pair<std::string, std::size_t> outside[] = {
      {"50", 16},   {"56", 16},   {"2220", 16}, {"2721", 16},  // around Mastercard
      {"35", 15},   {"34", 16},   {"37", 14},                  // Amex is 15 digits only
      {"4", 15},    {"51", 19},                                // Visa and Mastercard lengths
      {"6010", 16}, {"643", 16},  {"66", 16},                  // around Discover
      {"3527", 16}, {"3590", 16},                              // around JCB
      {"306", 14},  {"1", 16},    {"7", 16},   {"8", 16}, {"9", 16},
  };
  for (const auto& [prefix, length] : outside) {
    const std::string number = card(prefix, length);
    CAPTURE(number);
    CHECK(v::luhn_checksum(number));  // the checksum alone would pass
    CHECK_FALSE(v::luhn(number));
  }
}

TEST_CASE("luhn rejects bad separators, lengths and placeholders") {
  const std::string spaced = grouped(card("4", 16), {4, 4, 4, 4}, ' ');
  REQUIRE(v::luhn(spaced));
  std::string mixed = spaced;
  mixed[9] = '-';
  CHECK_FALSE(v::luhn(mixed));                                      // mixed separators
  CHECK_FALSE(v::luhn(spaced.substr(0, 4) + " " + spaced.substr(4)));  // doubled separator
  CHECK_FALSE(v::luhn(" " + spaced));
  CHECK_FALSE(v::luhn(spaced + "-"));
  CHECK_FALSE(v::luhn(grouped(card("4", 16), {4, 4, 4, 4}, '.')));
  CHECK_FALSE(v::luhn(card("4", 12)));
  CHECK_FALSE(v::luhn(card("4", 20)));
  CHECK(v::luhn_checksum("0000000000000000"));
  CHECK_FALSE(v::luhn("0000000000000000"));
  CHECK_FALSE(v::luhn(""));
}

TEST_CASE("luhn rejects the card numbers issuers and gateways publish for testing") {
  for (std::string_view test_card : {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
                                     "4242424242424242", "5555555555554444", "378282246310005",
                                     "6011111111111117", "3530111333300000"}) {
    CAPTURE(test_card);
    CHECK_FALSE(v::luhn(test_card));
  }
  CHECK(v::luhn_checksum("4111111111111111"));  // they pass the checksum, which is why they are listed
}

TEST_CASE("luhn_checksum follows the published algorithm") {
  CHECK(v::luhn_checksum("79927398713"));  // the textbook example
  CHECK_FALSE(v::luhn_checksum("79927398710"));
  CHECK_FALSE(v::luhn_checksum(""));
  CHECK_FALSE(v::luhn_checksum("7992739871a"));
}

TEST_CASE("npi checks the 80840-prefixed Luhn digit and the leading 1 or 2") {
  CHECK(v::luhn_checksum("808401234567893"));
  CHECK_FALSE(v::npi("1234567893"));  // CMS's worked example is valid but never anyone's
  const std::string type1 = npi_from("123456780");
  const std::string type2 = npi_from("298765432");
  CHECK(v::npi(type1));
  CHECK(v::npi(type2));
  CHECK_FALSE(v::npi(with_wrong_last_digit(type1)));
  CHECK_FALSE(v::npi(npi_from("323456789")));  // valid check digit, but NPIs start with 1 or 2
  CHECK_FALSE(v::npi(npi_from("023456789")));
  CHECK_FALSE(v::npi("123456789"));
  CHECK_FALSE(v::npi("12345678930"));
  CHECK_FALSE(v::npi("12345-67893"));
  // A plain Luhn digit is not the NPI digit: the 80840 prefix shifts it.
  const std::string plain_luhn = with_luhn_digit("123456789");
  CHECK(v::luhn_checksum(plain_luhn));
  CHECK_FALSE(v::npi(plain_luhn));
}

TEST_CASE("mbi accepts the CMS layout with or without dashes, in any case") {
  CHECK(v::mbi("3RK7-WF2-HN48"));
  CHECK(v::mbi("3RK7WF2HN48"));
  CHECK(v::mbi("3rk7-wf2-hn48"));
  CHECK(v::mbi("9AA9-AA9-AA99"));  // letters wherever letter-or-digit is allowed
}

TEST_CASE("mbi rejects the example CMS prints in the format specification") {
  CHECK_FALSE(v::mbi("1EG4-TE5-MK73"));
  CHECK_FALSE(v::mbi("1EG4TE5MK73"));
  CHECK_FALSE(v::mbi("1eg4-te5-mk73"));
  CHECK(v::mbi("1EG4TE5MK74"));  // one character off is a well-formed number
}

TEST_CASE("mbi position rules") {
  CHECK(v::mbi("1E94TE5MK73"));   // position 3 may be a digit
  CHECK(v::mbi("1EG4T95MK73"));   // position 6 may be a digit
  CHECK_FALSE(v::mbi("0EG4TE5MK73"));  // position 1 is 1-9
  CHECK_FALSE(v::mbi("AEG4TE5MK73"));
  CHECK_FALSE(v::mbi("19G4TE5MK73"));  // position 2 is a letter
  CHECK_FALSE(v::mbi("1EGATE5MK73"));  // position 4 is a digit
  CHECK_FALSE(v::mbi("1EG45E5MK73"));  // position 5 is a letter
  CHECK_FALSE(v::mbi("1EG4TEAMK73"));  // position 7 is a digit
  CHECK_FALSE(v::mbi("1EG4TE55K73"));  // position 8 is a letter
  CHECK_FALSE(v::mbi("1EG4TE5M773"));  // position 9 is a letter
  CHECK_FALSE(v::mbi("1EG4TE5MKA3"));  // position 10 is a digit
  CHECK_FALSE(v::mbi("1EG4TE5MK7A"));  // position 11 is a digit
  for (char excluded : std::string_view("SLOIBZslo")) {
    std::string with_excluded = "1EG4TE5MK73";
    with_excluded[1] = excluded;
    CAPTURE(with_excluded);
    CHECK_FALSE(v::mbi(with_excluded));
    with_excluded = "1EG4TE5MK73";
    with_excluded[2] = excluded;  // also excluded where a letter or digit may stand
    CHECK_FALSE(v::mbi(with_excluded));
  }
}

TEST_CASE("mbi rejects misplaced dashes and wrong lengths") {
  CHECK_FALSE(v::mbi("1EG4-TE5MK73"));
  CHECK_FALSE(v::mbi("1EG-4TE5-MK73"));
  CHECK_FALSE(v::mbi("1EG4 TE5 MK73"));
  CHECK_FALSE(v::mbi("1EG4TE5MK7"));
  CHECK_FALSE(v::mbi("1EG4TE5MK733"));
  CHECK_FALSE(v::mbi(""));
}

TEST_CASE("dea checks the registrant letter and the check digit") {
  const std::string number = dea_from("AB", "123456");
  CHECK(number == "AB1234563");  // (1+3+5) + 2*(2+4+6) = 33
  CHECK(v::dea(number));
  CHECK(v::dea("ab1234563"));
  for (char registrant : std::string_view("ABCDEFGHJKLMPRSTUX")) {
    const std::string with_registrant = dea_from(std::string{registrant, 'M'}, "907310");
    CAPTURE(with_registrant);
    CHECK(v::dea(with_registrant));
  }
  for (char registrant : std::string_view("INOQVWYZ")) {
    const std::string with_registrant = dea_from(std::string{registrant, 'M'}, "907310");
    CAPTURE(with_registrant);
    CHECK_FALSE(v::dea(with_registrant));
  }
  CHECK_FALSE(v::dea(with_wrong_last_digit(number)));
  CHECK_FALSE(v::dea(dea_from("A9", "123456")));   // second character is a letter
  CHECK_FALSE(v::dea("AB123456"));
  CHECK_FALSE(v::dea("AB12345630"));
  CHECK_FALSE(v::dea("AB12345X3"));
}

TEST_CASE("vin verifies the check digit at position 9") {
  const std::string vin = vin_with_check(std::string(synthetic_vin));
  CAPTURE(vin);
  CHECK(v::vin(vin));
  std::string lower = vin;
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  CHECK(v::vin(lower));
  std::string wrong = vin;
  wrong[8] = wrong[8] == '0' ? '1' : '0';
  CHECK_FALSE(v::vin(wrong));
  // A check value of 10 is written X: find a serial that produces it.
  std::string with_x;
  for (int serial = 0; serial < 1000 && with_x.empty(); ++serial) {
    std::string candidate = "2T1BR32E0XC" + std::to_string(100000 + serial);
    candidate = vin_with_check(candidate);
    if (candidate[8] == 'X') with_x = candidate;
  }
  REQUIRE_FALSE(with_x.empty());
  CAPTURE(with_x);
  CHECK(v::vin(with_x));
  with_x[8] = '0';
  CHECK_FALSE(v::vin(with_x));
}

TEST_CASE("vin rejects I, O, Q, wrong lengths and placeholders") {
  const std::string vin = vin_with_check(std::string(synthetic_vin));
  // No check character makes a VIN holding I, O or Q valid.
  for (char forbidden : std::string_view("IOQioq")) {
    for (char check : std::string_view("0123456789X")) {
      std::string with_forbidden = vin;
      with_forbidden[3] = forbidden;
      with_forbidden[8] = check;
      CAPTURE(with_forbidden);
      CHECK_FALSE(v::vin(with_forbidden));
    }
  }
  CHECK_FALSE(v::vin(vin.substr(0, 16)));
  CHECK_FALSE(v::vin(vin + "1"));
  CHECK(vin_with_check("11111111111111111") == "11111111111111111");  // passes the check...
  CHECK_FALSE(v::vin("11111111111111111"));                          // ...but is a placeholder
  CHECK_FALSE(v::vin("1PHSN12T-RX000042"));
}

TEST_CASE("aba checks the 3-7-1 checksum and the routing prefix") {
  for (std::string_view prefix : {"00", "01", "12", "21", "32", "61", "72", "80"}) {
    const std::string routing = aba_from(std::string(prefix) + "100037");
    CAPTURE(routing);
    CHECK(v::aba(routing));
    CHECK_FALSE(v::aba(with_wrong_last_digit(routing)));
  }
  for (std::string_view prefix : {"13", "20", "33", "60", "73", "79", "81", "99"}) {
    const std::string routing = aba_from(std::string(prefix) + "100037");
    CAPTURE(routing);
    CHECK_FALSE(v::aba(routing));
  }
  CHECK_FALSE(v::aba("000000000"));
  CHECK_FALSE(v::aba("02100002"));
  CHECK_FALSE(v::aba("0210000210"));
  CHECK_FALSE(v::aba("021-000-021"));
}

TEST_CASE("nanp accepts the common layouts") {
  for (std::string_view phone : {"(212) 555-0187", "(212)555-0187", "212-555-0187", "212.555.0187",
                                 "212 555 0187", "212 555-0187", "+1 212 555 0187", "+1-212-555-0187",
                                 "+12125550187", "1-212-555-0187", "1 (212) 555-0187", "2125550187",
                                 "12125550187", "+1 (212) 555-0187"}) {
    CAPTURE(phone);
    CHECK(v::nanp(phone));
  }
  CHECK(v::nanp("212\xC2\xA0" "555\xC2\xA0" "0187"));  // no-break spaces from a rich-text editor
}

TEST_CASE("nanp accepts extensions at the end") {
  for (std::string_view phone : {"212-555-0187 x123", "212-555-0187x123", "212-555-0187 ext. 123",
                                 "212-555-0187 ext 123", "212-555-0187 EXT.123", "212-555-0187, ext. 4",
                                 "(212) 555-0187 extension 12", "212-555-0187 #123456"}) {
    CAPTURE(phone);
    CHECK(v::nanp(phone));
  }
  CHECK_FALSE(v::nanp("212-555-0187 x"));
  CHECK_FALSE(v::nanp("212-555-0187 x1234567"));
  CHECK_FALSE(v::nanp("212-555-0187 room 4"));
  CHECK_FALSE(v::nanp("212-555-0187 x12a"));
}

TEST_CASE("nanp enforces area code and exchange rules") {
  CHECK(v::nanp("200-200-0000"));
  CHECK(v::nanp("989-999-9999"));
  CHECK_FALSE(v::nanp("012-555-0187"));  // area starts 2-9
  CHECK_FALSE(v::nanp("112-555-0187"));
  CHECK_FALSE(v::nanp("411-555-0187"));  // N11 area
  CHECK_FALSE(v::nanp("911-555-0187"));
  CHECK_FALSE(v::nanp("370-555-0187"));  // 37X reserved
  CHECK_FALSE(v::nanp("379-555-0187"));
  CHECK(v::nanp("369-555-0187"));
  CHECK(v::nanp("380-555-0187"));
  CHECK_FALSE(v::nanp("960-555-0187"));  // 96X reserved
  CHECK_FALSE(v::nanp("969-555-0187"));
  CHECK(v::nanp("959-555-0187"));
  CHECK(v::nanp("970-555-0187"));
  CHECK_FALSE(v::nanp("212-055-0187"));  // exchange starts 2-9
  CHECK_FALSE(v::nanp("212-155-0187"));
  CHECK_FALSE(v::nanp("212-911-0187"));  // N11 exchange
  CHECK(v::nanp("212-910-0187"));
}

TEST_CASE("nanp rejects inconsistent or malformed layouts") {
  for (std::string_view text : {"212-555.0187", "212.555-0187", "212555-0187", "212-5550187",
                                "(212 555-0187", "212) 555-0187", "(212).555.0187", "212--555-0187",
                                "21-2555-0187", "212-555-018", "212-555-01877", "22125550187",
                                "+2 212 555 0187", "+ 212 555 0187", "212 555 0187 ", "", "phone"}) {
    CAPTURE(text);
    CHECK_FALSE(v::nanp(text));
  }
}

TEST_CASE("nanp rejects one digit repeated, the placeholder people type") {
  CHECK_FALSE(v::nanp("555-555-5555"));
  CHECK_FALSE(v::nanp("(222) 222-2222"));
  CHECK_FALSE(v::nanp("8888888888"));
  CHECK(v::nanp("555-555-5556"));
  CHECK(v::nanp("222-555-2222"));
}

TEST_CASE("nanp_fictional marks 555-0100 through 555-0199") {
  CHECK(v::nanp_fictional("212-555-0100"));
  CHECK(v::nanp_fictional("(212) 555-0187"));
  CHECK(v::nanp_fictional("+1 212 555 0199"));
  CHECK_FALSE(v::nanp_fictional("212-555-0099"));
  CHECK_FALSE(v::nanp_fictional("212-555-0200"));
  CHECK_FALSE(v::nanp_fictional("212-556-0150"));
  CHECK_FALSE(v::nanp_fictional("411-555-0150"));  // not a valid number at all
  CHECK_FALSE(v::nanp_fictional("555-0150"));
}

TEST_CASE("imei checks 15 digits and the Luhn digit") {
  const std::string number = with_luhn_digit("35209900176148");
  CAPTURE(number);
  CHECK(v::imei(number));
  const std::string grouped =
      number.substr(0, 2) + "-" + number.substr(2, 6) + "-" + number.substr(8, 6) + "-" + number.substr(14);
  CHECK(v::imei(grouped));
  const std::string spaced = number.substr(0, 6) + " " + number.substr(6, 2) + " " + number.substr(8);
  CHECK(v::imei(spaced));
  CHECK_FALSE(v::imei(with_wrong_last_digit(number)));
  CHECK_FALSE(v::imei(number.substr(0, 14)));
  CHECK_FALSE(v::imei(with_luhn_digit(number.substr(0, 13))));  // Luhn-valid, but 14 digits
  CHECK_FALSE(v::imei(with_luhn_digit(number)));  // 16 digits
  CHECK_FALSE(v::imei("000000000000000"));       // passes Luhn, but a placeholder
  CHECK_FALSE(v::imei(number.substr(0, 2) + "-" + number.substr(2, 6) + " " + number.substr(8)));
  CHECK_FALSE(v::imei(number.substr(0, 2) + "/" + number.substr(2)));
}

TEST_CASE("ipv4 accepts dotted quads and rejects the rest") {
  for (std::string_view address : {"8.8.4.4", "192.168.1.20", "0.1.2.3", "255.255.255.254", "1.0.0.0",
                                   "10.0.0.255"}) {
    CAPTURE(address);
    CHECK(v::ipv4(address));
  }
  for (std::string_view text : {"0.0.0.0", "255.255.255.255", "256.1.1.1", "1.256.1.1", "01.2.3.4",
                                "1.2.3.00", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3.4",
                                "a.b.c.d", "+1.2.3.4", "1.2.3.-4", "1.2.3.4 ", "1000.2.3.4", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::ipv4(text));
  }
}

TEST_CASE("ipv4_private_or_reserved knows the special-purpose blocks") {
  for (std::string_view inside : {"10.0.0.1", "10.255.255.255", "172.16.0.0", "172.31.255.255",
                                  "192.168.0.1", "127.0.0.1", "169.254.10.10", "100.64.0.1",
                                  "100.127.255.255", "192.0.2.55", "198.51.100.7", "203.0.113.200",
                                  "224.0.0.1", "239.255.255.255", "240.0.0.1", "198.18.0.1",
                                  "198.19.255.255", "0.1.2.3"}) {
    CAPTURE(inside);
    CHECK(v::ipv4_private_or_reserved(inside));
  }
  for (std::string_view outside : {"8.8.8.8", "11.0.0.1", "172.15.255.255", "172.32.0.0",
                                   "192.167.1.1", "169.253.1.1", "100.63.255.255", "100.128.0.0",
                                   "192.0.3.1", "198.51.101.1", "203.0.114.1", "223.255.255.255",
                                   "198.20.0.1", "not an address", "10.0.0.256"}) {
    CAPTURE(outside);
    CHECK_FALSE(v::ipv4_private_or_reserved(outside));
  }
}

TEST_CASE("ipv6 accepts the RFC 4291 text forms") {
  for (std::string_view address :
       {"2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329", "2001:DB8::1", "fe80::",
        "1:2:3:4:5:6:7:8", "1::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "1::8", "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "::2", "0:0:0:0:0:0:0:2", "1:0:0:0:0:0:0:0"}) {
    CAPTURE(address);
    CHECK(v::ipv6(address));
  }
}

TEST_CASE("ipv6 rejects malformed text and the unspecified and loopback addresses") {
  for (std::string_view text :
       {"::", "::1", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1", "0000::0001", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1::2::3", ":::", "1:::2",
        "12345::", "g::1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4.5", "::1.2.3.256", "1.2.3.4::",
        "::1.2.3.4:5", "1:", ":1", ":1:2:3:4:5:6:7:8", "fe80::1%eth0", "1 ::2", "", "1.2.3.4"}) {
    CAPTURE(text);
    CHECK_FALSE(v::ipv6(text));
  }
}

TEST_CASE("date accepts every listed layout") {
  for (std::string_view text :
       {"03/04/1961", "3/4/61", "03-04-1961", "1961-03-04", "1961/03/04", "March 4, 1961",
        "Mar 4 1961", "Mar. 4, 1961", "4 Mar 1961", "4 March 1961", "4-Mar-1961", "3/4", "Mar. 4",
        "03.04.1961", "3-4-61", "1961-3-4", "MARCH 4, 1961", "march 4 1961", "Sept. 4, 1961",
        "Sep 4, 1961", "September 4, 1961", "4-Mar-61", "March 4th, 1961", "4th March 1961",
        "March 4,1961", "4 March, 1961", "May 4", "May. 4, 1961", "December 31, 2099", "1/1/1900",
        "4 Mar", "4 March", "4th March", "21 FEB", "4 Mar.", "19610304", "20991231"}) {
    CAPTURE(text);
    CHECK(v::date(text));
  }
  CHECK(v::date("March\xC2\xA0" "4, 1961"));  // no-break space
}

TEST_CASE("date reads numeric forms month first, day first only when it must") {
  CHECK(v::date("12/31/1961"));
  CHECK(v::date("25/12/1961"));   // 25 cannot be a month
  CHECK(v::date("31.12.1961"));
  CHECK(v::date("13/1"));
  CHECK_FALSE(v::date("13/25/1961"));  // neither order works
  CHECK_FALSE(v::date("02/30/1961"));  // US order: month 2 has no day 30; no swap
  CHECK_FALSE(v::date("00/04/1961"));
  CHECK_FALSE(v::date("03/00/1961"));
  CHECK_FALSE(v::date("1961-13-01"));  // ISO is always year-month-day
  CHECK_FALSE(v::date("1961-04-31"));
}

TEST_CASE("date rejects impossible days") {
  CHECK_FALSE(v::date("2/30/1961"));
  CHECK_FALSE(v::date("4/31/1961"));
  CHECK_FALSE(v::date("April 31, 1961"));
  CHECK_FALSE(v::date("March 32, 1961"));
  CHECK_FALSE(v::date("June 0, 1961"));
  CHECK(v::date("2/28/1961"));
  CHECK_FALSE(v::date("2/29/1961"));  // 1961 is not a leap year
  CHECK(v::date("2/29/1960"));
  CHECK(v::date("2/29/2000"));        // divisible by 400
  CHECK_FALSE(v::date("2/29/1900"));  // divisible by 100
  CHECK(v::date("2/29/00"));          // 2000
  CHECK(v::date("2/29/96"));
  CHECK_FALSE(v::date("2/29/97"));
  CHECK(v::date("2/29"));             // no year: some year has it
  CHECK(v::date("Feb. 29"));
  CHECK_FALSE(v::date("2/30"));
  CHECK_FALSE(v::date("Feb 30"));
}

TEST_CASE("date rejects years out of range and malformed text") {
  for (std::string_view text :
       {"1/1/1899", "1/1/2100", "1899-01-01", "2100-01-01", "3/4/196", "3/4/19610", "3-4/1961",
        "3/4-1961", "1961/03-04", "1961.03.04", "3-4", "3.4", "32 Mar", "30 Feb", "4 Marc", "Marc 4, 1961",
        "March. 4, 1961", "Mar.4, 1961", "March 4nd, 1961", "4rd March 1961", "March 4 ,1961",
        "4/Mar/1961", "4.Mar.1961", "4-Mar 1961", "4 Mar-1961", "March 1961", "March", "1961",
        "123/4/1961", "3/4/1961 ", " 3/4/1961", "", "3//4", "19610230", "18990101", "21000101", "1961030",
        "196103040", "4 Mar 1961x"}) {
    CAPTURE(text);
    CHECK_FALSE(v::date(text));
  }
  CHECK(v::date("March 1st"));
  CHECK(v::date("March 2nd"));
  CHECK(v::date("March 3rd"));
  CHECK(v::date("March 11th"));
  CHECK(v::date("March 12th"));
  CHECK(v::date("March 13th"));
  CHECK(v::date("March 21st"));
  CHECK(v::date("March 22nd"));
  CHECK(v::date("March 23rd"));
  CHECK_FALSE(v::date("March 11st"));
}

TEST_CASE("date_of_person is a date other than the 1/1/1900 placeholder") {
  for (std::string_view text : {"01/01/1900", "1/1/1900", "1900-01-01", "01-01-1900", "19000101"}) {
    CAPTURE(text);
    CHECK(v::date(text));
    CHECK_FALSE(v::date_of_person(text));
  }
  CHECK(v::date_of_person("01/02/1900"));
  CHECK(v::date_of_person("March 4, 1961"));
  CHECK_FALSE(v::date_of_person("02/30/1961"));
}

TEST_CASE("zip accepts 5-digit and ZIP+4 codes outside the 000 prefix") {
  CHECK(v::zip("12345"));
  CHECK(v::zip("12345-6789"));
  CHECK(v::zip("00100"));
  CHECK(v::zip("99999"));
  for (std::string_view text : {"00000", "00012", "00012-3456", "1234", "123456", "12345-678",
                                "12345 6789", "12345-67890", "1234a", "12345-", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::zip(text));
  }
}

TEST_CASE("zip3_restricted lists the low-population prefixes") {
  for (std::string_view prefix : {"036", "059", "063", "102", "203", "556", "692", "790", "821",
                                  "823", "830", "831", "878", "879", "884", "890", "893"}) {
    CAPTURE(prefix);
    CHECK(v::zip3_restricted(prefix));
    CHECK(v::zip3_restricted(std::string(prefix) + "01"));
    CHECK(v::zip3_restricted(std::string(prefix) + "01-2345"));
  }
  for (std::string_view text : {"035", "037", "100", "822", "894", "12345", "0360", "03", "abc", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::zip3_restricted(text));
  }
}

TEST_CASE("age_over_89 takes the one number in an age phrase") {
  for (std::string_view text : {"93-year-old", "93 y/o", "age 93", "93yo", "aged 101", "age 90",
                                "age 125", "Age: 99"}) {
    CAPTURE(text);
    CHECK(v::age_over_89(text));
  }
  for (std::string_view text : {"age 89", "age 126", "age 093", "age 9", "age 1000", "93 and 94",
                                "age 93.5", "aged", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::age_over_89(text));
  }
}

TEST_CASE("email accepts plausible addresses") {
  const std::string longest_local(64, 'a');
  const std::string longest_label(63, 'b');
  for (const std::string& address :
       {std::string("jane.doe@northwind.org"), std::string("a@b.co"), std::string("first+tag@sub.northwind.com"),
        std::string("o'neil_x-y@clinic-north.health"), std::string("JANE@NORTHWIND.ORG"),
        longest_local + "@northwind.org", "x@" + longest_label + ".org"}) {
    CAPTURE(address);
    CHECK(v::email(address));
  }
}

TEST_CASE("email rejects implausible addresses") {
  const std::string too_long_local(65, 'a');
  const std::string too_long_label(64, 'b');
  for (const std::string& text :
       {std::string("no-at-sign"), std::string("a@@b.com"), std::string("a@b@c.com"), std::string("a@b"),
        std::string("a@b.c"), std::string("a@b..com"), std::string(".a@b.com"), std::string("a.@b.com"),
        std::string("a..b@c.com"), std::string("a@-b.com"), std::string("a@b-.com"), std::string("a@b.123"),
        std::string("a@b.c0m"), std::string("@b.com"), std::string("a@.b.com"), std::string("a@b.com."),
        std::string("a b@c.com"), std::string("a@b_c.com"), std::string(""), too_long_local + "@example.org",
        "x@" + too_long_label + ".org"}) {
    CAPTURE(text);
    CHECK_FALSE(v::email(text));
  }
}

TEST_CASE("identifier accepts keyword-gated values in their common layouts") {
  for (std::string_view text : {"00482913", "MR-7731045", "HSC-153259", "PA7284310", "A995-322-61-052-1",
                                "20-44817", "SN 2715583", "V98933088", "AB12/3457", "x9y"}) {
    CAPTURE(text);
    CHECK(v::identifier(text));
  }
}

TEST_CASE("identifier rejects IT ticket ids, whatever keyword is near") {
  for (const char* text : {"INC0012345", "CHG0031620", "ritm0041122", "PRB0001188", "KB0010342"}) {
    CAPTURE(text);
    CHECK_FALSE(v::identifier(text));
  }
  CHECK(v::identifier("INC12"));          // too short for a ticket number: a code
  CHECK(v::identifier("CHG00316A0"));     // letters inside: not a ticket id
  CHECK(v::identifier("MRN0031620"));
}

TEST_CASE("identifier rejects placeholders, masks, words and stray separators") {
  for (std::string_view text : {"00000000", "11111111", "XXXXXXX", "XXX-XX-1234", "xxxx1234", "123456",
                                "0123456789", "987654321", "pending", "N/A", "ab", "12", "--12", "12--34",
                                " 12345", "12345 ", "a_b1", "12,345", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::identifier(text));
  }
  CHECK(v::identifier("123457"));  // not a staircase: 5 then 7
  for (std::string_view text : {"MRN00000000", "PA-0000000", "MRN12345678", "A-98765"}) {
    CAPTURE(text);
    CHECK_FALSE(v::identifier(text));  // a placeholder behind a prefix
  }
  CHECK(v::identifier("MRN0007"));  // three zeros and a 7 are a number
}

TEST_CASE("drivers_license accepts the shapes states issue") {
  for (std::string_view text : {"D1234568",           // a letter and 7 digits
                                "A995-322-61-052-1",  // a letter and 12 digits, dashed
                                "T 049 015 705 101",  // the same shape, spaced
                                "449310139",          // 9 digits
                                "OH218212",           // two letters and 6 digits
                                "12AB34567",          // NH: 2 digits, 3 letters, 5 digits would not fit...
                                "12ABC38567",         // ...this does
                                "193AB4567",          // IA
                                "K1L2M",              // KS
                                "WDLBFD72GLDH",       // WA since 2018
                                "WDLSPGJKRGAM"}) {    // WA numbers may hold no digit
    CAPTURE(text);
    const bool expected = text != "12AB34567";
    CHECK(v::drivers_license(text) == expected);
  }
}

TEST_CASE("drivers_license rejects words, short numbers and placeholders") {
  for (std::string_view text : {"pending", "ABCDEFGH", "ABC12", "123", "A12", "00000000", "XXX1234567",
                                "1234567", "A1234567890123456789", "WDL12345678", "D12 34--5", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::drivers_license(text));
  }
}

TEST_CASE("license_plate accepts plate shapes and rejects years, words and masks") {
  for (std::string_view text : {"7ABC123", "LBD-4456", "HZ09RAK", "5YJA051", "AB 1234", "38215", "K9"}) {
    CAPTURE(text);
    CHECK(v::license_plate(text));
  }
  for (std::string_view text : {"2011", "911", "12345", "ABCDEFG", "ABCD12345", "XXX-1234", "0000000", "A", "AB--12", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::license_plate(text));
  }
}

TEST_CASE("udi checks the GTIN check digit and the production identifiers") {
  const std::string serial_only = udi_from("0061414100003", "(21)SN4471");
  CHECK(v::udi(serial_only));
  CHECK(v::udi(udi_from("1034704737939", "(17)311215(10)B414858(21)ERCFK6")));
  CHECK(v::udi(udi_from("1034704737939", "(11)240100(10)LOT-22/B")));  // day 00 means the month
  CHECK(v::udi(udi_from("1034704737939", " (17)311215 (21)7")));
  std::string wrong_check = serial_only;
  wrong_check[17] = wrong_check[17] == '9' ? '0' : static_cast<char>(wrong_check[17] + 1);
  CHECK_FALSE(v::udi(wrong_check));
  CHECK_FALSE(v::udi(udi_from("0061414100003", "")));            // a model, not a device
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(17)311215")));  // an expiry date alone
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(17)311315(21)A1")));  // month 13
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(99)A1")));             // not a UDI element
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(21)" + std::string(21, 'A'))));
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(21)")));
  CHECK_FALSE(v::udi(udi_from("0061414100003", "(21)A1)")));
  CHECK_FALSE(v::udi("(01)006141410000(21)A1"));
  CHECK_FALSE(v::udi(""));
}

TEST_CASE("udi also reads the unbracketed form a barcode scanner types") {
  const auto bare = [](std::string_view thirteen_digits, std::string_view elements) {
    return "01" + std::string(thirteen_digits) + gs1_check_digit(thirteen_digits) + std::string(elements);
  };
  CHECK(v::udi(bare("0061414100003", "17311215" "10A1B2")));
  CHECK(v::udi(bare("1034704737939", "21ERCFK6")));
  CHECK_FALSE(v::udi(bare("0061414100003", "17311215")));  // an expiry date alone names no device
  CHECK_FALSE(v::udi(bare("0061414100003", "17311315" "10A1")));  // month 13
  CHECK_FALSE(v::udi(bare("0061414100003", "(21)A1")));  // brackets must be used throughout or not at all
  std::string wrong_check = bare("0061414100003", "21A1");
  wrong_check[15] = wrong_check[15] == '9' ? '0' : static_cast<char>(wrong_check[15] + 1);
  CHECK_FALSE(v::udi(wrong_check));
}

TEST_CASE("ipv4_public leaves out private and special-purpose addresses") {
  CHECK(v::ipv4_public("73.164.22.9"));
  CHECK(v::ipv4_public("8.8.4.4"));
  for (std::string_view text : {"10.20.0.53", "192.168.1.1", "172.16.5.4", "127.0.0.1", "169.254.1.1",
                                "100.64.0.1", "198.51.100.7", "224.0.0.1", "300.1.2.3", "1.2.3"}) {
    CAPTURE(text);
    CHECK_FALSE(v::ipv4_public(text));
  }
}

TEST_CASE("city_state_zip needs a state code whose ZIP prefixes hold the ZIP") {
  for (std::string_view text : {"Salem, OR 97301", "Green Bay WI 54301-1234", "Portland, ME 04101",
                                "Anchorage, AK 99501", "Washington, DC 20001", "KANSAS CITY, MO 64171",
                                "Fishers Island, NY 06390"}) {
    CAPTURE(text);
    CHECK(v::city_state_zip(text));
  }
  for (std::string_view text : {"Salem, OR 12345", "Salem, ZZ 97301", "Salem, OR 9730", "Salem, OR 00012",
                                "SalemOR 97301", "97301", "OR 9730a", ""}) {
    CAPTURE(text);
    CHECK_FALSE(v::city_state_zip(text));
  }
}

TEST_CASE("email rejects the domains reserved for documentation and tests") {
  for (std::string_view text : {"patient@example.com", "a@EXAMPLE.ORG", "a@example.net", "a@mail.example.com",
                                "a@clinic.example", "a@host.test", "a@x.invalid", "a@box.localhost"}) {
    CAPTURE(text);
    CHECK_FALSE(v::email(text));
  }
  CHECK(v::email("a@myexample.com"));  // only the reserved names themselves and their subdomains
  CHECK(v::email("a@example.company"));
}

TEST_CASE("email_person leaves out role mailboxes") {
  for (std::string_view text : {"info@northwind.org", "HR@northwind.org", "noreply@northwind.org",
                                "itservicedesk@northwind.org", "privacy@northwind.org"}) {
    CAPTURE(text);
    CHECK(v::email(text));
    CHECK_FALSE(v::email_person(text));
  }
  CHECK(v::email_person("d.okafor@northwind.org"));
  CHECK(v::email_person("info.desk.jane@northwind.org"));  // a person's name next to a role word
  CHECK_FALSE(v::email_person("jane@example.com"));
}

TEST_CASE("find returns the named validator and nullptr for unknown names") {
  const v::Entry* ssn = v::find("ssn");
  REQUIRE(ssn != nullptr);
  CHECK(ssn->name == "ssn");
  CHECK(ssn->check("234-56-7890"));
  CHECK_FALSE(ssn->check("219-09-9999"));
  CHECK(v::find("nope") == nullptr);
  CHECK(v::find("") == nullptr);
  CHECK(v::find("SSN") == nullptr);
  CHECK(v::find("us_passport") == nullptr);
}

TEST_CASE("all lists every validator exactly once, each findable with a reason") {
  const std::set<std::string_view> expected = {
      "ssn",   "luhn",  "npi",  "mbi",         "dea",        "vin",             "aba",
      "nanp",  "imei",  "ipv4", "ipv6",        "date",       "zip",             "age_over_89",
      "email", "identifier", "drivers_license", "license_plate", "udi", "ipv4_public", "city_state_zip",
      "zip3_restricted", "email_person", "date_of_person"};
  std::set<std::string_view> seen;
  for (const v::Entry& entry : v::all()) {
    CAPTURE(entry.name);
    CHECK(seen.insert(entry.name).second);
    const bool has_check = entry.check != nullptr;
    CHECK(has_check);
    CHECK_FALSE(entry.passed.empty());
    CHECK(v::find(entry.name) == &entry);
  }
  CHECK(seen == expected);
  CHECK(v::all().size() == expected.size());
}

TEST_CASE("registered checks are the validators they are named after") {
  CHECK(v::find("luhn")->check(card("51", 16)));
  CHECK(v::find("npi")->check(npi_from("123456780")));
  CHECK(v::find("mbi")->check("3RK7-WF2-HN48"));
  CHECK(v::find("dea")->check("AB1234563"));
  CHECK(v::find("aba")->check(aba_from("02100003")));
  CHECK(v::find("nanp")->check("(212) 555-0187"));
  CHECK(v::find("imei")->check(with_luhn_digit("35209900176148")));
  CHECK(v::find("ipv4")->check("8.8.4.4"));
  CHECK(v::find("ipv6")->check("2001:db8::1"));
  CHECK(v::find("date")->check("March 4, 1961"));
  CHECK(v::find("date_of_person")->check("March 4, 1961"));
  CHECK(v::find("zip")->check("12345"));
  CHECK(v::find("age_over_89")->check("93-year-old"));
  CHECK(v::find("email")->check("jane.doe@northwind.org"));
  CHECK(v::find("email_person")->check("jane.doe@northwind.org"));
  CHECK(v::find("vin")->check(vin_with_check(std::string(synthetic_vin))));
  CHECK(v::find("identifier")->check("MR-7731045"));
  CHECK(v::find("drivers_license")->check("D1234568"));
  CHECK(v::find("license_plate")->check("7ABC123"));
  CHECK(v::find("udi")->check(udi_from("0061414100003", "(21)SN4471")));
  CHECK(v::find("ipv4_public")->check("73.164.22.9"));
  CHECK(v::find("city_state_zip")->check("Salem, OR 97301"));
  CHECK(v::find("zip3_restricted")->check("03601"));
}

}  // TEST_SUITE
