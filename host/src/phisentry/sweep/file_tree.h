#pragma once
// A tree of named files: a zip archive or a folder, read the same way by the export readers.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace phisentry::sweep {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Bytes read into `buffer`, 0 at the end; throws std::runtime_error on damaged data.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

class FileTree {
 public:
  virtual ~FileTree() = default;
  // Relative names with '/' separators, in a stable order; folders are not listed.
  virtual const std::vector<std::string>& names() const = 0;
  virtual std::string read(const std::string& name) const = 0;  // throws std::runtime_error
  virtual std::unique_ptr<ByteStream> stream(const std::string& name) const = 0;
  // How the file is named in reports: "export.zip!SPACE/page.html" or the file's path.
  virtual std::string location(const std::string& name) const = 0;
};

// Throws std::runtime_error when the archive cannot be opened (not a zip, truncated, damaged directory).
std::unique_ptr<FileTree> open_zip_tree(const std::filesystem::path& zip);
std::unique_ptr<FileTree> open_folder_tree(const std::filesystem::path& folder);

}  // namespace phisentry::sweep
