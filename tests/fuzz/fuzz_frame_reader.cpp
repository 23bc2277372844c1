// Frame reader on arbitrary byte streams delivered in arbitrary chunk sizes: every frame it returns
// honours the limit and the declared length, and it always reaches the end of input.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "phisentry/native/framing.h"

namespace {

constexpr std::size_t kLimit = 4096;  // small, so too_large and skip() are reached often

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the largest read() the stream returns, so short reads are exercised too.
  const std::size_t max_chunk = 1 + data[0] % 16;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t position = 0;
  phisentry::native::FrameReader reader(
      [&](char* buffer, std::size_t wanted) {
        const std::size_t n = std::min({wanted, max_chunk, stream.size() - position});
        std::copy_n(stream.data() + position, n, buffer);
        position += n;
        return n;
      },
      kLimit);
  for (std::size_t frames = 0; frames <= stream.size(); ++frames) {
    const phisentry::native::Frame frame = reader.next();
    switch (frame.status) {
      case phisentry::native::FrameStatus::ok:
        require(frame.payload.size() == frame.declared_length && frame.declared_length <= kLimit);
        break;
      case phisentry::native::FrameStatus::too_large:
        require(frame.declared_length > kLimit && frame.payload.empty());
        break;
      case phisentry::native::FrameStatus::end:
      case phisentry::native::FrameStatus::cut_short:
        require(position == stream.size());
        return 0;
    }
  }
  std::abort();  // every frame consumes at least its 4-byte prefix, so the loop must have ended
}
