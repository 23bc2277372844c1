#pragma once
// Named checks a rule's candidate match must pass before it becomes a finding.
// Each takes the text exactly as matched in the page (with its separators) and answers
// whether it is a well-formed identifier of that kind. They run on the scan path for every
// candidate, so they are pure, allocation-free, exception-free and linear in the match length.

#include <span>
#include <string_view>

namespace phisentry::validators {

// A validator accepts the matched text as found in the page (with separators).
using Validator = bool (*)(std::string_view match);

// passed: short phrase for a finding's "why", e.g. "SSA-valid number". Never holds matched text.
struct Entry {
  std::string_view name;
  Validator check;
  std::string_view passed;
};

// nullptr when no validator has that name (names are case-sensitive, as in rule files).
const Entry* find(std::string_view name) noexcept;
// Every registered validator, for `phisentry rules check` and docs.
std::span<const Entry> all() noexcept;

// The registered validators, one per rule-file name.

// 123-45-6789 / 123 45 6789 / 123.45.6789 / 123456789; SSA-assignable area, group, serial; not a
// published sample number.
bool ssn(std::string_view match) noexcept;
// Payment card: 13-19 digits in groups split by one kind of separator (space or dash), Luhn-valid,
// with a known issuer prefix and a length that issuer uses; not a published test card number.
bool luhn(std::string_view match) noexcept;
// National Provider Identifier: 10 digits starting 1 or 2, Luhn over "80840" + the 10 digits; not
// CMS's worked example.
bool npi(std::string_view match) noexcept;
// Medicare Beneficiary Identifier: C A AN N A AN N A A N N, dashes optional as 4-3-4, any case; not
// the example CMS prints in the format specification.
bool mbi(std::string_view match) noexcept;
// DEA registration number: registrant letter, letter, 6 digits and a check digit.
bool dea(std::string_view match) noexcept;
// Vehicle identification number with a correct position-9 check digit.
bool vin(std::string_view match) noexcept;
// ABA routing number: 3-7-1 weighted checksum and a Federal Reserve prefix.
bool aba(std::string_view match) noexcept;
// North American phone number in a common layout, optional +1 and extension; not one digit repeated
// ("555-555-5555").
bool nanp(std::string_view match) noexcept;
// IMEI: 15 digits (grouped by one kind of separator allowed), Luhn-valid.
bool imei(std::string_view match) noexcept;
// Dotted-quad IPv4 address other than 0.0.0.0 and 255.255.255.255.
bool ipv4(std::string_view match) noexcept;
// RFC 4291 text form of an IPv6 address other than the unspecified and loopback addresses.
bool ipv6(std::string_view match) noexcept;
// A real calendar date in one of the common US/ISO/textual layouts, with or without the year for
// month names ("Mar. 4", "4 March") and as compact YYYYMMDD (see validators.cpp).
bool date(std::string_view match) noexcept;
// A date that can be a person's: a real date other than the 1/1/1900 "unknown" placeholder.
bool date_of_person(std::string_view match) noexcept;
// 5-digit ZIP or ZIP+4, not in the unused 000 prefix.
bool zip(std::string_view match) noexcept;
// The one number in an age phrase ("93-year-old", "age 93") is 90 to 125.
bool age_over_89(std::string_view match) noexcept;
// A plausible email address (RFC 5321 lengths, dot-atom local part, DNS-style domain) outside the
// domains reserved for documentation and tests (example.com, *.test ...).
bool email(std::string_view match) noexcept;
// An email address of a person: not a role mailbox such as info@, support@ or noreply@.
bool email_person(std::string_view match) noexcept;
// The value after an identifier keyword (MRN, account, member, serial ...): letters and digits,
// groups joined by single ' ', '-', '.' or '/'; at least 3 characters, one a digit; not a mask
// ("XXX"), a run of one character ("00000000") or a digit staircase ("123456").
bool identifier(std::string_view match) noexcept;
// An identifier in a shape some US state uses for driver's licence numbers (separators ignored).
bool drivers_license(std::string_view match) noexcept;
// A licence plate: 2 to 8 letters and digits (one separator allowed), at least one digit; an
// all-digit plate needs 5 digits, since shorter runs are years and counts.
bool license_plate(std::string_view match) noexcept;
// GS1 UDI in human-readable form: "(01)" + GTIN-14 with a valid check digit, then (11)/(17) dates
// and (10) lot / (21) serial elements, at least one lot or serial.
bool udi(std::string_view match) noexcept;
// A valid IPv4 address outside the private and special-purpose blocks.
bool ipv4_public(std::string_view match) noexcept;
// Text ending "ST 12345" or "ST 12345-6789" where the ZIP's prefix belongs to that USPS state code.
bool city_state_zip(std::string_view match) noexcept;

// Helpers for rules and context decisions.

// Luhn checksum over a digits-only string (false for empty or non-digit input).
bool luhn_checksum(std::string_view digits) noexcept;
// A valid NANP number in the 555-0100..555-0199 range reserved for fiction.
bool nanp_fictional(std::string_view match) noexcept;
// A valid IPv4 address in a private, shared, loopback, link-local, documentation, benchmarking,
// multicast or other reserved block: in IT pages such addresses are not a patient's.
bool ipv4_private_or_reserved(std::string_view match) noexcept;
// The ZIP's first three digits are a prefix HIPAA Safe Harbor requires to be replaced by 000
// (population 20,000 or less). Takes a bare ZIP-3, a ZIP or a ZIP+4. Also registered as a validator.
bool zip3_restricted(std::string_view zip) noexcept;

}  // namespace phisentry::validators
