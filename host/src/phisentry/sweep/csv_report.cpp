// CSV for spreadsheets: one row per page, one count column per category, RFC 4180 quoting.

#include <sstream>

#include "phisentry/sweep/report.h"

namespace phisentry::sweep {
namespace {

// Quotes every field; a leading = + - @ gets a ' so a spreadsheet never runs a page title as a formula.
std::string field(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) out += '\'';
  for (char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string all_hashes(const PageReport& report) {
  std::string out;
  for (const auto& [name, tally] : report.categories) {
    for (const std::string& hash : tally.hashes) out += (out.empty() ? "" : " ") + name + ":" + hash;
  }
  return out;
}

void header(std::ostringstream& out, const std::vector<std::string>& categories) {
  out << "workspace,covered_by,space_key,space_name,kind,id,title,url,last_modified,parent_title,confidence,"
         "findings";
  for (const std::string& category : categories) out << ',' << field(category);
  out << ",hashes,incomplete\r\n";
}

void row(std::ostringstream& out, const PageReport& r, const std::vector<std::string>& categories) {
  out << (r.covered_by ? "covered" : "uncovered") << ',' << field(r.covered_by.value_or("")) << ','
      << field(r.location.space_key) << ',' << field(r.location.space_name) << ',' << field(r.kind) << ','
      << field(r.id) << ',' << field(r.title) << ',' << field(r.url) << ',' << field(r.last_modified) << ','
      << field(r.parent_title) << ',' << rules::to_string(r.confidence()) << ',' << r.findings();
  for (const std::string& category : categories) {
    const auto found = r.categories.find(category);
    out << ',' << (found == r.categories.end() ? 0 : found->second.count);
  }
  out << ',' << field(all_hashes(r)) << ',' << (r.incomplete ? "yes" : "no") << "\r\n";
}

}  // namespace

void write_csv(const std::filesystem::path& file, const std::vector<PageReport>& reports) {
  const std::vector<std::string> categories = categories_of(reports);
  std::ostringstream out;
  header(out, categories);
  for (const PageReport& report : reports) row(out, report, categories);
  write_atomically(file, out.str());
}

}  // namespace phisentry::sweep
