#include "phisentry/sweep/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <climits>
#include <memory>
#include <set>

namespace phisentry::sweep {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// Parsers report through callbacks: silence them so no fragment of a page reaches stderr.
void ignore_error(void*, const char*, ...) {}
void ignore_structured_error(void*, xmlErrorPtr) {}

void silence_errors_on_this_thread() {
  xmlSetGenericErrorFunc(nullptr, ignore_error);
  xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
}

bool is_block(std::string_view name) {
  static const std::set<std::string_view> kBlocks{
      "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
      "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
      "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
      // Confluence storage format (local names once namespaces are resolved, prefixed in HTML parses)
      "structured-macro", "parameter", "plain-text-body", "rich-text-body", "task", "task-body", "layout",
      "layout-section", "layout-cell", "ac:structured-macro", "ac:parameter", "ac:plain-text-body",
      "ac:rich-text-body", "ac:task", "ac:task-body", "ac:layout", "ac:layout-section", "ac:layout-cell"};
  return kBlocks.contains(name);
}

bool is_skipped(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template" || name == "head";
}

void end_line(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

// Runs of white space become one space, as a browser shows them (except in <pre>).
void append_collapsed(std::string_view text, std::string& out) {
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ' && out.back() != '\n' && out.back() != '\t') {
      out += ' ';
    }
  }
}

struct TextWalker {
  std::string out;
  int in_pre = 0;

  void walk(const xmlNode* node) {
    for (; node != nullptr; node = node->next) visit(node);
  }

  void visit(const xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      const std::string_view text = node->content == nullptr ? "" : reinterpret_cast<const char*>(node->content);
      if (in_pre > 0 || node->type == XML_CDATA_SECTION_NODE) {
        out += text;
      } else {
        append_collapsed(text, out);
      }
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    element(node);
  }

  void element(const xmlNode* node) {
    const std::string_view name = name_of(node);
    if (is_skipped(name)) return;
    if (name == "br") {
      out += '\n';
      return;
    }
    const bool block = is_block(name);
    const bool pre = name == "pre" || name == "plain-text-body" || name == "ac:plain-text-body";
    if (block) end_line(out);
    in_pre += pre ? 1 : 0;
    walk(node->children);
    in_pre -= pre ? 1 : 0;
    if (name == "td" || name == "th") out += '\t';
    if (block) end_line(out);
  }
};

std::string text_of(const xmlNode* node) {
  TextWalker walker;
  if (node != nullptr) walker.walk(node->children);
  return walker.out;
}

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

bool has_class(const xmlNode* node, std::string_view wanted) {
  const std::string classes = " " + attribute(node, "class") + " ";
  return classes.find(" " + std::string(wanted) + " ") != std::string::npos;
}

template <typename Predicate>
const xmlNode* find_element(const xmlNode* node, const Predicate& matches) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (matches(node)) return node;
    if (const xmlNode* found = find_element(node->children, matches)) return found;
  }
  return nullptr;
}

const xmlNode* element_with_id(const xmlNode* root, std::string_view id) {
  return find_element(root, [id](const xmlNode* n) { return attribute(n, "id") == id; });
}

const xmlNode* element_named(const xmlNode* root, std::string_view name) {
  return find_element(root, [name](const xmlNode* n) { return name_of(n) == name; });
}

// Confluence's export shows "Created by …, last modified by … on Mar 04, 2024": keep the date only.
std::string last_modified_of(const xmlNode* root) {
  const xmlNode* metadata = find_element(root, [](const xmlNode* n) { return has_class(n, "page-metadata"); });
  if (metadata == nullptr) return {};
  const std::string text = trimmed(text_of(metadata));
  const std::size_t marker = text.find("last modified");
  if (marker == std::string::npos) return {};
  const std::size_t on = text.find(" on ", marker);
  return on == std::string::npos ? std::string{} : trimmed(std::string_view(text).substr(on + 4));
}

DocPtr parse_html(std::string_view html) {
  if (html.size() > INT_MAX) return nullptr;
  return DocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
}

// Every HTML 4 entity (from libxml2's own table) declared for the XML parser; XML knows only five.
const std::string& storage_prolog() {
  static const std::string prolog = [] {
    std::string decls;
    for (unsigned int code = 1; code < 0x3000; ++code) {
      const htmlEntityDesc* entity = htmlEntityValueLookup(code);
      if (entity == nullptr) continue;
      const std::string_view name = entity->name;
      if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") continue;
      decls += "<!ENTITY " + std::string(name) + " \"&#" + std::to_string(code) + ";\">";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE storage [" + decls +
           "]><storage xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ac=\"http://atlassian.com/content\" "
           "xmlns:ri=\"http://atlassian.com/resource/identifier\">";
  }();
  return prolog;
}

DocPtr parse_storage(std::string_view storage) {
  const std::string document = storage_prolog() + std::string(storage) + "</storage>";
  if (document.size() > INT_MAX) return nullptr;
  return DocPtr(xmlReadMemory(document.data(), static_cast<int>(document.size()), nullptr, "UTF-8",
                              XML_PARSE_RECOVER | XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
}

}  // namespace

void init_xml_library() {
  xmlInitParser();
  silence_errors_on_this_thread();
}

HtmlDocument read_html(std::string_view html) {
  silence_errors_on_this_thread();
  HtmlDocument result;
  const DocPtr doc = parse_html(html);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return result;
  const xmlNode* main = element_with_id(root, "main-content");
  result.confluence_page = main != nullptr;
  if (main == nullptr) main = element_named(root, "body");
  result.text = trimmed(main != nullptr ? text_of(main) : text_of(root));
  const xmlNode* title = element_with_id(root, "title-text");
  if (title == nullptr) title = element_named(root, "title");
  result.title = title != nullptr ? trimmed(text_of(title)) : std::string{};
  result.last_modified = last_modified_of(root);
  return result;
}

std::string storage_to_text(std::string_view storage) {
  silence_errors_on_this_thread();
  const DocPtr doc = parse_storage(storage);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root != nullptr) return trimmed(text_of(root));
  return read_html(storage).text;  // not even recoverable as XML: read it as HTML
}

}  // namespace phisentry::sweep
