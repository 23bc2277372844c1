#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "phisentry/native/framing.h"

using namespace phisentry::native;

namespace {

std::string frame(std::string_view payload, std::uint32_t declared) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &declared, 4);
  out += payload;
  return out;
}
std::string frame(std::string_view payload) { return frame(payload, static_cast<std::uint32_t>(payload.size())); }

// Delivers `input` at most `chunk` bytes per read, as a pipe may.
ReadFn reader_over(std::string input, std::size_t chunk) {
  auto data = std::make_shared<std::string>(std::move(input));
  auto position = std::make_shared<std::size_t>(0);
  return [=](char* buffer, std::size_t size) -> std::size_t {
    const std::size_t n = std::min({size, chunk, data->size() - *position});
    std::memcpy(buffer, data->data() + *position, n);
    *position += n;
    return n;
  };
}

}  // namespace

TEST_CASE("frames arrive whole even when every read returns one byte") {
  FrameReader reader(reader_over(frame("{\"a\":1}") + frame("\xC3\xA9"), 1), 1024);
  Frame first = reader.next();
  CHECK(first.status == FrameStatus::ok);
  CHECK(first.payload == "{\"a\":1}");
  Frame second = reader.next();
  CHECK(second.status == FrameStatus::ok);
  CHECK(second.payload == "\xC3\xA9");  // the length counts UTF-8 bytes
  CHECK(reader.next().status == FrameStatus::end);
}

TEST_CASE("a zero-length frame is a frame with an empty payload") {
  FrameReader reader(reader_over(frame(""), 4096), 1024);
  Frame f = reader.next();
  CHECK(f.status == FrameStatus::ok);
  CHECK(f.payload.empty());
}

TEST_CASE("an oversized frame is read and dropped, and the next frame is read normally") {
  const std::string big(5000, 'x');
  FrameReader reader(reader_over(frame(big) + frame("next"), 333), 1024);
  Frame dropped = reader.next();
  CHECK(dropped.status == FrameStatus::too_large);
  CHECK(dropped.declared_length == 5000);
  Frame next = reader.next();
  CHECK(next.status == FrameStatus::ok);
  CHECK(next.payload == "next");
}

TEST_CASE("input that ends inside a frame is reported as cut short") {
  SUBCASE("inside the length") {
    FrameReader reader(reader_over(std::string("\x05\x00", 2), 4096), 1024);
    CHECK(reader.next().status == FrameStatus::cut_short);
  }
  SUBCASE("inside the payload") {
    FrameReader reader(reader_over(frame("abc", 10), 4096), 1024);
    CHECK(reader.next().status == FrameStatus::cut_short);
  }
  SUBCASE("inside an oversized payload being dropped (a 4 GiB prefix)") {
    FrameReader reader(reader_over(frame("abc", 0xFFFFFFFFU), 4096), 1024);
    CHECK(reader.next().status == FrameStatus::cut_short);
  }
}

TEST_CASE("a reply of exactly 1 MiB is written; one byte more is refused") {
  std::string written;
  FrameWriter writer([&](const char* data, std::size_t size) { written.append(data, size); });
  writer.write(std::string(kMaxReplyBytes, 'a'));
  REQUIRE(written.size() == kMaxReplyBytes + 4);
  std::uint32_t length = 0;
  std::memcpy(&length, written.data(), 4);
  CHECK(length == kMaxReplyBytes);
  CHECK_THROWS_AS(writer.write(std::string(kMaxReplyBytes + 1, 'a')), std::logic_error);
}
