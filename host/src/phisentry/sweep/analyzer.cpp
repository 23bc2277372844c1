#include "phisentry/sweep/analyzer.h"

#include <algorithm>
#include <set>

#include "phisentry/sweep/html_text.h"

namespace phisentry::sweep {
namespace {

// Confluence titles its exported pages "Space name : Page title".
void split_space_from_title(const std::string& full_title, Page& page) {
  const std::size_t separator = full_title.find(" : ");
  if (separator == std::string::npos) {
    page.title = full_title;
    return;
  }
  if (page.location.space_name.empty()) page.location.space_name = full_title.substr(0, separator);
  page.title = full_title.substr(separator + 3);
}

void add_hash(CategoryTally& tally, std::string hash) {
  const auto at = std::lower_bound(tally.hashes.begin(), tally.hashes.end(), hash);
  if (at == tally.hashes.end() || *at != hash) tally.hashes.insert(at, std::move(hash));
}

}  // namespace

PageAnalyzer::PageAnalyzer(std::shared_ptr<const scan::CompiledPack> compiled, const crypto::ValueHasher& hasher,
                           const Coverage& coverage, rules::Confidence min_confidence)
    : scanner_(std::move(compiled)), hasher_(hasher), coverage_(coverage), min_confidence_(min_confidence) {}

std::string PageAnalyzer::visible_text(Page& page) {
  switch (page.format) {
    case BodyFormat::text: return std::move(page.body);
    case BodyFormat::storage: return storage_to_text(page.body);
    case BodyFormat::html: break;
  }
  HtmlDocument document = read_html(page.body);
  if (document.confluence_page) {
    split_space_from_title(document.title, page);
  } else if (!document.title.empty() && page.kind != "attachment") {
    page.title = document.title;
  }
  if (page.last_modified.empty()) page.last_modified = document.last_modified;
  return std::move(document.text);
}

void PageAnalyzer::tally(std::string_view raw, PageReport& report) {
  const text::Utf8Text text = text::Utf8Text::repair(raw);
  const scan::ScanResult result = scanner_.scan(text);
  report.incomplete = report.incomplete || result.incomplete;
  for (const scan::Finding& finding : result.findings) {
    if (finding.confidence < min_confidence_) continue;
    const rules::Rule& rule = scanner_.compiled().pack().rules[finding.rule];
    CategoryTally& category = report.categories[rule.category];
    ++category.count;
    category.confidence = std::max(category.confidence, finding.confidence);
    add_hash(category, hasher_.hash(rule.category, text.view().substr(finding.start, finding.end - finding.start)));
  }
}

std::string PageAnalyzer::redact(std::string_view raw) { return redact_scanned_as(raw, nullptr); }

// Scans `raw` (or, when given, a same-length `as_scanned` version of it) and replaces every finding.
std::string PageAnalyzer::redact_scanned_as(std::string_view raw, char (*as_scanned)(char)) {
  const text::Utf8Text text = text::Utf8Text::repair(raw);
  const std::string_view view = text.view();
  std::string scanned(view);
  if (as_scanned != nullptr) std::transform(scanned.begin(), scanned.end(), scanned.begin(), as_scanned);
  std::string out;
  std::size_t copied = 0;
  for (const scan::Finding& finding : scanner_.scan(text::Utf8Text::from_valid(scanned)).findings) {
    out.append(view.substr(copied, finding.start - copied));
    out += "[" + scanner_.compiled().pack().rules[finding.rule].category + "]";
    copied = finding.end;
  }
  out.append(view.substr(copied));
  return out;
}

// Exported files are named after their page's title; the rest of a URL or path is the site's or the
// admin's own (and would be flagged as a URL itself).
std::string PageAnalyzer::redact_file_name(const std::string& url) {
  const std::size_t slash = url.find_last_of("/!");
  // Exports write "Call back re SSN 512 44 6789" as "Call-back-re-SSN-512-44-6789_10.html": scan it spaced.
  const auto spaced = [](char c) { return c == '-' || c == '_' || c == '+' ? ' ' : c; };
  if (slash == std::string::npos) return redact_scanned_as(url, spaced);
  return url.substr(0, slash + 1) + redact_scanned_as(std::string_view(url).substr(slash + 1), spaced);
}

PageReport PageAnalyzer::analyze(Page page) {
  PageReport report;
  report.bytes = page.body.size();
  const std::string text = visible_text(page);
  tally(page.title, report);  // a title can name the patient: it counts, and is redacted below
  tally(text, report);
  report.location = page.location;
  report.location.space_name = redact(page.location.space_name);
  report.id = page.id;
  report.kind = page.kind;
  report.parent_id = page.parent_id;
  report.title = redact(page.title);
  report.url = redact_file_name(page.url);
  report.last_modified = page.last_modified;
  report.covered_by = coverage_.covered_by(page.location);
  return report;
}

}  // namespace phisentry::sweep
