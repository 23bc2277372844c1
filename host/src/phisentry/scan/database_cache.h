#pragma once
// Compiled databases cached on disk, keyed by the rule pack's hash and the Hyperscan version, so the
// host starts in milliseconds instead of recompiling dictionaries.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace phisentry::scan {

// $XDG_CACHE_HOME/phisentry, else ~/.cache/phisentry; empty when neither is known.
std::filesystem::path default_cache_dir();

// A cache file mapped read-only. Mapping instead of reading into a buffer spares start-up the
// zero-filling and copying of ~10 MB (a third of a cached start's CPU). Cache files are replaced by
// rename, never rewritten in place, so the mapped bytes stay as they were.
class MappedFile {
 public:
  static std::optional<MappedFile> open(const std::filesystem::path& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  operator std::string_view() const { return bytes(); }  // NOLINT: a mapped file reads as its bytes

 private:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

class DatabaseCache {
 public:
  DatabaseCache(std::filesystem::path dir, std::string_view pack_hash);

  std::optional<MappedFile> load() const;
  // Written to a temporary file and renamed, so a reader never sees half a cache. Failures are
  // logged and ignored: the cache only saves time.
  void store(std::string_view blob) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace phisentry::scan
