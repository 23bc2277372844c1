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

class DatabaseCache {
 public:
  DatabaseCache(std::filesystem::path dir, std::string_view pack_hash);

  std::optional<std::string> load() const;
  // Written to a temporary file and renamed, so a reader never sees half a cache. Failures are
  // logged and ignored: the cache only saves time.
  void store(std::string_view blob) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace phisentry::scan
