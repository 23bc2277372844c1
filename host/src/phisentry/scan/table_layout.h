#pragma once
// Tables written as delimited lines: Markdown and Jira pipes ("| a | b |", "||Head||Head||"), tab-separated
// rows pasted from a spreadsheet (and the extension's editor tables), semicolon lists. In a table the words
// that say what a value is ("MRN", "DOB", "Phone") sit in the header, often far above the value, so the
// scanner reads each cell as if its column header were written right before it, and a row under a header
// that names a patient's attributes as being about a patient (rules::TableRows).

#include <cstdint>
#include <string_view>
#include <vector>

namespace phisentry::scan {

// Context to copy: the header text [from_start, from_end) speaks about the text at `at`.
struct HeaderLink {
  enum class Kind : std::uint8_t {
    column,  // one header cell, for a cell of its column
    row,     // the whole header line, for a row (at its first cell)
  };
  std::uint32_t from_start;
  std::uint32_t from_end;
  std::uint32_t at;
  std::uint32_t at_end;  // the end of the cell (column) or of the row's line (row)
  Kind kind;
};

// Appends, per body row, one link for the row (the whole header line, at the row's first cell) and
// then one per non-empty cell under a header cell. Rows belong to a table while they keep its
// delimiter; a blank line or a line without it ends the table.
void link_table_headers(std::string_view text, std::vector<HeaderLink>& out);

}  // namespace phisentry::scan
