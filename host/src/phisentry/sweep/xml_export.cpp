// Confluence XML export: entities.xml is a flat list of Hibernate objects (Space, Page, BlogPost,
// Comment, BodyContent, …) that refer to each other by id. It is streamed with libxml2's reader, so
// its size is not limited by memory for markup, then current pages are joined with their bodies.

#include <libxml/xmlreader.h>

#include <climits>
#include <map>
#include <memory>

#include "phisentry/sweep/source.h"

namespace phisentry::sweep {
namespace {

struct ContentObject {
  std::string kind;  // page, blogpost, comment
  std::string title;
  std::string space_id;
  std::string parent_id;  // a comment's page
  std::string last_modified;
  std::string status;
  bool historical = false;  // an earlier version of a page (it has an originalVersion)
};

struct Body {
  std::string text;
  bool storage = true;
};

struct Space {
  std::string key;
  std::string name;
};

struct ExportIndex {
  std::map<std::string, ContentObject> contents;
  std::map<std::string, Body> bodies;  // by content id
  std::map<std::string, Space> spaces;
};

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

std::string content_of(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (value == nullptr) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

const xmlNode* child(const xmlNode* node, std::string_view element, std::string_view name) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && name_of(c) == element && attribute(c, "name") == name) return c;
  }
  return nullptr;
}

std::string property(const xmlNode* object, std::string_view name) {
  const xmlNode* p = child(object, "property", name);
  return p == nullptr ? std::string{} : content_of(p);
}

// A property that refers to another object holds <id name="id">…</id>.
std::string reference(const xmlNode* object, std::string_view name) {
  const xmlNode* p = child(object, "property", name);
  const xmlNode* id = p == nullptr ? nullptr : child(p, "id", "id");
  return id == nullptr ? std::string{} : content_of(id);
}

std::string object_id(const xmlNode* object) {
  const xmlNode* id = child(object, "id", "id");
  return id == nullptr ? std::string{} : content_of(id);
}

void index_content(const xmlNode* object, const std::string& kind, ExportIndex& index) {
  ContentObject content;
  content.kind = kind;
  content.title = property(object, "title");
  content.space_id = reference(object, "space");
  content.parent_id = kind == "comment" ? reference(object, "containerContent") : std::string{};
  content.last_modified = property(object, "lastModificationDate");
  content.status = property(object, "contentStatus");
  content.historical = !reference(object, "originalVersion").empty();
  index.contents[object_id(object)] = std::move(content);
}

void index_object(const xmlNode* object, ExportIndex& index) {
  const std::string type = attribute(object, "class");
  if (type == "Page") {
    index_content(object, "page", index);
  } else if (type == "BlogPost") {
    index_content(object, "blogpost", index);
  } else if (type == "Comment") {
    index_content(object, "comment", index);
  } else if (type == "BodyContent") {
    std::string body = property(object, "body");
    const bool storage = body.find('<') != std::string::npos;  // old pages hold wiki markup
    index.bodies[reference(object, "content")] = {std::move(body), storage};
  } else if (type == "Space") {
    index.spaces[object_id(object)] = {property(object, "key"), property(object, "name")};
  }
}

struct ReaderInput {
  ByteStream* stream;
  std::string failure;
};

int read_callback(void* context, char* buffer, int size) {
  auto* input = static_cast<ReaderInput*>(context);
  try {
    return static_cast<int>(input->stream->read(buffer, static_cast<std::size_t>(size)));
  } catch (const std::exception& e) {
    input->failure = e.what();
    return -1;
  }
}

int close_callback(void*) { return 0; }

struct ParseError {
  int line = 0;
  std::string message;
};

// Keeps the first error: its line and libxml2's reason (which names markup, never page text).
void record_error(void* context, xmlErrorPtr error) {
  auto* first = static_cast<ParseError*>(context);
  if (error == nullptr || !first->message.empty()) return;
  first->line = error->line;
  std::string message = error->message == nullptr ? "malformed XML" : error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  first->message = message;
}

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

bool is_top_level_object(xmlTextReader* reader) {
  return xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(reader) == 1 &&
         std::string_view(reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader))) == "object";
}

// Returns an empty string when the whole file was read, else why it stopped.
std::string stream_objects(ByteStream& stream, ExportIndex& index, SourceContext& context) {
  ReaderInput input{&stream, {}};
  ParseError error;
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(xmlReaderForIO(
      read_callback, close_callback, &input, nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOCDATA));
  if (!reader) return "cannot start the XML reader";
  xmlTextReaderSetStructuredErrorHandler(reader.get(), record_error, &error);
  int status = xmlTextReaderRead(reader.get());
  while (status == 1 && !context.stopping()) {
    if (!is_top_level_object(reader.get())) {
      status = xmlTextReaderRead(reader.get());
      continue;
    }
    if (const xmlNode* object = xmlTextReaderExpand(reader.get())) index_object(object, index);
    status = xmlTextReaderNext(reader.get());
  }
  if (!input.failure.empty()) return input.failure;
  if (status < 0 || !error.message.empty()) {
    return "malformed XML at line " + std::to_string(error.line) + ": " +
           (error.message.empty() ? "unreadable" : error.message) + " (pages before it are still swept)";
  }
  return {};
}

Page page_of(const std::string& id, const ContentObject& content, const ExportIndex& index, const std::string& url,
             const std::string& source) {
  Page page;
  page.location.source = source;
  if (const auto space = index.spaces.find(content.space_id); space != index.spaces.end()) {
    page.location.space_key = space->second.key;
    page.location.space_name = space->second.name;
  }
  page.id = id;
  page.kind = content.kind;
  page.parent_id = content.parent_id;
  page.title = content.kind == "comment" ? "Comment" : content.title;
  page.url = url + "#" + content.kind + "=" + id;
  page.last_modified = content.last_modified;
  if (const auto body = index.bodies.find(id); body != index.bodies.end()) {
    page.format = body->second.storage ? BodyFormat::storage : BodyFormat::text;
    page.body = body->second.text;
  }
  return page;
}

bool is_current(const ContentObject& content) {
  return !content.historical && (content.status.empty() || content.status == "current");
}

// Comments inherit the space of their page.
void inherit_spaces(ExportIndex& index) {
  for (auto& [id, content] : index.contents) {
    if (!content.space_id.empty() || content.parent_id.empty()) continue;
    if (const auto parent = index.contents.find(content.parent_id); parent != index.contents.end()) {
      content.space_id = parent->second.space_id;
    }
  }
}

void emit_current(const ExportIndex& index, const std::string& url, const std::string& source,
                  SourceContext& context) {
  long current = 0;
  for (const auto& entry : index.contents) current += is_current(entry.second) ? 1 : 0;
  context.expect(current);
  for (const auto& [id, content] : index.contents) {
    if (!is_current(content)) continue;
    if (context.stopping() || !context.emit(page_of(id, content, index, url, source))) return;
  }
}

}  // namespace

void read_xml_export(const FileTree& tree, const std::string& entities_name, const std::string& source,
                     SourceContext& context) {
  ExportIndex index;
  std::string failure;
  try {
    const auto stream = tree.stream(entities_name);
    failure = stream_objects(*stream, index, context);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (!failure.empty()) context.problem({tree.location(entities_name), failure});
  inherit_spaces(index);
  emit_current(index, tree.location(entities_name), source, context);
}

}  // namespace phisentry::sweep
