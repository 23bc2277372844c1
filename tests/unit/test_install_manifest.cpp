// Reading a native-messaging manifest and naming every mistake a browser would silently reject.

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "phisentry/install/extension_ids.h"
#include "phisentry/install/manifest.h"

using namespace phisentry::install;
using nlohmann::json;

namespace {

constexpr const char* kId = "abcdefghijklmnopabcdefghijklmnop";

json chromium_manifest() {
  return {{"name", "org.phisentry.host"},
          {"description", "PHI Sentry local scanner"},
          {"path", "/usr/bin/phisentry"},
          {"type", "stdio"},
          {"allowed_origins", {chromium_origin(kId)}}};
}

bool mentions(const ManifestReading& reading, const std::string& words) {
  return std::any_of(reading.problems.begin(), reading.problems.end(),
                     [&](const std::string& p) { return p.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("a well-formed Chromium manifest has no problems and allows exactly its origin") {
  const ManifestReading reading = parse_manifest(chromium_manifest().dump(), Browser::chromium);
  REQUIRE(reading.ok());
  CHECK(reading.manifest->path == "/usr/bin/phisentry");
  CHECK(manifest_allows(*reading.manifest, "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"));
  CHECK_FALSE(manifest_allows(*reading.manifest, "chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/"));
  CHECK_FALSE(manifest_allows(*reading.manifest, "chrome-extension://abcdefghijklmnopabcdefghijklmnop"));
}

TEST_CASE("each mistake a browser rejects without saying why is named") {
  SUBCASE("origin without its final slash") {
    json manifest = chromium_manifest();
    manifest["allowed_origins"] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop"};
    CHECK(mentions(parse_manifest(manifest.dump(), Browser::chromium), "mind the final /"));
  }
  SUBCASE("an ID with letters past p") {
    json manifest = chromium_manifest();
    manifest["allowed_origins"] = {"chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/"};
    CHECK(mentions(parse_manifest(manifest.dump(), Browser::chromium), "is not chrome-extension://"));
  }
  SUBCASE("relative path") {
    json manifest = chromium_manifest();
    manifest["path"] = "bin/phisentry";
    CHECK(mentions(parse_manifest(manifest.dump(), Browser::chromium), "must be absolute"));
  }
  SUBCASE("wrong type and name") {
    json manifest = chromium_manifest();
    manifest["type"] = "socket";
    manifest["name"] = "org.phisentry.other";
    const ManifestReading reading = parse_manifest(manifest.dump(), Browser::chromium);
    CHECK(mentions(reading, "\"type\" must be \"stdio\""));
    CHECK(mentions(reading, "not \"org.phisentry.host\""));
  }
  SUBCASE("missing description, empty origin list") {
    json manifest = chromium_manifest();
    manifest.erase("description");
    manifest["allowed_origins"] = json::array();
    const ManifestReading reading = parse_manifest(manifest.dump(), Browser::chromium);
    CHECK(mentions(reading, "\"description\" must be a non-empty string"));
    CHECK(mentions(reading, "\"allowed_origins\" must be a non-empty list"));
  }
  SUBCASE("a Firefox manifest in a Chromium folder") {
    json manifest = chromium_manifest();
    manifest.erase("allowed_origins");
    manifest["allowed_extensions"] = {"phisentry@phisentry.org"};
    CHECK(mentions(parse_manifest(manifest.dump(), Browser::edge), "\"allowed_origins\""));
    CHECK(parse_manifest(manifest.dump(), Browser::firefox).ok());
  }
  SUBCASE("not JSON, or JSON but not an object") {
    CHECK(mentions(parse_manifest("{\"name\": ", Browser::chromium), "not a JSON object"));
    CHECK(mentions(parse_manifest("[]", Browser::chromium), "not a JSON object"));
    CHECK_FALSE(parse_manifest("", Browser::chromium).manifest.has_value());
  }
}

TEST_CASE("Firefox callers are add-on ids, checked against allowed_extensions") {
  json manifest = chromium_manifest();
  manifest.erase("allowed_origins");
  manifest["allowed_extensions"] = {"phisentry@phisentry.org"};
  const ManifestReading reading = parse_manifest(manifest.dump(), Browser::firefox);
  REQUIRE(reading.ok());
  CHECK(manifest_allows(*reading.manifest, "phisentry@phisentry.org"));
  CHECK_FALSE(manifest_allows(*reading.manifest, "other@example.org"));
}

TEST_CASE("Chromium extension IDs are 32 letters a-p") {
  CHECK(is_chromium_extension_id(kId));
  CHECK_FALSE(is_chromium_extension_id("abcdefghijklmnopabcdefghijklmno"));
  CHECK_FALSE(is_chromium_extension_id("abcdefghijklmnopabcdefghijklmnoq"));
  CHECK_FALSE(is_chromium_extension_id("ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"));
}

TEST_CASE("the extension-ids file: families, comments, and a line that is neither") {
  const ExtensionIds ids = parse_extension_ids("# header\nchromium abcdefghijklmnopabcdefghijklmnop  # test key\n\n"
                                               "firefox phisentry@phisentry.org\nfirefox other@clinic.example\n");
  CHECK(ids.chromium == std::vector<std::string>{kId});
  CHECK(ids.firefox == std::vector<std::string>{"phisentry@phisentry.org", "other@clinic.example"});
  CHECK_THROWS_WITH_AS(parse_extension_ids("opera abc\n"), doctest::Contains("line 1"), std::runtime_error);
  CHECK_THROWS_AS(parse_extension_ids("chromium\n"), std::runtime_error);
  CHECK_THROWS_AS(parse_extension_ids("chromium a b\n"), std::runtime_error);
  CHECK(read_extension_ids("/nonexistent/extension-ids.txt").empty());
}

TEST_CASE("the shipped manifests/extension-ids.txt parses and names the test extension") {
  const ExtensionIds ids = read_extension_ids(std::string(PHISENTRY_TEST_DATA_DIR) + "/../manifests/extension-ids.txt");
  REQUIRE(ids.chromium.size() == 1);
  CHECK(is_chromium_extension_id(ids.chromium[0]));
  CHECK(ids.firefox == std::vector<std::string>{"phisentry@phisentry.org"});
}
