#include <algorithm>
#include <array>
#include <fstream>

#include <sodium.h>

#include "phisentry/rules/rule.h"

namespace phisentry::rules {
namespace fs = std::filesystem;
namespace {

// The files that decide what a pack detects: rule files and dictionaries. Documentation and build
// files may differ between a source tree and an installed pack without changing the hash.
bool is_pack_content(const fs::path& relative) {
  const std::string top = relative.begin()->string();
  if (relative.extension() == ".json") return true;
  return top == "dictionaries" && relative.extension() == ".txt";
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4U];
    out += kDigits[bytes[i] & 0xFU];
  }
  return out;
}

}  // namespace

std::vector<fs::path> pack_content_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    fs::path relative = entry.path().lexically_relative(dir);
    if (is_pack_content(relative)) files.push_back(std::move(relative));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string hash_pack_files(const fs::path& dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const std::vector<fs::path> files = pack_content_files(dir);
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  std::array<char, 64 * 1024> buffer{};
  for (const fs::path& relative : files) {
    const std::string name = relative.generic_string();
    // Length-prefixed name, then content and its length: no two packs share a byte stream.
    const std::uint64_t name_size = name.size();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&name_size), sizeof name_size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(name.data()), name.size());
    std::ifstream in(dir / relative, std::ios::binary);
    std::uint64_t content_size = 0;
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
      const auto got = static_cast<std::size_t>(in.gcount());
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()), got);
      content_size += got;
    }
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&content_size), sizeof content_size);
  }
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return "blake2b-256:" + to_hex(digest.data(), digest.size());
}

}  // namespace phisentry::rules
