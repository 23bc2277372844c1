// Export folders, XML exports and page analysis, on synthetic pages written by the tests.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "phisentry/sweep/analyzer.h"
#include "phisentry/sweep/html_text.h"
#include "phisentry/sweep/report.h"
#include "phisentry/sweep/source.h"
#include "test_support.h"

using namespace phisentry;
using namespace phisentry::sweep;
using namespace phisentry::crypto;
namespace fs = std::filesystem;

namespace {

struct Collected {
  std::vector<Page> pages;
  std::vector<Problem> problems;
  long expected = 0;

  SourceContext context() {
    return {[this](Page&& p) {
              pages.push_back(std::move(p));
              return true;
            },
            [this](long n) { expected += n; }, [this](Problem p) { problems.push_back(std::move(p)); },
            [] { return false; }};
  }
  const Page* with_id(const std::string& id) const {
    for (const Page& p : pages) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
};

class ScratchDir {
 public:
  ScratchDir() : path_(fs::temp_directory_path() / ("phisentry-sweep-src-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

std::string xml_object(const std::string& cls, const std::string& id, const std::string& properties) {
  return "<object class=\"" + cls + "\" package=\"com.atlassian.confluence.pages\"><id name=\"id\">" + id + "</id>" +
         properties + "</object>\n";
}

std::string text_property(const std::string& name, const std::string& value) {
  return "<property name=\"" + name + "\"><![CDATA[" + value + "]]></property>";
}

std::string ref_property(const std::string& name, const std::string& id) {
  return "<property name=\"" + name + "\" class=\"X\" package=\"p\"><id name=\"id\">" + id + "</id></property>";
}

std::string synthetic_entities(const std::string& tail) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hibernate-generic datetime=\"2024-03-05\">\n" +
         xml_object("Space", "9", text_property("key", "OPS") + text_property("name", "Clinic Ops")) +
         xml_object("Page", "10", text_property("title", "Huddle") + ref_property("space", "9") +
                                      "<property name=\"lastModificationDate\">2024-03-04 10:11:12.000</property>" +
                                      text_property("contentStatus", "current")) +
         xml_object("BodyContent", "11", text_property("body", "<p>Pt SSN: 512-44-6789</p>") + ref_property("content", "10")) +
         xml_object("Page", "20", text_property("title", "Huddle") + ref_property("originalVersion", "10")) +
         xml_object("BodyContent", "21", text_property("body", "<p>old</p>") + ref_property("content", "20")) + tail;
}

}  // namespace

TEST_CASE("an HTML export folder: pages by id, attachments under their page, the space from the folder") {
  ScratchDir dir;
  dir.write("OPS/index.html", "<title>Ops</title>");
  dir.write("OPS/Huddle-notes_65601.html", "<div id=\"main-content\">x</div>");
  dir.write("OPS/attachments/65601/65602.txt", "call log");
  dir.write("OPS/styles/site.css", "body{}");
  dir.write("OPS/images/logo.png", "\x89PNG");
  Collected got;
  SourceContext context = got.context();
  read_path(dir.path(), context);
  CHECK(got.problems.empty());
  CHECK(got.expected == 3);
  REQUIRE(got.pages.size() == 3);
  const Page* page = got.with_id("65601");
  REQUIRE(page != nullptr);
  CHECK(page->kind == "page");
  CHECK(page->format == BodyFormat::html);
  CHECK(page->location.space_key == "OPS");
  const Page* attachment = got.with_id("OPS/attachments/65601/65602.txt");
  REQUIRE(attachment != nullptr);
  CHECK(attachment->kind == "attachment");
  CHECK(attachment->parent_id == "65601");
  CHECK(attachment->body == "call log");
}

TEST_CASE("an XML export: current pages joined with their bodies and spaces; earlier versions skipped") {
  ScratchDir dir;
  dir.write("entities.xml", synthetic_entities("</hibernate-generic>\n"));
  Collected got;
  SourceContext context = got.context();
  read_path(dir.path(), context);
  CHECK(got.problems.empty());
  REQUIRE(got.pages.size() == 1);
  const Page& page = got.pages[0];
  CHECK(page.id == "10");
  CHECK(page.title == "Huddle");
  CHECK(page.location.space_key == "OPS");
  CHECK(page.location.space_name == "Clinic Ops");
  CHECK(page.last_modified == "2024-03-04 10:11:12.000");
  CHECK(page.format == BodyFormat::storage);
  CHECK(page.body == "<p>Pt SSN: 512-44-6789</p>");
}

TEST_CASE("malformed XML: a problem with its line, and the pages read before it are still emitted") {
  ScratchDir dir;
  dir.write("entities.xml", synthetic_entities("<object class=\"Page\"><id name=\"id\">30</oops>\n"));
  Collected got;
  SourceContext context = got.context();
  read_path(dir.path(), context);
  REQUIRE(got.problems.size() == 1);
  CHECK_MESSAGE(got.problems[0].message.starts_with("malformed XML at line 8:"), got.problems[0].message);
  CHECK(got.with_id("10") != nullptr);
}

TEST_CASE("a missing path and a file that is not a zip are problems, not crashes") {
  ScratchDir dir;
  dir.write("fake.zip", "PK\x03\x04 not really");
  Collected got;
  SourceContext context = got.context();
  read_path(dir.path() / "missing", context);
  read_path(dir.path() / "fake.zip", context);
  REQUIRE(got.problems.size() == 2);
  CHECK(got.problems[0].message == "no such file or folder");
  CHECK(got.problems[1].message.starts_with("not a readable zip archive"));
}

TEST_CASE("analysis counts categories with keyed hashes and redacts identifiers in titles") {
  init_xml_library();
  std::array<unsigned char, ValueHasher::kKeyBytes> key{};
  const ValueHasher hasher(key);
  const GlobCoverage coverage({"OPS"});
  PageAnalyzer analyzer(testing::shipped_pack(), hasher, coverage, rules::Confidence::medium);
  Page page;
  page.location.space_key = "OPS";
  page.id = "10";
  page.title = "Call back re SSN 512-44-6789";
  page.url = "export.zip!OPS/Call-back-re-SSN-512-44-6789_10.html";
  page.format = BodyFormat::storage;
  page.body = "<p>DOB: 03/04/1961</p><p>SSN: 512 44 6789</p>";
  const PageReport report = analyzer.analyze(page);
  CHECK(report.covered_by == "--covered OPS");
  REQUIRE(report.categories.contains("ssn"));
  CHECK(report.categories.at("ssn").count == 2);
  CHECK(report.categories.at("ssn").hashes.size() == 1);  // the same number in the title and the body
  CHECK(report.categories.at("date").count == 1);
  CHECK(report.title == "Call back re SSN [ssn]");
  CHECK(report.url == "export.zip!OPS/Call-back-re-SSN-[ssn]_10.html");
  const std::string line = to_json(report).dump();
  CHECK(line.find("6789") == std::string::npos);
  CHECK(line.find("1961") == std::string::npos);
}
