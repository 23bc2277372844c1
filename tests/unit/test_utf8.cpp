#include <doctest/doctest.h>

#include "phisentry/text/utf8.h"

using namespace phisentry::text;

TEST_CASE("valid UTF-8 is accepted, every kind of invalid sequence is found") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("Jos\xC3\xA9 N\xC3\xBA\xC3\xB1\x65z"));   // José Núñez
  CHECK(is_valid_utf8("\xE6\x82\xA3\xE8\x80\x85"));             // 患者
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));                     // 😀
  CHECK(find_invalid_utf8("ab\xC0\xAF") == 2);                  // overlong '/'
  CHECK(find_invalid_utf8("ab\xE0\x80\xAF") == 2);              // overlong 3-byte
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);                // UTF-16 surrogate D800
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);            // past U+10FFFF
  CHECK(find_invalid_utf8("x\xC3") == 1);                       // cut short
  CHECK(find_invalid_utf8("x\x80y") == 1);                      // lone continuation
  CHECK(find_invalid_utf8("\xFF") == 0);
}

TEST_CASE("repair replaces each maximal invalid subpart with one U+FFFD") {
  const Repaired r = repair_utf8("a\xF0\x9F\x98" "b\xFF" "c");  // truncated emoji, then a stray byte
  CHECK(r.text == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  CHECK(r.replacements == 2);
  CHECK(repair_utf8("fine \xC3\xA9").replacements == 0);
  std::size_t replaced = 0;
  const Utf8Text text = Utf8Text::repair("\xC0\xAF", &replaced);
  CHECK(replaced == 2);  // C0 can never start a sequence: each byte is its own subpart
  CHECK(is_valid_utf8(text.view()));
}

TEST_CASE("Utf8Text::validate refuses invalid bytes and keeps valid ones without copying") {
  Utf8Text text;
  CHECK_FALSE(Utf8Text::validate("bad \xFF", text));
  const std::string source = "ok \xC3\xA9";
  REQUIRE(Utf8Text::validate(source, text));
  CHECK(text.view().data() == source.data());
}

TEST_CASE("byte offsets become UTF-16 code units: accents, CJK and emoji") {
  // "é" is 2 bytes / 1 unit, "患" 3 bytes / 1 unit, "😀" 4 bytes / 2 units.
  const std::string text = "\xC3\xA9|\xE6\x82\xA3|\xF0\x9F\x98\x80|z";
  Utf16Cursor cursor(text);
  CHECK(cursor.advance_to(0) == 0);
  CHECK(cursor.advance_to(2) == 1);   // after é
  CHECK(cursor.advance_to(3) == 2);   // after |
  CHECK(cursor.advance_to(6) == 3);   // after 患
  CHECK(cursor.advance_to(7) == 4);
  CHECK(cursor.advance_to(11) == 6);  // after 😀: a surrogate pair
  CHECK(cursor.advance_to(13) == 8);
  CHECK(cursor.advance_to(999) == 8);  // clamps to the end
}

TEST_CASE("an offset inside a code point snaps to the start of that code point") {
  const std::string text = "a\xF0\x9F\x98\x80";
  Utf16Cursor cursor(text);
  CHECK(cursor.advance_to(3) == 1);
  CHECK(cursor.advance_to(5) == 3);
}
