// HTML exports, folders and single files: every HTML, text and Markdown file is one page.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "phisentry/sweep/archive.h"
#include "phisentry/sweep/source.h"

namespace phisentry::sweep {
namespace fs = std::filesystem;
namespace {

enum class DocumentType { html, text, other };

std::string lower_extension(const std::string& name) {
  std::string extension = fs::path(name).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

DocumentType type_of(const std::string& name) {
  const std::string extension = lower_extension(name);
  if (extension == ".html" || extension == ".htm" || extension == ".xhtml") return DocumentType::html;
  if (extension == ".txt" || extension == ".text" || extension == ".md" || extension == ".markdown" ||
      extension == ".csv" || extension == ".log") {
    return DocumentType::text;
  }
  return DocumentType::other;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Confluence names exported pages "Title_123456.html" (older versions "123456.html").
std::string page_id_of(const std::string& name) {
  const std::string stem = fs::path(name).stem().string();
  if (all_digits(stem)) return stem;
  const std::size_t underscore = stem.rfind('_');
  if (underscore != std::string::npos && all_digits(std::string_view(stem).substr(underscore + 1))) {
    return stem.substr(underscore + 1);
  }
  return name;
}

// Exported attachments live under attachments/<page id>/.
std::string attachment_parent(const std::string& name) {
  const std::size_t at = name.starts_with("attachments/") ? 0 : name.find("/attachments/");
  if (at == std::string::npos) return {};
  const std::size_t start = name.find('/', at == 0 ? 0 : at + 1) + 1;
  const std::size_t end = name.find('/', start);
  return end == std::string::npos ? std::string{} : name.substr(start, end - start);
}

std::string first_folder(const std::string& name) {
  const std::size_t slash = name.find('/');
  return slash == std::string::npos ? std::string{} : name.substr(0, slash);
}

Page page_for(const FileTree& tree, const std::string& name, const std::string& source) {
  Page page;
  page.location.source = source;
  page.location.space_key = first_folder(name);
  page.url = tree.location(name);
  page.title = fs::path(name).filename().string();
  page.parent_id = attachment_parent(name);
  const bool html = type_of(name) == DocumentType::html;
  page.format = html ? BodyFormat::html : BodyFormat::text;
  page.kind = !page.parent_id.empty() ? "attachment" : html ? "page" : "file";
  page.id = page.kind == "page" ? page_id_of(name) : name;
  return page;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<std::string> entities_xml_in(const FileTree& tree) {
  for (const std::string& name : tree.names()) {
    if (name == "entities.xml" || name.ends_with("/entities.xml")) return name;
  }
  return std::nullopt;
}

void read_tree(const FileTree& tree, const std::string& source, SourceContext& context) {
  if (const auto entities = entities_xml_in(tree)) {
    read_xml_export(tree, *entities, source, context);
  } else {
    read_document_tree(tree, source, context);
  }
}

void read_single_file(const fs::path& path, SourceContext& context) {
  Page page;
  page.location.source = path.string();
  page.id = page.url = path.string();
  page.title = path.filename().string();
  page.kind = "file";
  page.format = type_of(path.string()) == DocumentType::html ? BodyFormat::html : BodyFormat::text;
  try {
    page.body = read_file(path);
  } catch (const std::exception& e) {
    context.problem({path.string(), e.what()});
    return;
  }
  context.expect(1);
  context.emit(std::move(page));
}

}  // namespace

void read_document_tree(const FileTree& tree, const std::string& source, SourceContext& context) {
  std::vector<std::string> documents;
  std::copy_if(tree.names().begin(), tree.names().end(), std::back_inserter(documents),
               [](const std::string& name) { return type_of(name) != DocumentType::other; });
  context.expect(static_cast<long>(documents.size()));
  for (const std::string& name : documents) {
    if (context.stopping()) return;
    Page page = page_for(tree, name, source);
    try {
      page.body = tree.read(name);
    } catch (const std::exception& e) {
      context.problem({tree.location(name), e.what()});  // a damaged entry: the others are still read
      context.expect(-1);
      continue;
    }
    if (!context.emit(std::move(page))) return;
  }
}

void read_path(const fs::path& path, SourceContext& context) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    read_tree(*open_folder_tree(path), path.string(), context);
  } else if (!fs::is_regular_file(path, error)) {
    context.problem({path.string(), "no such file or folder"});
  } else if (is_zip_file(path) || lower_extension(path.string()) == ".zip") {
    std::unique_ptr<FileTree> tree;
    try {
      tree = open_zip_tree(path);
    } catch (const std::exception& e) {
      context.problem({path.string(), e.what()});
      return;
    }
    read_tree(*tree, path.string(), context);
  } else {
    read_single_file(path, context);
  }
}

}  // namespace phisentry::sweep
