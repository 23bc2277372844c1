#pragma once
// Keyed hashes of matched values (BLAKE2b with a secret key, libsodium crypto_generichash): the same
// value on two pages gets the same hash, so IT can see that pages share a patient's identifier, yet
// the report never holds the value, and without the key nobody can test guesses against it.

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace phisentry::crypto {

class ValueHasher {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the key file, creating it (mode 0600) with a new random key when it does not exist.
  // Throws std::runtime_error when it cannot be read or has the wrong size.
  static ValueHasher from_key_file(const std::filesystem::path& key_file);
  explicit ValueHasher(const std::array<unsigned char, kKeyBytes>& key);

  // "b2:" and 32 hex digits (128 bits) of the keyed hash of the value's canonical form.
  std::string hash(std::string_view category, std::string_view value) const;

 private:
  std::array<unsigned char, kKeyBytes> key_;
};

// ~/.config/phisentry/sweep-hash.key (or under $XDG_CONFIG_HOME).
std::filesystem::path default_key_file();

// The form that is hashed: letters lower-cased, separators (spaces, dashes, dots, slashes, brackets)
// dropped, so "512-44-6789" and "512 44 6789" are the same value.
std::string canonical_value(std::string_view value);

}  // namespace phisentry::crypto
