#pragma once
// The Ed25519 key that signs audit checkpoints (libsodium). Created once per install (mode 0600),
// its public half next to it for `phisentry audit verify`.

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include <sodium.h>

namespace phisentry::audit {

class SigningKey {
 public:
  // Reads the secret key file, creating the pair (FILE and FILE.pub) when it does not exist.
  static SigningKey load_or_create(const std::filesystem::path& secret_file);
  ~SigningKey();
  SigningKey(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey& operator=(SigningKey&&) = delete;

  std::string sign(std::string_view message) const;  // base64 signature
  std::string key_id() const;                          // "ed25519:" + hex of the public key

 private:
  SigningKey() = default;
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_{};
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_{};
};

// Checks a base64 signature against a public key id ("ed25519:" + hex).
bool signature_valid(std::string_view key_id, std::string_view message, std::string_view signature_base64);

// Reads a public key file (written as the key id text). Throws std::runtime_error.
std::string read_public_key_id(const std::filesystem::path& public_file);

// ~/.config/phisentry/audit-signing.key (or under $XDG_CONFIG_HOME); $PHISENTRY_AUDIT_KEY replaces it.
std::filesystem::path default_signing_key_file();

// What a signature covers: a chain position, tagged with its purpose ("checkpoint" seals the records
// before it; "head" seals the newest record, so cutting records off the end shows).
std::string position_message(std::string_view purpose, std::uint64_t seq, std::string_view hash);

}  // namespace phisentry::audit
