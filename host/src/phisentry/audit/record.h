#pragma once
// One audit record: what happened, where, which categories and rules, keyed hashes of the values,
// never the values. Records form a hash chain: each holds the hash of the one before.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace phisentry::audit {

enum class Event : std::uint8_t {
  warning_shown,
  save_cancelled,
  placeholders_inserted,
  save_anyway,
  not_phi_marked,
  scanner_unavailable,
  host_started,
  host_stopped,
  policy_loaded,
  policy_rejected,
  checkpoint,
};
std::string_view to_string(Event event);
std::optional<Event> parse_event(std::string_view name);
// Events the extension may report (the others the host writes itself).
bool reported_by_extension(Event event);

// What a caller knows about an event; the log adds seq, time, prev and hash.
struct EventDetails {
  Event event = Event::host_started;
  std::string workspace;                 // host name of the workspace, e.g. clinic.atlassian.net
  std::string page;                      // keyed hash of the page URL ("" when none)
  std::optional<bool> covered;
  std::string action;                    // the verdict's action, "" when none
  std::map<std::string, int> categories; // counts by category
  std::vector<std::string> rules;        // rule ids, sorted, unique
  std::vector<std::string> values;       // keyed hashes of the matched values
  std::string justification;             // only for save_anyway; scanned for PHI before it gets here
  std::string detail;                    // host events: e.g. which policy source and key was refused
};

// The record's fields (without seq, time, prev, hash) as JSON.
nlohmann::json details_json(const EventDetails& details);

// "blake2b:" + 64 hex digits of BLAKE2b-256 over the record's canonical form without "hash".
std::string record_hash(const nlohmann::json& record);
inline constexpr std::string_view kGenesisHash =
    "blake2b:0000000000000000000000000000000000000000000000000000000000000000";

// UTC, millisecond precision: 2026-11-23T18:04:05.123Z.
std::string utc_timestamp();

}  // namespace phisentry::audit
