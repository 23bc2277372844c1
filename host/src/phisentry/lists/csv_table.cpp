#include "phisentry/lists/csv_table.h"

#include <csv.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace phisentry::lists {
namespace {

std::string folded(std::string text) {
  const auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), space).base(), text.end());
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct Collector {
  std::vector<std::string> row;
  std::vector<std::vector<std::string>> rows;
};

void on_field(void* data, size_t size, void* context) {
  auto* collector = static_cast<Collector*>(context);
  if (data == nullptr) {
    collector->row.emplace_back();
  } else {
    collector->row.emplace_back(static_cast<const char*>(data), size);
  }
}

void on_row_end(int /*terminator*/, void* context) {
  auto* collector = static_cast<Collector*>(context);
  collector->rows.push_back(std::move(collector->row));
  collector->row.clear();
}

}  // namespace

std::size_t CsvTable::column(const std::string& name) const {
  const std::string wanted = folded(name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (folded(header[i]) == wanted) return i;
  }
  throw std::runtime_error("the CSV has no column '" + name + "'");
}

CsvTable read_csv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot be read");
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw std::runtime_error("libcsv failed to initialise");
  const std::unique_ptr<csv_parser, void (*)(csv_parser*)> cleanup(&parser, csv_free);
  Collector collector;
  std::array<char, 64 * 1024> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    const auto got = static_cast<size_t>(in.gcount());
    if (csv_parse(&parser, buffer.data(), got, on_field, on_row_end, &collector) != got) {
      throw std::runtime_error(file.string() + ": malformed CSV (" + csv_strerror(csv_error(&parser)) + ")");
    }
  }
  if (csv_fini(&parser, on_field, on_row_end, &collector) != 0) {
    throw std::runtime_error(file.string() + ": malformed CSV (" + csv_strerror(csv_error(&parser)) + ")");
  }
  CsvTable table;
  if (collector.rows.empty()) throw std::runtime_error(file.string() + ": empty CSV (a header row is needed)");
  table.header = std::move(collector.rows.front());
  table.rows.assign(std::make_move_iterator(collector.rows.begin() + 1), std::make_move_iterator(collector.rows.end()));
  return table;
}

}  // namespace phisentry::lists
