#include "phisentry/scan/database_cache.h"

#include <hs/hs.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

std::shared_ptr<const MappedFile> MappedFile::open(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat status {};
  void* data = MAP_FAILED;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
    data = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (data == MAP_FAILED) return nullptr;
  return std::shared_ptr<const MappedFile>(new MappedFile(data, static_cast<std::size_t>(status.st_size)));
}

MappedFile::~MappedFile() { ::munmap(data_, size_); }

std::shared_ptr<const MappedFile> DatabaseCache::load() const {
  if (path_.empty()) return nullptr;
  return MappedFile::open(path_);
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
