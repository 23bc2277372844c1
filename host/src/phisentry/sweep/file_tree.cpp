#include "phisentry/sweep/file_tree.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "phisentry/sweep/archive.h"

namespace phisentry::sweep {
namespace fs = std::filesystem;
namespace {

class ZipStream : public ByteStream {
 public:
  explicit ZipStream(std::unique_ptr<ZipArchive::Stream> stream) : stream_(std::move(stream)) {}
  std::size_t read(char* buffer, std::size_t size) override { return stream_->read(buffer, size); }

 private:
  std::unique_ptr<ZipArchive::Stream> stream_;
};

class ZipTree : public FileTree {
 public:
  explicit ZipTree(const fs::path& path) : path_(path), archive_(path) {
    for (const ZipArchive::Entry& entry : archive_.entries()) {
      if (entry.name.empty() || entry.name.back() == '/') continue;
      by_name_.emplace(entry.name, entry);
      names_.push_back(entry.name);
    }
    std::sort(names_.begin(), names_.end());
  }
  const std::vector<std::string>& names() const override { return names_; }
  std::string read(const std::string& name) const override { return archive_.read(entry(name)); }
  std::unique_ptr<ByteStream> stream(const std::string& name) const override {
    return std::make_unique<ZipStream>(archive_.open(entry(name)));
  }
  std::string location(const std::string& name) const override { return path_.string() + "!" + name; }

 private:
  const ZipArchive::Entry& entry(const std::string& name) const {
    const auto found = by_name_.find(name);
    if (found == by_name_.end()) throw std::runtime_error(name + ": not in the archive");
    return found->second;
  }
  fs::path path_;
  ZipArchive archive_;
  std::map<std::string, ZipArchive::Entry> by_name_;
  std::vector<std::string> names_;
};

class FileStream : public ByteStream {
 public:
  explicit FileStream(const fs::path& path) : in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error(path.string() + ": cannot open");
  }
  std::size_t read(char* buffer, std::size_t size) override {
    in_.read(buffer, static_cast<std::streamsize>(size));
    if (in_.bad()) throw std::runtime_error("read error");
    return static_cast<std::size_t>(in_.gcount());
  }

 private:
  std::ifstream in_;
};

class FolderTree : public FileTree {
 public:
  explicit FolderTree(const fs::path& root) : root_(root) {
    for (const auto& item : fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied)) {
      if (item.is_regular_file()) names_.push_back(fs::relative(item.path(), root).generic_string());
    }
    std::sort(names_.begin(), names_.end());
  }
  const std::vector<std::string>& names() const override { return names_; }
  std::string read(const std::string& name) const override {
    FileStream in(root_ / name);
    std::string content;
    char buffer[1 << 16];
    for (std::size_t got; (got = in.read(buffer, sizeof buffer)) > 0;) content.append(buffer, got);
    return content;
  }
  std::unique_ptr<ByteStream> stream(const std::string& name) const override {
    return std::make_unique<FileStream>(root_ / name);
  }
  std::string location(const std::string& name) const override { return (root_ / name).string(); }

 private:
  fs::path root_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<FileTree> open_zip_tree(const fs::path& zip) { return std::make_unique<ZipTree>(zip); }
std::unique_ptr<FileTree> open_folder_tree(const fs::path& folder) { return std::make_unique<FolderTree>(folder); }

}  // namespace phisentry::sweep
