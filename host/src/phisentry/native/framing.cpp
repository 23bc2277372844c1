#include "phisentry/native/framing.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <system_error>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <unistd.h>
#endif

namespace phisentry::native {

std::size_t FrameReader::read_fully(char* buffer, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const std::size_t n = read_(buffer + got, size - got);
    if (n == 0) break;
    got += n;
  }
  return got;
}

bool FrameReader::skip(std::uint64_t size) {
  std::array<char, 64 * 1024> sink{};
  while (size > 0) {
    const std::size_t chunk = size < sink.size() ? static_cast<std::size_t>(size) : sink.size();
    const std::size_t got = read_fully(sink.data(), chunk);
    if (got < chunk) return false;
    size -= chunk;
  }
  return true;
}

Frame FrameReader::next() {
  Frame frame;
  std::array<char, 4> prefix{};
  const std::size_t got = read_fully(prefix.data(), prefix.size());
  if (got == 0) return frame;  // status end
  if (got < prefix.size()) {
    frame.status = FrameStatus::cut_short;
    return frame;
  }
  std::uint32_t length = 0;
  std::memcpy(&length, prefix.data(), sizeof length);  // native byte order, as the browsers write it
  frame.declared_length = length;
  if (length > max_request_bytes_) {
    frame.status = skip(length) ? FrameStatus::too_large : FrameStatus::cut_short;
    return frame;
  }
  frame.payload.resize(length);
  if (read_fully(frame.payload.data(), length) < length) {
    frame.payload.clear();
    frame.status = FrameStatus::cut_short;
    return frame;
  }
  frame.status = FrameStatus::ok;
  return frame;
}

void FrameWriter::write(std::string_view message) {
  if (message.size() > kMaxReplyBytes) {
    throw std::logic_error("reply of " + std::to_string(message.size()) + " bytes exceeds the browser limit");
  }
  const auto length = static_cast<std::uint32_t>(message.size());
  std::array<char, 4> prefix{};
  std::memcpy(prefix.data(), &length, sizeof length);
  write_(prefix.data(), prefix.size());
  write_(message.data(), message.size());
}

#ifdef _WIN32
ReadFn fd_reader(int fd) {
  return [fd](char* buffer, std::size_t size) -> std::size_t {
    const int n = _read(fd, buffer, static_cast<unsigned>(size));
    if (n < 0) throw std::system_error(errno, std::generic_category(), "read");
    return static_cast<std::size_t>(n);
  };
}
WriteFn fd_writer(int fd) {
  return [fd](const char* data, std::size_t size) {
    while (size > 0) {
      const int n = _write(fd, data, static_cast<unsigned>(size));
      if (n < 0) throw std::system_error(errno, std::generic_category(), "write");
      data += n;
      size -= static_cast<std::size_t>(n);
    }
  };
}
void prepare_standard_streams() {
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
}
#else
ReadFn fd_reader(int fd) {
  return [fd](char* buffer, std::size_t size) -> std::size_t {
    for (;;) {
      const ssize_t n = ::read(fd, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "read");
    }
  };
}
WriteFn fd_writer(int fd) {
  return [fd](const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(fd, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw std::system_error(errno, std::generic_category(), "write");
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
  };
}
void prepare_standard_streams() {
  // A browser that closed the port must not kill us with SIGPIPE mid-write; the write error ends the loop.
  std::signal(SIGPIPE, SIG_IGN);
}
#endif

}  // namespace phisentry::native
