#include "phisentry/sweep/archive.h"

#include <fstream>
#include <stdexcept>

namespace phisentry::sweep {
namespace {

std::string zip_reason(zip_error_t* error) {
  std::string reason = zip_error_strerror(error);
  zip_error_fini(error);
  return reason;
}

std::string open_failure(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  return zip_reason(&error);
}

}  // namespace

ZipArchive::ZipArchive(const std::filesystem::path& path) {
  int code = 0;
  archive_ = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive_ == nullptr) throw std::runtime_error("not a readable zip archive: " + open_failure(code));
  const zip_int64_t count = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &stat) != 0) continue;
    if ((stat.valid & ZIP_STAT_NAME) == 0 || (stat.valid & ZIP_STAT_SIZE) == 0) continue;
    entries_.push_back({static_cast<std::uint64_t>(i), stat.name, stat.size});
  }
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

std::string ZipArchive::read(const Entry& entry) const {
  Stream stream(archive_, entry);
  std::string content;
  content.resize(entry.size);
  std::size_t filled = 0;
  while (filled < content.size()) {
    const std::size_t got = stream.read(content.data() + filled, content.size() - filled);
    if (got == 0) break;
    filled += got;
  }
  char extra = 0;
  if (filled != content.size() || stream.read(&extra, 1) != 0) {
    throw std::runtime_error(entry.name + ": size does not match the archive's directory");
  }
  return content;
}

ZipArchive::Stream::Stream(zip_t* archive, const Entry& entry)
    : file_(zip_fopen_index(archive, entry.index, 0)), name_(entry.name) {
  if (file_ == nullptr) throw std::runtime_error(name_ + ": cannot open: " + zip_strerror(archive));
}

ZipArchive::Stream::~Stream() { zip_fclose(file_); }

std::size_t ZipArchive::Stream::read(char* buffer, std::size_t size) {
  const zip_int64_t got = zip_fread(file_, buffer, size);
  if (got < 0) throw std::runtime_error(name_ + ": damaged entry: " + zip_file_strerror(file_));
  return static_cast<std::size_t>(got);
}

bool is_zip_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
         ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

}  // namespace phisentry::sweep
