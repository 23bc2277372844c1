#pragma once
// What every source (export, folder, site) is given: where to send pages and problems, how to tell
// the progress bar that more pages are coming, and whether the sweep is being stopped.

#include <cstddef>
#include <filesystem>
#include <functional>

#include "phisentry/sweep/file_tree.h"
#include "phisentry/sweep/page.h"

namespace phisentry::sweep {

struct SourceContext {
  PageSink emit;
  std::function<void(long)> expect;  // that many more (or, negative, fewer) pages will be emitted
  std::function<void(Problem)> problem;
  std::function<bool()> stopping;
};

// A Confluence XML export: entities.xml (streamed) joined with its page bodies.
void read_xml_export(const FileTree& tree, const std::string& entities_name, const std::string& source,
                     SourceContext& context);

// A Confluence HTML export or any tree of HTML, text and Markdown files.
void read_document_tree(const FileTree& tree, const std::string& source, SourceContext& context);

// A path given on the command line: an export zip, an export folder, a folder or a single file.
// Problems (unreadable archive, damaged entry, malformed XML) are reported and the sweep goes on.
void read_path(const std::filesystem::path& path, SourceContext& context);

}  // namespace phisentry::sweep
