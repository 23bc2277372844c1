#pragma once
// Confluence Cloud and Data Center over REST: pages and blog posts with their storage-format bodies,
// page by page (CQL content search, following _links.next), honouring 429/503 Retry-After, and
// resumable from the last page of results whose pages were all reported.

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "phisentry/sweep/source.h"

namespace phisentry::sweep {

struct SiteOptions {
  std::string base_url;             // Cloud: https://SITE.atlassian.net/wiki; Data Center: its base URL
  std::vector<std::string> spaces;  // space keys; empty: every space the token can read
  std::string user;                 // Cloud: the account's email (basic auth); empty: bearer token (DC)
  std::string token;                // never from the command line
  unsigned page_size = 50;
  unsigned max_retries = 6;
  std::chrono::seconds max_retry_wait{300};
  std::chrono::seconds timeout{60};
  std::string resume_url;           // where an interrupted sweep stopped (empty: from the start)
};

class SiteReader {
 public:
  // `checkpoint(next_url)` is called after each batch of pages was emitted; the caller saves it
  // once those pages are reported (an empty next_url: the site was read to the end).
  SiteReader(SiteOptions options, SourceContext& context, std::function<void(const std::string&)> checkpoint);

  // True when every page was read; false when it stopped (a problem was reported, or interrupted).
  bool run();

  std::string first_url() const;

 private:
  bool fetch(const std::string& url, std::string& body);
  bool handle_batch(const std::string& body, std::string& next_url);
  void announce(const nlohmann::json& page, std::size_t batch);
  std::string resolve_next(const std::string& next, const std::string& context_path) const;
  bool wait(std::chrono::seconds delay);
  std::vector<std::string> auth_headers() const;
  void fail(const std::string& message);

  SiteOptions options_;
  SourceContext& context_;
  std::function<void(const std::string&)> checkpoint_;
  bool total_known_ = false;
};

}  // namespace phisentry::sweep
