#include "phisentry/sweep/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "phisentry/version.h"

namespace phisentry::sweep {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() &&
      std::equal(kName.begin(), kName.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    std::string value(line.substr(kName.size()));
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    *static_cast<std::string*>(user) = value;
  }
  return size * count;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

void init_http_library() { curl_global_init(CURL_GLOBAL_DEFAULT); }

HttpClient::HttpClient(std::chrono::seconds timeout) : curl_(curl_easy_init()), timeout_(timeout) {
  if (curl_ == nullptr) throw std::runtime_error("libcurl failed to initialise");
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

std::string HttpClient::escape(const std::string& text) {
  char* escaped = curl_easy_escape(curl_, text.c_str(), static_cast<int>(text.size()));
  std::string result = escaped == nullptr ? std::string{} : escaped;
  curl_free(escaped);
  return result;
}

HttpResponse HttpClient::get(const std::string& url, const std::vector<std::string>& headers) {
  HttpResponse response;
  HeaderList list;
  for (const std::string& header : headers) list.list = curl_slist_append(list.list, header.c_str());
  const std::string agent = std::string("phisentry-sweep/") + kVersion;
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list.list);
  curl_easy_setopt(curl_, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the token elsewhere
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.retry_after);
  const CURLcode code = curl_easy_perform(curl_);
  if (code != CURLE_OK) {
    response.transport_error = curl_easy_strerror(code);
    return response;
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::optional<std::chrono::seconds> parse_retry_after(const std::string& value, std::time_t now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (value.size() > 9) return std::chrono::seconds(999999999);
    return std::chrono::seconds(std::stol(value));
  }
  const std::time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::chrono::seconds(std::max<std::time_t>(0, when - now));
}

}  // namespace phisentry::sweep
