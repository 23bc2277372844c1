#include "phisentry/audit/record.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace phisentry::audit {
namespace {

constexpr std::array<std::string_view, 11> kEventNames{
    "warning_shown", "save_cancelled", "placeholders_inserted", "save_anyway", "not_phi_marked", "scanner_unavailable",
    "host_started",  "host_stopped",   "policy_loaded",         "policy_rejected", "checkpoint"};

}  // namespace

std::string_view to_string(Event event) { return kEventNames[static_cast<std::size_t>(event)]; }

std::optional<Event> parse_event(std::string_view name) {
  for (std::size_t i = 0; i < kEventNames.size(); ++i) {
    if (kEventNames[i] == name) return static_cast<Event>(i);
  }
  return std::nullopt;
}

bool reported_by_extension(Event event) { return event <= Event::scanner_unavailable; }

nlohmann::json details_json(const EventDetails& details) {
  nlohmann::json record{{"event", to_string(details.event)}};
  if (!details.workspace.empty()) record["workspace"] = details.workspace;
  if (!details.page.empty()) record["page"] = details.page;
  if (details.covered) record["covered"] = *details.covered;
  if (!details.action.empty()) record["action"] = details.action;
  if (!details.categories.empty()) record["categories"] = details.categories;
  if (!details.rules.empty()) record["rules"] = details.rules;
  if (!details.values.empty()) record["values"] = details.values;
  if (!details.justification.empty()) record["justification"] = details.justification;
  if (!details.detail.empty()) record["detail"] = details.detail;
  return record;
}

std::string record_hash(const nlohmann::json& record) {
  nlohmann::json body = record;
  body.erase("hash");
  // nlohmann keeps object keys sorted, so dump() is canonical for records this module writes.
  const std::string canonical = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  std::array<unsigned char, 32> digest{};
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size(), nullptr, 0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return "blake2b:" + std::string(hex.data(), 64);
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  const std::size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  std::array<char, 8> fraction{};
  std::snprintf(fraction.data(), fraction.size(), ".%03dZ", static_cast<int>(millis));
  return std::string(text.data(), length) + fraction.data();
}

}  // namespace phisentry::audit
