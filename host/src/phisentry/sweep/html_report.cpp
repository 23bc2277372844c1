// The HTML report an IT lead opens: standalone (inline CSS, JS and SVG; a CSP forbids any fetch),
// figures first, then a sortable table of the pages that hold PHI, uncovered workspaces first.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "phisentry/sweep/report.h"

namespace phisentry::sweep {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Thousands separators, built forwards (GCC 12's -Wrestrict misfires on repeated string::insert).
std::string number(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Column headings of the space totals: short enough for every category to fit.
std::string category_short_label(const std::string& category) {
  static const std::map<std::string, std::string, std::less<>> kLabels{
      {"geography", "Address"}, {"age", "Age 90+"}, {"health_plan", "Health plan"}, {"provider_id", "Provider"},
      {"ssn", "SSN"}, {"mrn", "MRN"}, {"ip", "IP"}, {"url", "URL"}};
  const auto found = kLabels.find(category);
  if (found != kLabels.end()) return found->second;
  std::string label = category;
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

std::string category_label(const std::string& category) {
  static const std::map<std::string, std::string, std::less<>> kLabels{
      {"name", "Names"}, {"geography", "Addresses"}, {"date", "Dates"}, {"age", "Ages over 89"},
      {"phone", "Phone numbers"}, {"fax", "Fax numbers"}, {"email", "Email addresses"}, {"ssn", "SSNs"},
      {"mrn", "Medical record numbers"}, {"health_plan", "Health plan numbers"}, {"account", "Account numbers"},
      {"license", "Licence numbers"}, {"provider_id", "Provider ids"}, {"vehicle", "Vehicle ids"},
      {"device", "Device ids"}, {"url", "URLs"}, {"ip", "IP addresses"}, {"other", "Other numbers"}};
  const auto found = kLabels.find(category);
  return found == kLabels.end() ? category : found->second;
}

constexpr const char* kStyle = R"(
:root{--ink:#1d2433;--muted:#5b6475;--line:#dfe3ea;--bg:#f6f7f9;--red:#c62828;--red-bg:#fdecea;--blue:#3d5a80;
--blue-bg:#e8eef6;--amber:#a15c00;--amber-bg:#fff4e0}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#1d2433;color:#fff;padding:20px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c5cbd6;font-size:13px}main{padding:20px 32px;max-width:1400px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:18px}
h2{font-size:16px;margin:0 0 12px}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:14px;background:none;border:0;padding:0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px}.card b{display:block;font-size:28px}
.card span{color:var(--muted)}.card.alert{border-left:5px solid var(--red)}.card.alert b{color:var(--red)}
.card.ok{border-left:5px solid var(--blue)}.card.warn{border-left:5px solid var(--amber)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f0f2f5;font-weight:600;white-space:nowrap}table.sortable thead th{cursor:pointer;user-select:none}
table.sortable thead th::after{content:" \2195";color:#9aa3b2}table.sortable thead th[aria-sort=ascending]::after{content:" \2191";color:var(--ink)}
table.sortable thead th[aria-sort=descending]::after{content:" \2193";color:var(--ink)}.scroll{overflow-x:auto}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.uncovered{background:var(--red-bg);color:var(--red)}.covered{background:var(--blue-bg);color:var(--blue)}
.high{background:var(--red-bg);color:var(--red)}.medium{background:var(--amber-bg);color:var(--amber)}.low{background:#eef0f3;color:var(--muted)}
.chip{display:inline-block;margin:1px 4px 1px 0;padding:0 6px;border:1px solid var(--line);border-radius:4px;font-size:12px;white-space:nowrap}
.where{color:var(--muted);font-size:12px;word-break:break-all}.controls{display:flex;gap:16px;align-items:center;margin-bottom:10px}
input[type=search]{padding:5px 8px;border:1px solid var(--line);border-radius:4px;min-width:260px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px;border-radius:2px}
footer{color:var(--muted);font-size:12px;padding:0 32px 24px}.empty{color:var(--muted)}
)";

constexpr const char* kScript = R"(
function sortKey(cell){const v=cell.dataset.sort!==undefined?cell.dataset.sort:cell.textContent.trim();
  const n=Number(v);return v!==''&&!Number.isNaN(n)?n:v.toLowerCase();}
function sortTable(table,index,th){const descending=th.getAttribute('aria-sort')!=='descending';
  for(const c of table.tHead.rows[0].cells)c.removeAttribute('aria-sort');
  th.setAttribute('aria-sort',descending?'descending':'ascending');
  const rows=[...table.tBodies[0].rows];const sign=descending?-1:1;
  rows.sort((a,b)=>{const x=sortKey(a.cells[index]),y=sortKey(b.cells[index]);return (x<y?-1:x>y?1:0)*sign;});
  table.tBodies[0].append(...rows);}
for(const table of document.querySelectorAll('table.sortable')){
  [...table.tHead.rows[0].cells].forEach((th,i)=>{th.tabIndex=0;
    th.addEventListener('click',()=>sortTable(table,i,th));
    th.addEventListener('keydown',e=>{if(e.key==='Enter'||e.key===' '){e.preventDefault();sortTable(table,i,th);}});});}
const onlyUncovered=document.getElementById('only-uncovered'),filter=document.getElementById('filter');
function applyFilter(){const words=filter.value.toLowerCase();let shown=0;
  for(const row of document.querySelectorAll('#pages tbody tr')){
    const visible=(!onlyUncovered.checked||row.dataset.workspace==='uncovered')&&row.textContent.toLowerCase().includes(words);
    row.hidden=!visible;shown+=visible?1:0;}
  document.getElementById('shown').textContent=shown;}
if(onlyUncovered){onlyUncovered.addEventListener('change',applyFilter);filter.addEventListener('input',applyFilter);applyFilter();}
)";

void head(std::ostringstream& out) {
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'\">"
         "<title>PHI Sentry sweep report</title><style>"
      << kStyle << "</style></head><body>\n";
}

void banner(std::ostringstream& out, const Summary& s) {
  std::string sources;
  for (const std::string& source : s.run.sources) sources += (sources.empty() ? "" : ", ") + source;
  out << "<header><h1>PHI Sentry sweep report</h1><p>Swept " << escape(sources) << " &middot; started "
      << escape(s.run.started_at) << " &middot; rule pack " << escape(s.run.rule_pack) << "</p>"
      << (s.run.complete ? "" : "<p><b>This sweep did not finish: run it again with --resume.</b></p>")
      << "</header>\n<main>\n";
}

void card(std::ostringstream& out, const char* style, std::size_t value, const std::string& label) {
  out << "<div class=\"card " << style << "\"><b>" << number(value) << "</b><span>" << escape(label)
      << "</span></div>";
}

void cards(std::ostringstream& out, const Summary& s) {
  out << "<section class=\"cards\">";
  card(out, s.uncovered.with_phi > 0 ? "alert" : "ok", s.uncovered.with_phi,
       "pages with PHI outside covered workspaces (act on these)");
  card(out, "ok", s.covered.with_phi, "pages with PHI in covered workspaces");
  card(out, "", s.all.pages, "pages swept in " + std::to_string(s.by_space.size()) + " space(s)");
  card(out, "", s.all.findings, "identifiers found");
  card(out, s.problems.empty() ? "" : "warn", s.problems.size(), "problems (sources not fully read)");
  out << "</section>\n";
}

std::vector<std::string> categories_by_pages(const Summary& s) {
  std::vector<std::string> names;
  for (const auto& entry : s.all.pages_by_category) names.push_back(entry.first);
  std::stable_sort(names.begin(), names.end(), [&s](const std::string& a, const std::string& b) {
    return s.all.pages_by_category.at(a) > s.all.pages_by_category.at(b);
  });
  return names;
}

std::size_t count_in(const std::map<std::string, std::size_t>& counts, const std::string& key) {
  const auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

// Horizontal bars, one per category: pages outside covered workspaces, then pages inside them.
void chart(std::ostringstream& out, const Summary& s) {
  out << "<section><h2>Pages by identifier category</h2>";
  const std::vector<std::string> names = categories_by_pages(s);
  if (names.empty()) {
    out << "<p class=\"empty\">No identifiers found.</p></section>\n";
    return;
  }
  constexpr int kLabel = 190, kBars = 560, kRow = 28, kBar = 18;
  const double widest = static_cast<double>(s.all.pages_by_category.at(names.front()));
  const int height = static_cast<int>(names.size()) * kRow + 8;
  out << "<p class=\"legend\"><span style=\"background:#c62828\"></span>outside covered workspaces"
         "<span style=\"background:#3d5a80\"></span>in covered workspaces</p>"
      << "<svg role=\"img\" aria-label=\"Pages by identifier category\" width=\"" << kLabel + kBars + 80
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << kLabel + kBars + 80 << ' ' << height
      << "\" font-family=\"system-ui,sans-serif\" font-size=\"13\">";
  int y = 4;
  for (const std::string& name : names) {
    const std::size_t outside = count_in(s.uncovered.pages_by_category, name);
    const std::size_t inside = count_in(s.covered.pages_by_category, name);
    const double w_out = kBars * static_cast<double>(outside) / widest;
    const double w_in = kBars * static_cast<double>(inside) / widest;
    out << "<g><title>" << escape(category_label(name)) << ": " << outside << " outside, " << inside
        << " inside covered workspaces</title><text x=\"" << kLabel - 8 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" fill=\"#1d2433\">" << escape(category_label(name)) << "</text><rect x=\"" << kLabel
        << "\" y=\"" << y << "\" width=\"" << fixed(w_out, 1) << "\" height=\"" << kBar
        << "\" fill=\"#c62828\" rx=\"2\"/><rect x=\"" << fixed(kLabel + w_out, 1) << "\" y=\"" << y << "\" width=\""
        << fixed(w_in, 1) << "\" height=\"" << kBar << "\" fill=\"#3d5a80\" rx=\"2\"/><text x=\""
        << fixed(kLabel + w_out + w_in + 6, 1) << "\" y=\"" << y + 14 << "\" fill=\"#5b6475\">" << outside + inside
        << "</text></g>";
    y += kRow;
  }
  out << "</svg></section>\n";
}

void space_totals(std::ostringstream& out, const Summary& s, const std::vector<std::string>& categories) {
  out << "<section><h2>Totals by space and category</h2><p class=\"where\">Identifiers found, by category.</p>"
         "<div class=\"scroll\"><table class=\"sortable\" id=\"spaces\"><thead><tr><th>Space</th>"
         "<th class=\"n\">Pages</th><th class=\"n\">With PHI</th><th class=\"n\">Identifiers</th>";
  for (const std::string& c : categories) {
    out << "<th class=\"n\" title=\"" << escape(category_label(c)) << "\">" << escape(category_short_label(c)) << "</th>";
  }
  out << "</tr></thead><tbody>";
  for (const auto& [space, totals] : s.by_space) {
    out << "<tr><td>" << escape(space) << "</td><td class=\"n\">" << totals.pages << "</td><td class=\"n\">"
        << totals.with_phi << "</td><td class=\"n\">" << totals.findings << "</td>";
    for (const std::string& c : categories) out << "<td class=\"n\">" << count_in(totals.findings_by_category, c) << "</td>";
    out << "</tr>";
  }
  out << "</tbody><tfoot><tr><th>All spaces</th><th class=\"n\">" << s.all.pages << "</th><th class=\"n\">"
      << s.all.with_phi << "</th><th class=\"n\">" << s.all.findings << "</th>";
  for (const std::string& c : categories) out << "<th class=\"n\">" << count_in(s.all.findings_by_category, c) << "</th>";
  out << "</tr></tfoot></table></div></section>\n";
}

std::string title_cell(const PageReport& r) {
  std::string title = r.title.empty() ? "(untitled)" : r.title;
  if (!r.parent_title.empty()) title = r.parent_title + " \xE2\x80\xBA " + title;
  const bool web = r.url.starts_with("https://") || r.url.starts_with("http://");
  std::string cell = web ? "<a href=\"" + escape(r.url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" +
                               escape(title) + "</a>"
                         : escape(title);
  return cell + "<div class=\"where\">" + escape(r.url) + "</div>";
}

void page_row(std::ostringstream& out, const PageReport& r) {
  const char* workspace = r.covered_by ? "covered" : "uncovered";
  const auto confidence = rules::to_string(r.confidence());
  out << "<tr data-workspace=\"" << workspace << "\"><td data-sort=\"" << (r.covered_by ? 1 : 0)
      << "\"><span class=\"badge " << workspace << "\" title=\"" << escape(r.covered_by.value_or("not covered"))
      << "\">" << (r.covered_by ? "covered" : "not covered") << "</span></td><td>"
      << escape(space_label(r.location)) << "</td><td>" << title_cell(r) << "</td><td>" << escape(r.kind)
      << "</td><td>" << escape(r.last_modified) << "</td><td data-sort=\"" << static_cast<int>(r.confidence())
      << "\"><span class=\"badge " << confidence << "\">" << confidence << "</span></td><td class=\"n\">"
      << r.findings() << "</td><td>";
  for (const auto& [name, tally] : r.categories) {
    out << "<span class=\"chip\" title=\"" << tally.hashes.size() << " distinct value(s), "
        << rules::to_string(tally.confidence) << "\">" << escape(category_label(name)) << " &times;" << tally.count
        << "</span>";
  }
  out << "</td></tr>";
}

// Pages outside covered workspaces first, then the strongest and most numerous findings.
std::vector<const PageReport*> pages_to_show(const std::vector<PageReport>& reports) {
  std::vector<const PageReport*> shown;
  for (const PageReport& r : reports) {
    if (r.has_phi()) shown.push_back(&r);
  }
  std::stable_sort(shown.begin(), shown.end(), [](const PageReport* a, const PageReport* b) {
    return std::tuple(a->covered_by.has_value(), b->confidence(), b->findings()) <
           std::tuple(b->covered_by.has_value(), a->confidence(), a->findings());
  });
  return shown;
}

void page_table(std::ostringstream& out, const std::vector<PageReport>& reports) {
  const auto shown = pages_to_show(reports);
  out << "<section><h2>Pages with PHI (<span id=\"shown\">" << shown.size() << "</span> shown)</h2>";
  if (shown.empty()) {
    out << "<p class=\"empty\">No page holds an identifier at the reported confidence.</p></section>\n";
    return;
  }
  out << "<div class=\"controls\"><label><input type=\"checkbox\" id=\"only-uncovered\"> only pages outside covered "
         "workspaces</label><input type=\"search\" id=\"filter\" placeholder=\"Filter by space, title, category\">"
         "</div><div class=\"scroll\"><table class=\"sortable\" id=\"pages\"><thead><tr><th>Workspace</th><th>Space</th><th>Page</th>"
         "<th>Kind</th><th>Last modified</th><th>Confidence</th><th class=\"n\">Identifiers</th><th>Categories</th>"
         "</tr></thead><tbody>";
  for (const PageReport* r : shown) page_row(out, *r);
  out << "</tbody></table></div></section>\n";
}

void problems(std::ostringstream& out, const Summary& s) {
  if (s.problems.empty()) return;
  out << "<section><h2>Problems</h2><p>These sources were not read in full; the rest of the sweep went on."
         "</p><table><thead><tr><th>Source</th><th>Problem</th></tr></thead><tbody>";
  for (const Problem& p : s.problems) {
    out << "<tr><td class=\"where\">" << escape(p.source) << "</td><td>" << escape(p.message) << "</td></tr>";
  }
  out << "</tbody></table></section>\n";
}

void closing(std::ostringstream& out, const Summary& s) {
  const RunFacts& run = s.run;
  const double seconds = std::max(run.seconds, 1e-9);
  out << "</main><footer>No identifier's value appears in this report: each is listed as a keyed hash in "
         "pages.jsonl and pages.csv, so equal values on different pages can be matched without being shown. "
      << number(run.pages_this_run) << " pages (" << fixed(static_cast<double>(run.bytes) / 1e6, 1) << " MB) swept in "
      << fixed(run.seconds, 1) << " s on " << run.threads << " thread(s): "
      << fixed(static_cast<double>(run.pages_this_run) / seconds, 0) << " pages/s, "
      << fixed(static_cast<double>(run.bytes) / 1e6 / seconds, 1) << " MB/s.</footer>\n<script>" << kScript
      << "</script></body></html>\n";
}

}  // namespace

void write_html(const std::filesystem::path& file, const std::vector<PageReport>& reports, const Summary& summary) {
  std::ostringstream out;
  head(out);
  banner(out, summary);
  cards(out, summary);
  chart(out, summary);
  space_totals(out, summary, categories_of(reports));
  page_table(out, reports);
  problems(out, summary);
  closing(out, summary);
  write_atomically(file, out.str());
}

}  // namespace phisentry::sweep
