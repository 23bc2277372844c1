#include "phisentry/scan/table_layout.h"

#include <algorithm>
#include <array>

namespace phisentry::scan {
namespace {

struct Span {
  std::uint32_t start;
  std::uint32_t end;
  bool empty() const { return start == end; }
};

// Pipes first: a Markdown row may hold a semicolon in a cell, a semicolon list rarely holds a pipe.
constexpr std::array<char, 3> kDelimiters{'|', '\t', ';'};
// A header is a short line; a longer one is prose or data, and bounds the context a row may borrow.
constexpr std::uint32_t kLongestHeader = 2048;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

Span trimmed(std::string_view text, Span span, char delimiter) {
  const auto blank = [&](char c) { return is_space(c) && c != delimiter; };
  while (span.start < span.end && blank(text[span.start])) ++span.start;
  while (span.end > span.start && blank(text[span.end - 1])) --span.end;
  return span;
}

// "|---|:--:|" between a Markdown header and its body: part of the table, but no cells.
bool is_markdown_rule(std::string_view line) {
  return line.find('-') != std::string_view::npos && line.find_first_not_of("|-: \t\r") == std::string_view::npos;
}

// The cells of a line split at `delimiter`, trimmed, empty ones kept so columns stay aligned. A
// Jira header ("||Rm||Patient||") is split at double pipes; a leading or trailing pipe opens or closes
// the row rather than adding an empty cell.
void split_cells(std::string_view text, Span line, char delimiter, std::vector<Span>& cells) {
  cells.clear();
  const Span content = trimmed(text, line, delimiter);
  const std::string_view body = text.substr(content.start, content.end - content.start);
  const bool jira_header = delimiter == '|' && body.starts_with("||");
  const std::string_view separator = jira_header ? "||" : std::string_view(&delimiter, 1);
  std::uint32_t from = content.start;
  while (true) {
    const std::size_t at = text.substr(0, content.end).find(separator, from);
    const std::uint32_t to = at == std::string_view::npos ? content.end : static_cast<std::uint32_t>(at);
    cells.push_back(trimmed(text, {from, to}, delimiter));
    if (at == std::string_view::npos) break;
    from = to + static_cast<std::uint32_t>(separator.size());
  }
  if (delimiter != '|') return;  // a leading tab is an empty first cell
  if (body.starts_with(separator) && !cells.empty() && cells.front().empty()) cells.erase(cells.begin());
  if (body.size() > separator.size() && body.ends_with(separator) && !cells.empty() && cells.back().empty()) {
    cells.pop_back();
  }
}

// The delimiter that splits the line into the most cells (at least two), or 0 when none does.
char delimiter_of(std::string_view text, Span line, std::vector<Span>& scratch) {
  char best = 0;
  std::size_t best_cells = 1;
  for (const char delimiter : kDelimiters) {
    if (text.substr(line.start, line.end - line.start).find(delimiter) == std::string_view::npos) continue;
    split_cells(text, line, delimiter, scratch);
    if (scratch.size() > best_cells) {
      best = delimiter;
      best_cells = scratch.size();
    }
  }
  return best;
}

// Fixed-width tables (a report pasted as text) have no delimiter: their columns are runs of text
// parted by two or more spaces, and a body cell belongs to the header cell that starts in the same
// column. This marks such a table in TableReader::delimiter_.
constexpr char kAligned = ' ';
// Fewer header cells than this is more likely prose with a double space after a full stop.
constexpr std::size_t kLeastAlignedColumns = 3;

// The runs of a line that two or more spaces part ("Bay 4    Okafor, Ann    93").
void split_aligned(std::string_view text, Span line, std::vector<Span>& cells) {
  cells.clear();
  std::uint32_t i = line.start;
  while (i < line.end) {
    while (i < line.end && is_space(text[i])) ++i;
    if (i >= line.end) break;
    const std::uint32_t start = i;
    std::uint32_t end = i;
    while (i < line.end) {
      if (text[i] == '\t' || (text[i] == ' ' && i + 1 < line.end && is_space(text[i + 1]))) break;
      if (text[i] != ' ' && text[i] != '\r') end = i + 1;
      ++i;
    }
    cells.push_back({start, end});
  }
}

// The display column of `at` in a line: code points, not bytes ("Zoë" pads like "Zoe").
std::uint32_t column_of(std::string_view text, std::uint32_t line_start, std::uint32_t at) {
  std::uint32_t column = 0;
  for (std::uint32_t i = line_start; i < at; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U;
  return column;
}

class TableReader {
 public:
  TableReader(std::string_view text, std::vector<HeaderLink>& out) : text_(text), out_(out) {}

  void read_line(Span line) {
    const std::string_view content = text_.substr(line.start, line.end - line.start);
    if (delimiter_ == kAligned) {
      if (aligned_row(line)) return link_row();
      return start_table(line);
    }
    if (delimiter_ != 0 && is_markdown_rule(content)) return;
    if (delimiter_ != 0 && content.find(delimiter_) != std::string_view::npos) {
      split_cells(text_, line, delimiter_, cells_);
      if (cells_.size() >= 2) return link_row();
    }
    start_table(line);
  }

 private:
  void start_table(Span line) {
    delimiter_ = line.end - line.start <= kLongestHeader ? delimiter_of(text_, line, cells_) : 0;
    if (delimiter_ == 0) return start_aligned_table(line);
    split_cells(text_, line, delimiter_, header_cells_);
    header_line_ = trimmed(text_, line, 0);
  }

  void start_aligned_table(Span line) {
    if (line.end - line.start > kLongestHeader) return;
    split_aligned(text_, line, header_cells_);
    if (header_cells_.size() < kLeastAlignedColumns) return;
    delimiter_ = kAligned;
    header_line_ = trimmed(text_, line, 0);
    header_columns_.clear();
    for (const Span& cell : header_cells_) header_columns_.push_back(column_of(text_, line.start, cell.start));
  }

  // Lays a fixed-width row's cells out under the header's columns; false when a cell starts where no
  // header cell does (the row is not part of this table).
  bool aligned_row(Span line) {
    split_aligned(text_, line, scratch_);
    if (scratch_.size() < 2) return false;
    cells_.assign(header_cells_.size(), Span{line.end, line.end});
    std::size_t column = 0;
    std::uint32_t from = line.start;
    std::uint32_t at = 0;  // display column of `from`
    for (const Span& cell : scratch_) {
      at += column_of(text_, from, cell.start);
      from = cell.start;
      while (column < header_columns_.size() && header_columns_[column] < at) ++column;
      if (column == header_columns_.size() || header_columns_[column] != at) return false;
      cells_[column] = cell;
    }
    return true;
  }

  void link_row() {
    const auto first = std::find_if(cells_.begin(), cells_.end(), [](const Span& cell) { return !cell.empty(); });
    if (first == cells_.end()) return;
    out_.push_back({header_line_.start, header_line_.end, first->start, cells_.back().end, HeaderLink::Kind::row});
    for (std::size_t column = 0; column < cells_.size() && column < header_cells_.size(); ++column) {
      const Span& cell = cells_[column];
      if (cell.empty() || header_cells_[column].empty()) continue;
      out_.push_back({header_cells_[column].start, header_cells_[column].end, cell.start, cell.end,
                      HeaderLink::Kind::column});
    }
  }

  std::string_view text_;
  std::vector<HeaderLink>& out_;
  char delimiter_ = 0;  // of the table being read (kAligned: fixed-width); 0 between tables
  Span header_line_{0, 0};
  std::vector<std::uint32_t> header_columns_;  // display columns where a fixed-width header's cells start
  std::vector<Span> scratch_;
  std::vector<Span> header_cells_;
  std::vector<Span> cells_;
};

}  // namespace

void link_table_headers(std::string_view text, std::vector<HeaderLink>& out) {
  TableReader reader(text, out);
  std::uint32_t start = 0;
  const auto size = static_cast<std::uint32_t>(text.size());
  while (start < size) {
    const std::size_t newline = text.find('\n', start);
    const std::uint32_t end = newline == std::string_view::npos ? size : static_cast<std::uint32_t>(newline);
    reader.read_line({start, end});
    start = end + 1;
  }
}

}  // namespace phisentry::scan
