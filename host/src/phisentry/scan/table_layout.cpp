#include "phisentry/scan/table_layout.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

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

char folded(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The first letter of each word of `phrase`, upper case; with `skip_small` the joining words ("of",
// "and") are left out, as "medical record number" gives MRN but "date of birth" DOB.
std::string initials(std::string_view phrase, bool skip_small) {
  constexpr std::array<std::string_view, 8> kSmallWords{"of", "and", "the", "for", "to", "in", "on", "a"};
  std::string out;
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !is_letter(phrase[i])) ++i;
    const std::size_t start = i;
    while (i < phrase.size() && (is_letter(phrase[i]) || phrase[i] == '\'')) ++i;
    const std::string_view word = phrase.substr(start, i - start);
    if (word.empty()) break;
    const bool small = std::find(kSmallWords.begin(), kSmallWords.end(), word) != kSmallWords.end();
    if (!(skip_small && small)) out += folded(word.front());
  }
  return out;
}

// A glossary pasted as a table ("DOB | date of birth", "MRN | medical record number") has no header
// row: its first row is an abbreviation beside its expansion, not the column names of a patient list.
bool is_abbreviation_row(std::string_view text, const std::vector<Span>& cells) {
  if (cells.size() < 2) return false;
  std::string letters;
  for (const char c : text.substr(cells[0].start, cells[0].end - cells[0].start)) {
    if (is_letter(c)) letters += folded(c);
    else if (c != '.' && c != '/' && c != '&') return false;
  }
  if (letters.size() < 2 || letters.size() > 6) return false;
  const std::string_view expansion = text.substr(cells[1].start, cells[1].end - cells[1].start);
  return initials(expansion, false) == letters || initials(expansion, true) == letters;
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
    glossary_ = is_abbreviation_row(text_, header_cells_);
  }

  void start_aligned_table(Span line) {
    if (line.end - line.start > kLongestHeader) return;
    split_aligned(text_, line, header_cells_);
    if (header_cells_.size() < kLeastAlignedColumns) return;
    delimiter_ = kAligned;
    glossary_ = false;
    header_line_ = trimmed(text_, line, 0);
    header_columns_.clear();
    header_ends_.clear();
    for (const Span& cell : header_cells_) {
      header_columns_.push_back(column_of(text_, line.start, cell.start));
      header_ends_.push_back(column_of(text_, line.start, cell.end));
    }
  }

  // Lays a fixed-width row's cells out under the header's columns; false when a cell neither starts
  // where a header cell starts (give or take a column: hand-aligned text drifts) nor ends where one
  // ends (numbers are often right-aligned: "AGE" over " 91"): the row is not part of this table.
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
      const std::uint32_t end_at = at + column_of(text_, cell.start, cell.end);
      const auto lines_up = [&](std::size_t c) {
        const bool starts_together = header_columns_[c] + 1 >= at && header_columns_[c] <= at + 1;
        return starts_together || header_ends_[c] == end_at;
      };
      while (column < header_columns_.size() && header_columns_[column] + 1 < at && !lines_up(column)) ++column;
      if (column == header_columns_.size() || !lines_up(column)) return false;
      cells_[column++] = cell;
    }
    return true;
  }

  void link_row() {
    if (glossary_) return;  // no header to lend
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
  bool glossary_ = false;  // its first row is a term and its expansion, not a header
  Span header_line_{0, 0};
  std::vector<std::uint32_t> header_columns_;  // display columns where a fixed-width header's cells start
  std::vector<std::uint32_t> header_ends_;     // and where they end
  std::vector<Span> scratch_;
  std::vector<Span> header_cells_;
  std::vector<Span> cells_;
};

// A table copied from some editors arrives one cell per line: the header cells, then each row's cells,
// an empty cell as a blank line ("Name\nDOB\nMRN\nAna Ruiz\n03/04/1961\n0012345\n..."). Nothing marks
// the row width, so it is inferred: header cells are short lines without digits, and the width that
// keeps every column's cells alike (digits or none) over the most of the first rows wins. A width off
// by a header line shifts header and rows alike, so columns stay aligned but for the first.
class StackedTableReader {
 public:
  StackedTableReader(std::string_view text, std::vector<HeaderLink>& out) : text_(text), out_(out) {}

  void read() {
    split_lines();
    for (std::size_t i = 0; i < lines_.size();) {
      std::size_t run = 0;  // header-like lines from i
      while (i + run < lines_.size() && lines_[i + run].header_like) ++run;
      if (run < kLeastColumns) {
        i += std::max<std::size_t>(run, 1);
        continue;
      }
      i = read_table_at(i, run);
    }
  }

 private:
  struct Line {
    Span span;
    bool digits;       // holds a digit
    bool header_like;  // short, no digits, no delimiter
    bool sentence;     // prose, not a cell: "Please archive the old version."
  };
  static constexpr std::size_t kLeastColumns = 3;
  static constexpr std::size_t kMostColumns = 12;
  static constexpr std::uint32_t kLongestCell = 120;
  static constexpr std::uint32_t kLongestHeaderCell = 40;
  static constexpr std::size_t kLeastRows = 2;
  static constexpr std::size_t kRowsToJudge = 8;  // bounds the work of trying every width

  void split_lines() {
    lines_.clear();
    std::uint32_t start = 0;
    const auto size = static_cast<std::uint32_t>(text_.size());
    while (start < size) {
      const std::size_t newline = text_.find('\n', start);
      const std::uint32_t end = newline == std::string_view::npos ? size : static_cast<std::uint32_t>(newline);
      const Span span = trimmed(text_, {start, end}, 0);
      const std::string_view cell = text_.substr(span.start, span.end - span.start);
      const bool digits = cell.find_first_of("0123456789") != std::string_view::npos;
      const bool header_like = !span.empty() && !digits && span.end - span.start <= kLongestHeaderCell &&
                               cell.find_first_of("|\t;") == std::string_view::npos;
      lines_.push_back({span, digits, header_like, reads_as_sentence(cell)});
      start = end + 1;
    }
  }

  // Four or more words ending in a full stop, question or exclamation mark.
  static bool reads_as_sentence(std::string_view cell) {
    if (cell.empty() || std::string_view(".?!").find(cell.back()) == std::string_view::npos) return false;
    return std::count(cell.begin(), cell.end(), ' ') >= 3;
  }

  // How many cells of the row of `width` cells at line `row` differ from the first row's at `body`
  // (digits or none), or kMisfit. Empty cells match anything; a wide row may differ in one cell in
  // five ("2nd attempt" among "done"), but it must hold a number where the first row does (the next
  // table's header lines hold none).
  static constexpr std::size_t kMisfit = SIZE_MAX;
  std::size_t row_differences(std::size_t body, std::size_t row, std::size_t width) const {
    if (row + width > lines_.size()) return kMisfit;
    std::size_t differing = 0;
    std::size_t filled = 0;
    bool numbers_agree = false;
    for (std::size_t column = 0; column < width; ++column) {
      const Line& cell = lines_[row + column];
      if (cell.span.end - cell.span.start > kLongestCell || cell.sentence) return kMisfit;
      if (cell.span.empty()) {
        if (row == body) return kMisfit;  // the first row sets each column's shape: it has every cell
        continue;
      }
      ++filled;
      const Line& first = lines_[body + column];
      if (!first.span.empty() && first.digits != cell.digits) ++differing;
      numbers_agree = numbers_agree || (first.digits && cell.digits);
    }
    const bool fits = numbers_agree && differing <= width / 5 && filled * 2 >= width;
    return fits ? differing : kMisfit;
  }

  struct Fit {
    std::size_t rows = 0;
    std::size_t differing = 0;  // cells, over those rows
  };
  Fit rows_that_fit(std::size_t body, std::size_t width, std::size_t most) const {
    Fit fit;
    for (; fit.rows < most; ++fit.rows) {
      const std::size_t differing = row_differences(body, body + fit.rows * width, width);
      if (differing == kMisfit) break;
      fit.differing += differing;
    }
    return fit;
  }

  // Tries every header window of the run of header-like lines at `first`; links the best table and
  // returns the line after it (or after the run when no table fits).
  std::size_t read_table_at(std::size_t first, std::size_t run) {
    std::size_t best_header = 0;
    std::size_t best_width = 0;
    std::ptrdiff_t best_score = 0;
    const std::size_t from = run > kMostColumns + 2 ? first + run - kMostColumns - 2 : first;
    for (std::size_t header = from; header + kLeastColumns <= first + run; ++header) {
      for (std::size_t width = kLeastColumns; width <= kMostColumns && header + width <= first + run; ++width) {
        const Fit fit = rows_that_fit(header + width, width, kRowsToJudge);
        // Cells read, less three for each cell that differs from its column: a
        // wrong width that fits by tolerance loses to the right one.
        const auto score = static_cast<std::ptrdiff_t>(fit.rows * width) - static_cast<std::ptrdiff_t>(fit.differing * 3);
        if (fit.rows >= kLeastRows && score > best_score) {
          best_header = header;
          best_width = width;
          best_score = score;
        }
      }
    }
    if (best_width == 0) return first + run;
    const std::size_t body = best_header + best_width;
    const std::size_t rows = rows_that_fit(body, best_width, lines_.size()).rows;
    for (std::size_t row = 0; row < rows; ++row) link_row(best_header, body + row * best_width, best_width);
    return body + rows * best_width;
  }

  void link_row(std::size_t header, std::size_t row, std::size_t width) {
    std::size_t first = row;
    while (first < row + width && lines_[first].span.empty()) ++first;
    const Span header_span{lines_[header].span.start, lines_[header + width - 1].span.end};
    out_.push_back({header_span.start, header_span.end, lines_[first].span.start, lines_[row + width - 1].span.end,
                    HeaderLink::Kind::row});
    for (std::size_t column = 0; column < width; ++column) {
      const Span cell = lines_[row + column].span;
      if (cell.empty()) continue;
      const Span head = lines_[header + column].span;
      out_.push_back({head.start, head.end, cell.start, cell.end, HeaderLink::Kind::column});
    }
  }

  std::string_view text_;
  std::vector<HeaderLink>& out_;
  std::vector<Line> lines_;
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
  StackedTableReader(text, out).read();
}

}  // namespace phisentry::scan
