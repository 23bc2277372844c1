#pragma once
// A CSV export read with libcsv (RFC 4180 quoting, embedded newlines), first row as the header.

#include <filesystem>
#include <string>
#include <vector>

namespace phisentry::lists {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  // The index of a header cell (case-insensitive, trimmed); throws std::runtime_error when absent.
  std::size_t column(const std::string& name) const;
};

// Throws std::runtime_error on an unreadable file or malformed CSV (naming the file, never a cell).
CsvTable read_csv(const std::filesystem::path& file);

}  // namespace phisentry::lists
