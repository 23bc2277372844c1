#include "phisentry/protocol/reply.h"

#include <array>

namespace phisentry::protocol {
namespace {
using nlohmann::json;

// Replace rather than throw if a message ever holds invalid UTF-8: a reply must always be sendable.
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string envelope(const ResultReply& reply, bool truncated) {
  json head = reply.extra;
  head["type"] = "result";
  head["id"] = reply.id;
  head["counts"] = reply.counts;
  head["truncated"] = truncated;
  head["elapsed_us"] = reply.elapsed_us;
  if (reply.incomplete) head["incomplete"] = true;
  return dump(head);
}
}  // namespace

std::string_view to_string(ErrorCode code) {
  static constexpr std::array<std::string_view, 9> kNames{"too_large",    "invalid_utf8", "invalid_json",
                                                           "bad_message",  "unknown_type", "internal",
                                                           "timeout",      "out_of_memory", "rules_unverified"};
  return kNames.at(static_cast<std::size_t>(code));
}

std::string error_reply(const json& id, ErrorCode code, std::string_view message) {
  return dump(json{{"type", "error"}, {"id", id}, {"code", to_string(code)}, {"message", message}});
}

json finding_json(const scan::Finding& finding, std::uint32_t start_utf16, std::uint32_t end_utf16,
                  const rules::Rule& rule) {
  json out{{"start", start_utf16},
           {"end", end_utf16},
           {"rule", rule.id},
           {"name", rule.name},
           {"category", rule.category},
           {"hipaa", std::string(1, rule.hipaa)},
           {"confidence", rules::to_string(finding.confidence)},
           {"why", finding.why}};
  // Optional in a rule (rules/README.md): absent here too, so the extension's own placeholder applies.
  if (!rule.placeholder.empty()) out["placeholder"] = rule.placeholder;
  return out;
}

std::string encode_result(const ResultReply& reply, std::size_t max_bytes) {
  // The envelope is an object ending in '}': findings are spliced in as its last member.
  std::string head = envelope(reply, false);
  std::size_t budget = max_bytes - head.size() - std::string_view(",\"findings\":[]").size();
  std::size_t fitting = 0;
  std::size_t findings_bytes = 0;
  for (const std::string& finding : reply.findings) {
    const std::size_t cost = finding.size() + (fitting > 0 ? 1 : 0);
    if (cost > budget) break;
    budget -= cost;
    findings_bytes += cost;
    ++fitting;
  }
  if (fitting < reply.findings.size()) {
    head = envelope(reply, true);  // "true" is one byte shorter than "false": still fits
  }
  head.pop_back();
  // Sized once: grown by doubling, a 1 MiB page's reply held up to twice its size at the peak.
  head.reserve(head.size() + std::string_view(",\"findings\":[]}").size() + findings_bytes);
  head += ",\"findings\":[";
  for (std::size_t i = 0; i < fitting; ++i) {
    if (i > 0) head += ',';
    head += reply.findings[i];
  }
  head += "]}";
  return head;
}

}  // namespace phisentry::protocol
