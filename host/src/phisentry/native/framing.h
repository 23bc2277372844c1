#pragma once
// Native-messaging framing: a 4-byte length in native byte order (the UTF-8 byte count), then the
// message. The same for Chromium-family browsers and Firefox, in both directions.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace phisentry::native {

// Fixed by the browsers: one byte more and they drop the port and kill the host.
inline constexpr std::size_t kMaxReplyBytes = 1024 * 1024;
inline constexpr std::size_t kDefaultMaxRequestBytes = 16 * 1024 * 1024;

// Reads up to `size` bytes into `buffer`; returns how many (0 = end of input). Throws on I/O errors.
using ReadFn = std::function<std::size_t(char* buffer, std::size_t size)>;
// Writes all `size` bytes or throws.
using WriteFn = std::function<void(const char* data, std::size_t size)>;

enum class FrameStatus {
  ok,         // `payload` holds one whole message
  too_large,  // the declared length exceeded the limit; the bytes were read and dropped
  end,        // input ended cleanly between frames
  cut_short,  // input ended inside a frame
};

struct Frame {
  FrameStatus status = FrameStatus::end;
  std::uint64_t declared_length = 0;
  std::string payload;
};

class FrameReader {
 public:
  FrameReader(ReadFn read, std::size_t max_request_bytes)
      : read_(std::move(read)), max_request_bytes_(max_request_bytes) {}
  Frame next();

 private:
  // Fills `size` bytes; returns how many arrived before end of input.
  std::size_t read_fully(char* buffer, std::size_t size);
  // Reads and drops `size` bytes; false when input ended first.
  bool skip(std::uint64_t size);

  ReadFn read_;
  std::size_t max_request_bytes_;
};

class FrameWriter {
 public:
  explicit FrameWriter(WriteFn write) : write_(std::move(write)) {}
  // The caller keeps replies under kMaxReplyBytes; a larger one is a bug and throws.
  void write(std::string_view message);

 private:
  WriteFn write_;
};

// Byte streams over file descriptors, retrying on EINTR. On Windows they also switch the standard
// streams to binary mode, so no byte of a length prefix is translated.
ReadFn fd_reader(int fd);
WriteFn fd_writer(int fd);
void prepare_standard_streams();

}  // namespace phisentry::native
