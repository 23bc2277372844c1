#pragma once
// Visible text from HTML pages and Confluence storage format, parsed with libxml2. Block elements end
// lines and table cells are tab-separated, so a keyword in one cell is still context for the next.

#include <string>
#include <string_view>
#include <vector>

namespace phisentry::sweep {

struct HtmlDocument {
  std::string title;          // Confluence's #title-text, else <title>
  std::string text;           // visible text of #main-content, else of <body>
  std::string last_modified;  // from Confluence's page metadata, when present
  bool confluence_page = false;  // has Confluence's #main-content
};

HtmlDocument read_html(std::string_view html);

// Storage format is XHTML with ac:/ri: elements and HTML entities; CDATA (code blocks) is kept.
std::string storage_to_text(std::string_view storage);

// Must be called once, on the main thread, before parsing on several threads.
void init_xml_library();

}  // namespace phisentry::sweep
