#pragma once
// A read-only zip archive through libzip. Errors are std::runtime_error with libzip's own reason.

#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace phisentry::sweep {

class ZipArchive {
 public:
  explicit ZipArchive(const std::filesystem::path& path);  // throws when it is not a readable zip
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  struct Entry {
    std::uint64_t index;
    std::string name;
    std::uint64_t size;
  };
  const std::vector<Entry>& entries() const { return entries_; }

  // The whole entry, checked against its CRC. Throws on a damaged entry.
  std::string read(const Entry& entry) const;

  // Reads an entry in chunks (for entities.xml, which can be larger than memory allows).
  class Stream {
   public:
    Stream(zip_t* archive, const Entry& entry);
    ~Stream();
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    // Bytes read into `buffer`, 0 at the end; throws on a damaged entry.
    std::size_t read(char* buffer, std::size_t size);

   private:
    zip_file_t* file_;
    std::string name_;
  };
  std::unique_ptr<Stream> open(const Entry& entry) const { return std::make_unique<Stream>(archive_, entry); }

 private:
  zip_t* archive_ = nullptr;
  std::vector<Entry> entries_;
};

bool is_zip_file(const std::filesystem::path& path);

}  // namespace phisentry::sweep
