#include "phisentry/scan/database_cache.h"

#include <hs/hs.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>

namespace phisentry::scan {
namespace fs = std::filesystem;

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "phisentry";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".cache" / "phisentry";
  }
  return {};
}

DatabaseCache::DatabaseCache(fs::path dir, std::string_view pack_hash) {
  // The key covers what makes a serialized database usable: the pack and the Hyperscan build.
  const std::string key_material = std::string(pack_hash) + "\n" + hs_version();
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(key_material.data()),
                     key_material.size(), nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  if (!dir.empty()) path_ = dir / (std::string(hex.data()) + ".hsdb");
}

std::optional<std::string> DatabaseCache::load() const {
  if (path_.empty()) return std::nullopt;
  std::ifstream in(path_, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  // One buffer of the file's size and one read: a growing string stream copied the ~10 MB of
  // databases and name index three times over and was a quarter of the start-up time.
  std::string blob(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(blob.data(), size)) return std::nullopt;
  return blob;
}

void DatabaseCache::store(std::string_view blob) const {
  if (path_.empty()) return;
  std::error_code ec;
  fs::create_directories(path_.parent_path(), ec);
  const fs::path temporary = path_.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!out) {
      spdlog::warn("could not write the database cache in {}", path_.parent_path().string());
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, path_, ec);
  if (ec) {
    spdlog::warn("could not store the database cache: {}", ec.message());
    fs::remove(temporary, ec);
  }
}

}  // namespace phisentry::scan
