#include "phisentry/sweep/site_reader.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "phisentry/sweep/http.h"

namespace phisentry::sweep {
namespace {
using nlohmann::json;

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// scheme://host[:port], so that a next link can never send the token to another server.
std::string origin_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const std::size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string base64(const std::string& text) {
  std::string out(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::string text_at(const json& value, const json::json_pointer& pointer) {
  return value.contains(pointer) && value.at(pointer).is_string() ? value.at(pointer).get<std::string>() : "";
}

std::string id_of(const json& result) {
  const json& id = result.at("id");
  return id.is_string() ? id.get<std::string>() : id.dump();
}

std::chrono::seconds backoff(unsigned attempt) { return std::chrono::seconds(std::min(60U, 1U << std::min(attempt, 6U))); }

}  // namespace

SiteReader::SiteReader(SiteOptions options, SourceContext& context, std::function<void(const std::string&)> checkpoint)
    : options_(std::move(options)), context_(context), checkpoint_(std::move(checkpoint)) {
  options_.base_url = without_trailing_slash(options_.base_url);
}

std::string SiteReader::first_url() const {
  std::string cql = "type in (page,blogpost)";
  if (!options_.spaces.empty()) {
    std::string keys;
    for (const std::string& key : options_.spaces) keys += (keys.empty() ? "\"" : ",\"") + key + "\"";
    cql += " and space in (" + keys + ")";
  }
  cql += " order by id";
  HttpClient client;
  return options_.base_url + "/rest/api/content/search?cql=" + client.escape(cql) +
         "&expand=body.storage,version,space&limit=" + std::to_string(options_.page_size);
}

std::vector<std::string> SiteReader::auth_headers() const {
  std::vector<std::string> headers{"Accept: application/json"};
  headers.push_back(options_.user.empty() ? "Authorization: Bearer " + options_.token
                                          : "Authorization: Basic " + base64(options_.user + ":" + options_.token));
  return headers;
}

void SiteReader::fail(const std::string& message) { context_.problem({options_.base_url, message}); }

bool SiteReader::run() {
  std::string url = options_.resume_url.empty() ? first_url() : options_.resume_url;
  while (!url.empty()) {
    if (context_.stopping()) return false;
    std::string body;
    std::string next;
    if (!fetch(url, body) || !handle_batch(body, next)) return false;
    checkpoint_(next);
    url = next;
  }
  return true;
}

// Sleeps in small steps so that an interrupt is not held up by a long Retry-After.
bool SiteReader::wait(std::chrono::seconds delay) {
  const auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    if (context_.stopping()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

bool SiteReader::fetch(const std::string& url, std::string& body) {
  HttpClient client(options_.timeout);
  const auto headers = auth_headers();
  for (unsigned attempt = 0;; ++attempt) {
    HttpResponse response = client.get(url, headers);
    if (response.status == 200) {
      body = std::move(response.body);
      return true;
    }
    if (response.status == 401 || response.status == 403) {
      fail("the site refused the API token (HTTP " + std::to_string(response.status) +
           "): check the token, and for Confluence Cloud give the account's email with --user");
      return false;
    }
    if (response.status == 404 || response.status == 400) {
      fail("HTTP " + std::to_string(response.status) + " from the REST API: check --site (Cloud: "
           "https://SITE.atlassian.net/wiki) and --space");
      return false;
    }
    const auto retry_after = parse_retry_after(response.retry_after, std::time(nullptr));
    const bool throttled = response.status == 429 || (response.status == 503 && retry_after);
    const std::string why = response.status == 0 ? response.transport_error
                                                 : "HTTP " + std::to_string(response.status);
    if (attempt >= options_.max_retries) {
      fail("gave up after " + std::to_string(attempt + 1) + " tries (" + why + "): run again with --resume");
      return false;
    }
    const std::chrono::seconds delay = throttled && retry_after ? *retry_after : backoff(attempt);
    if (delay > options_.max_retry_wait) {
      fail("the site asked to wait " + std::to_string(delay.count()) + " s (" + why +
           "), longer than --max-retry-wait: run again later with --resume");
      return false;
    }
    spdlog::info("sweep: {} from the site, retrying in {} s", why, delay.count());
    if (!wait(delay)) return false;
  }
}

std::string SiteReader::resolve_next(const std::string& next, const std::string& context_path) const {
  std::string url;
  if (next.starts_with("http://") || next.starts_with("https://")) {
    url = next;
  } else if (!context_path.empty() && next.starts_with(context_path + "/") && options_.base_url.ends_with(context_path)) {
    url = options_.base_url.substr(0, options_.base_url.size() - context_path.size()) + next;
  } else {
    url = options_.base_url + next;
  }
  if (origin_of(url) != origin_of(options_.base_url)) {
    throw std::runtime_error("the next-page link points to another server; refusing to send the token there");
  }
  return url;
}

// The progress total: CQL search tells the size of the whole result (less what a resumed sweep did);
// without it each batch announces itself.
void SiteReader::announce(const json& page, std::size_t batch) {
  if (!total_known_ && page.contains("totalSize") && page.at("totalSize").is_number()) {
    total_known_ = true;
    context_.expect(page.at("totalSize").get<long>() - page.value("start", 0L));
  } else if (!total_known_) {
    context_.expect(static_cast<long>(batch));
  }
}

bool SiteReader::handle_batch(const std::string& body, std::string& next_url) {
  try {
    const json page = json::parse(body);
    const json& results = page.at("results");
    announce(page, results.size());
    for (const json& result : results) {
      Page item;
      item.location.source = options_.base_url;
      item.location.site_url = options_.base_url;
      item.location.space_key = text_at(result, "/space/key"_json_pointer);
      item.location.space_name = text_at(result, "/space/name"_json_pointer);
      const std::string space_path = text_at(result, "/space/_links/webui"_json_pointer);
      item.location.space_url = options_.base_url + (space_path.empty() ? "/spaces/" + item.location.space_key : space_path);
      item.id = id_of(result);
      item.kind = text_at(result, "/type"_json_pointer);
      item.title = text_at(result, "/title"_json_pointer);
      item.url = options_.base_url + "/pages/viewpage.action?pageId=" + item.id;  // no title in it
      item.last_modified = text_at(result, "/version/when"_json_pointer);
      item.format = BodyFormat::storage;
      item.body = text_at(result, "/body/storage/value"_json_pointer);
      if (!context_.emit(std::move(item))) return false;
    }
    const std::string next = text_at(page, "/_links/next"_json_pointer);
    next_url = next.empty() ? std::string{} : resolve_next(next, text_at(page, "/_links/context"_json_pointer));
    return true;
  } catch (const json::parse_error& e) {
    // Its own message quotes the text it read, which may be a page's: give the offset only.
    fail("the REST API answered with invalid JSON (at byte " + std::to_string(e.byte) + ")");
    return false;
  } catch (const std::exception& e) {
    fail(std::string("unexpected answer from the REST API: ") + e.what());
    return false;
  }
}

}  // namespace phisentry::sweep
