#include "phisentry/audit/signing.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace phisentry::audit {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKeyIdPrefix = "ed25519:";

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::runtime_error key_error(const fs::path& file, const std::string& what) {
  return std::runtime_error("audit signing key " + file.string() + ": " + what);
}

std::string hex(const unsigned char* data, std::size_t size) {
  std::vector<char> text(size * 2 + 1);
  sodium_bin2hex(text.data(), text.size(), data, size);
  return std::string(text.data(), size * 2);
}

void write_public_file(const fs::path& file, const std::string& key_id) {
  std::ofstream out(file, std::ios::trunc);
  out << key_id << '\n';
  if (!out) throw key_error(file, "cannot write the public key");
}

// O_EXCL: a key another process just created is never overwritten.
bool create_pair(const fs::path& secret_file) {
  std::error_code ignored;
  fs::create_directories(secret_file.parent_path(), ignored);
  const int fd = ::open(secret_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw key_error(secret_file, std::string("cannot create: ") + std::strerror(errno));
  }
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
  crypto_sign_keypair(public_key.data(), secret_key.data());
  const bool written = ::write(fd, secret_key.data(), secret_key.size()) == static_cast<ssize_t>(secret_key.size());
  sodium_memzero(secret_key.data(), secret_key.size());
  ::close(fd);
  if (!written) throw key_error(secret_file, "cannot write");
  write_public_file(fs::path(secret_file.string() + ".pub"), std::string(kKeyIdPrefix) + hex(public_key.data(), public_key.size()));
  return true;
}

}  // namespace

SigningKey SigningKey::load_or_create(const fs::path& secret_file) {
  ensure_sodium();
  create_pair(secret_file);
  SigningKey key;
  const int fd = ::open(secret_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw key_error(secret_file, std::string("cannot open: ") + std::strerror(errno));
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES + 1> buffer{};
  const ssize_t got = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(crypto_sign_SECRETKEYBYTES)) throw key_error(secret_file, "has the wrong size");
  std::memcpy(key.secret_.data(), buffer.data(), key.secret_.size());
  sodium_memzero(buffer.data(), buffer.size());
  crypto_sign_ed25519_sk_to_pk(key.public_.data(), key.secret_.data());
  return key;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

SigningKey::SigningKey(SigningKey&& other) noexcept : secret_(other.secret_), public_(other.public_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

std::string SigningKey::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  std::vector<char> text(sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(text.data(), text.size(), signature.data(), signature.size(), sodium_base64_VARIANT_ORIGINAL);
  return text.data();
}

std::string SigningKey::key_id() const { return std::string(kKeyIdPrefix) + hex(public_.data(), public_.size()); }

bool signature_valid(std::string_view key_id, std::string_view message, std::string_view signature_base64) {
  ensure_sodium();
  if (!key_id.starts_with(kKeyIdPrefix)) return false;
  key_id.remove_prefix(kKeyIdPrefix.size());
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::size_t key_length = 0;
  if (sodium_hex2bin(public_key.data(), public_key.size(), key_id.data(), key_id.size(), nullptr, &key_length, nullptr) != 0 ||
      key_length != public_key.size()) {
    return false;
  }
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  std::size_t signature_length = 0;
  if (sodium_base642bin(signature.data(), signature.size(), signature_base64.data(), signature_base64.size(), nullptr,
                        &signature_length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      signature_length != signature.size()) {
    return false;
  }
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

std::string read_public_key_id(const fs::path& public_file) {
  std::ifstream in(public_file);
  std::string key_id;
  if (!(in >> key_id) || !key_id.starts_with(kKeyIdPrefix)) throw key_error(public_file, "is not a PHI Sentry public key");
  return key_id;
}

fs::path default_signing_key_file() {
  if (const char* file = std::getenv("PHISENTRY_AUDIT_KEY"); file != nullptr && *file != '\0') return file;
  const char* config = std::getenv("XDG_CONFIG_HOME");
  if (config != nullptr && *config == '/') return fs::path(config) / "phisentry" / "audit-signing.key";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw std::runtime_error("HOME is not set: cannot find the audit signing key");
  return fs::path(home) / ".config" / "phisentry" / "audit-signing.key";
}

std::string position_message(std::string_view purpose, std::uint64_t seq, std::string_view hash) {
  return "phisentry-audit-" + std::string(purpose) + "\n" + std::to_string(seq) + "\n" + std::string(hash);
}

}  // namespace phisentry::audit
