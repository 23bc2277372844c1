#pragma once
// What a sweep reads (a Page from an export, a site or a file) and what it reports about each one
// (a PageReport: categories, counts, confidence and keyed hashes, never the values themselves).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "phisentry/rules/rule.h"

namespace phisentry::sweep {

enum class BodyFormat : std::uint8_t { text, html, storage };

// Where a page lives: what a coverage policy decides on.
struct Location {
  std::string source;      // the export file or folder, or the site's base URL
  std::string site_url;    // base URL of a Confluence site (empty for exports and files)
  std::string space_key;
  std::string space_name;
  std::string space_url;   // empty when unknown
};

struct Page {
  Location location;
  std::string id;
  std::string kind = "page";  // page, blogpost, attachment, file
  std::string parent_id;      // the page an attachment belongs to
  std::string title;
  std::string url;
  std::string last_modified;
  BodyFormat format = BodyFormat::text;
  std::string body;
};

// Receives each page a source reads; returns false when the sweep must stop (interrupted).
using PageSink = std::function<bool(Page&&)>;

// A source that could not be read, in part or in whole. Messages never quote page text.
struct Problem {
  std::string source;
  std::string message;
};

struct CategoryTally {
  std::size_t count = 0;
  rules::Confidence confidence = rules::Confidence::none;  // the highest seen
  std::vector<std::string> hashes;                          // distinct keyed hashes, sorted
};

struct PageReport {
  Location location;
  std::string id;
  std::string kind;
  std::string parent_id;
  std::string parent_title;
  std::string title;  // redacted: identifiers found in it are replaced by [category]
  std::string url;    // redacted likewise
  std::string last_modified;
  std::size_t bytes = 0;  // size of the body as read
  std::map<std::string, CategoryTally> categories;
  std::optional<std::string> covered_by;  // the coverage rule that covers its workspace
  bool incomplete = false;                // the scanner stopped at its hit limit

  std::size_t findings() const;
  rules::Confidence confidence() const;
  bool has_phi() const { return !categories.empty(); }
};

}  // namespace phisentry::sweep
