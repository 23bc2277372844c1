#include "phisentry/policy/url_pattern.h"

#include <algorithm>

namespace phisentry::policy {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

bool valid_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool valid_host(std::string_view host) {
  if (host.starts_with("*.")) host.remove_prefix(2);
  return !host.empty() && host.front() != '.' && host.back() != '.' && std::all_of(host.begin(), host.end(), valid_host_char);
}

bool host_matches(const std::string& pattern, const std::string& host) {
  if (!pattern.starts_with("*.")) return pattern == host;
  const std::string_view domain = std::string_view(pattern).substr(2);
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with one backtrack point: linear enough for policy-sized patterns.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<UrlParts> split_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  UrlParts parts;
  parts.scheme = lower(url.substr(0, scheme_end));
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  const auto path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  parts.path = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    parts.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  parts.host = lower(authority);
  if (parts.host.empty()) return std::nullopt;
  return parts;
}

std::optional<UrlPattern> UrlPattern::parse(std::string_view text, std::string& error) {
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    error = "must look like https://host/path*";
    return std::nullopt;
  }
  UrlPattern pattern;
  pattern.text_ = std::string(text);
  pattern.scheme_ = lower(text.substr(0, scheme_end));
  if (pattern.scheme_ != "http" && pattern.scheme_ != "https" && pattern.scheme_ != "*") {
    error = "scheme must be http, https or *";
    return std::nullopt;
  }
  const std::string_view rest = text.substr(scheme_end + 3);
  const auto path_start = rest.find('/');
  if (path_start == std::string_view::npos) {
    error = "needs a path, e.g. /* or /wiki/*";
    return std::nullopt;
  }
  pattern.host_ = lower(rest.substr(0, path_start));
  pattern.path_ = std::string(rest.substr(path_start));
  if (!valid_host(pattern.host_)) {
    error = "host must be a domain name or *. and a domain name";
    return std::nullopt;
  }
  if (pattern.path_.find_first_of("?#") != std::string::npos) {
    error = "the path must not hold a query or a fragment";
    return std::nullopt;
  }
  pattern.specificity_ = pattern.host_.size() * 1000 + static_cast<std::size_t>(std::count_if(
      pattern.path_.begin(), pattern.path_.end(), [](char c) { return c != '*'; }));
  if (pattern.host_.starts_with("*.")) pattern.specificity_ -= 2000;  // a wildcard host is less specific
  return pattern;
}

bool UrlPattern::matches(std::string_view url) const {
  const auto parts = split_url(url);
  if (!parts) return false;
  if (scheme_ != "*" && scheme_ != parts->scheme) return false;
  return host_matches(host_, parts->host) && glob_matches(path_, parts->path);
}

}  // namespace phisentry::policy
