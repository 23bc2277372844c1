#include "phisentry/crypto/value_hasher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace phisentry::crypto {
namespace fs = std::filesystem;
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::runtime_error key_error(const fs::path& file, const std::string& what) {
  return std::runtime_error("hash key " + file.string() + ": " + what);
}

// O_EXCL: never overwrite a key another sweep just wrote; 0600: only its owner may read it.
bool create_key_file(const fs::path& file) {
  std::error_code ignored;
  fs::create_directories(file.parent_path(), ignored);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw key_error(file, std::string("cannot create: ") + std::strerror(errno));
  }
  std::array<unsigned char, ValueHasher::kKeyBytes> key{};
  crypto_generichash_keygen(key.data());
  const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  sodium_memzero(key.data(), key.size());
  ::close(fd);
  if (!written) throw key_error(file, "cannot write");
  return true;
}

std::array<unsigned char, ValueHasher::kKeyBytes> read_key(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw key_error(file, std::string("cannot open: ") + std::strerror(errno));
  std::array<unsigned char, ValueHasher::kKeyBytes + 1> buffer{};
  const ssize_t got = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(ValueHasher::kKeyBytes)) {
    throw key_error(file, "must hold exactly " + std::to_string(ValueHasher::kKeyBytes) + " bytes");
  }
  std::array<unsigned char, ValueHasher::kKeyBytes> key{};
  std::memcpy(key.data(), buffer.data(), key.size());
  sodium_memzero(buffer.data(), buffer.size());
  return key;
}

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '.' || c == '/' || c == '(' ||
         c == ')' || c == '[' || c == ']' || c == '_' || c == ',';
}

}  // namespace

ValueHasher ValueHasher::from_key_file(const fs::path& key_file) {
  ensure_sodium();
  create_key_file(key_file);
  return ValueHasher(read_key(key_file));
}

ValueHasher::ValueHasher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) { ensure_sodium(); }

std::string ValueHasher::hash(std::string_view category, std::string_view value) const {
  // The category is hashed too: the same digits as a phone and as an account are different values.
  const std::string message = std::string(category) + '\0' + canonical_value(value);
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), key_.data(), key_.size());
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return "b2:" + std::string(hex.data(), 32);
}

fs::path default_key_file() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  if (config != nullptr && *config == '/') return fs::path(config) / "phisentry" / "sweep-hash.key";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw std::runtime_error("HOME is not set: give --hash-key-file");
  return fs::path(home) / ".config" / "phisentry" / "sweep-hash.key";
}

std::string canonical_value(std::string_view value) {
  std::string canonical;
  canonical.reserve(value.size());
  for (char c : value) {
    if (is_separator(c)) continue;
    canonical += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return canonical;
}

}  // namespace phisentry::crypto
