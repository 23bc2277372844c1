#pragma once
// HTTP GET through libcurl, for the Confluence REST APIs. Credentials travel only in headers the
// caller passes; nothing here logs a header or a body.

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

typedef void CURL;  // NOLINT: libcurl's own handle type

namespace phisentry::sweep {

struct HttpResponse {
  long status = 0;              // 0 when no response came (see transport_error)
  std::string body;
  std::string retry_after;      // the Retry-After header, if any
  std::string transport_error;  // libcurl's reason when the request failed before a response
};

class HttpClient {
 public:
  explicit HttpClient(std::chrono::seconds timeout = std::chrono::seconds(60));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse get(const std::string& url, const std::vector<std::string>& headers);
  std::string escape(const std::string& text);

 private:
  CURL* curl_;
  std::chrono::seconds timeout_;
};

// Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3).
std::optional<std::chrono::seconds> parse_retry_after(const std::string& value, std::time_t now);

// Must be called once before any thread uses libcurl.
void init_http_library();

}  // namespace phisentry::sweep
