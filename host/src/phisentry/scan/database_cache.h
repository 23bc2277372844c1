#pragma once
// Compiled databases cached on disk, keyed by the rule pack's hash and the Hyperscan version, so the
// host starts in milliseconds instead of recompiling dictionaries.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace phisentry::scan {

// $XDG_CACHE_HOME/phisentry, else ~/.cache/phisentry; empty when neither is known.
std::filesystem::path default_cache_dir();

// A cache file mapped read-only. Mapping instead of reading into a buffer spares start-up the
// zero-filling and copying of ~10 MB (a third of a cached start's CPU). Cache files are replaced by
// rename, never rewritten in place, so the mapped bytes stay as they were. Shared: what is read in
// place from it (the name index, the start-of-match databases) keeps it alive.
class MappedFile {
 public:
  // Null when the file cannot be opened or is empty.
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  void* data_;
  std::size_t size_;
};

class DatabaseCache {
 public:
  DatabaseCache(std::filesystem::path dir, std::string_view pack_hash);

  std::shared_ptr<const MappedFile> load() const;
  // Written to a temporary file and renamed, so a reader never sees half a cache. Failures are
  // logged and ignored: the cache only saves time.
  void store(std::string_view blob) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace phisentry::scan
