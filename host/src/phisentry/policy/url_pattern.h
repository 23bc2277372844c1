#pragma once
// Workspace patterns in the policy: "https://clinic.atlassian.net/wiki/*", "https://*.clinic.example/*",
// "https://clinic.atlassian.net/wiki/spaces/OPS/*". Like browser match patterns: a scheme (http,
// https or *), a host (exact, or "*." and a domain), a path where "*" stands for any characters.

#include <optional>
#include <string>
#include <string_view>

namespace phisentry::policy {

class UrlPattern {
 public:
  // The pattern, or the reason it is not one.
  static std::optional<UrlPattern> parse(std::string_view text, std::string& error);

  bool matches(std::string_view url) const;
  // Longer literal text = more specific; the most specific matching entry decides.
  std::size_t specificity() const { return specificity_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::string scheme_;  // "http", "https" or "*"
  std::string host_;    // lower case; "*.example.org" matches example.org and its subdomains
  std::string path_;    // starts with '/'; '*' is a wildcard
  std::size_t specificity_ = 0;
};

// The parts of a URL a pattern is matched against; nullopt when it is not an http(s) URL.
struct UrlParts {
  std::string scheme;
  std::string host;  // lower case, no port
  std::string port;  // "" when default
  std::string path;  // starts with '/', without query and fragment
};
std::optional<UrlParts> split_url(std::string_view url);

// Whether `text` matches `pattern`, where '*' in the pattern stands for any run of characters.
bool glob_matches(std::string_view pattern, std::string_view text);

}  // namespace phisentry::policy
