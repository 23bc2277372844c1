#pragma once
// Building replies: typed errors, and scan results cut to the browsers' 1 MiB reply limit.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "phisentry/scan/scanner.h"

namespace phisentry::protocol {

enum class ErrorCode {
  too_large, invalid_utf8, invalid_json, bad_message, unknown_type, internal, timeout, out_of_memory, rules_unverified
};
std::string_view to_string(ErrorCode code);

std::string error_reply(const nlohmann::json& id, ErrorCode code, std::string_view message);

// A request that cannot be served; becomes a typed error reply.
struct RequestError {
  ErrorCode code;
  std::string message;
};

// One finding as the protocol shows it: UTF-16 offsets, the rule's classification, plain-language name
// and placeholder (both from the rule pack), never the text.
nlohmann::json finding_json(const scan::Finding& finding, std::uint32_t start_utf16, std::uint32_t end_utf16,
                            const rules::Rule& rule);

struct ResultReply {
  nlohmann::json id;
  std::vector<std::string> findings;     // each already encoded, in order
  std::map<std::string, int> counts;     // by category, over every finding
  long long elapsed_us = 0;
  bool incomplete = false;
  nlohmann::json extra = nlohmann::json::object();  // further members later messages add (e.g. a verdict)
};

// The encoded `result`, never longer than `max_bytes`: findings that do not fit are left out and
// "truncated" is set, while "counts" still counts them all.
std::string encode_result(const ResultReply& reply, std::size_t max_bytes);

}  // namespace phisentry::protocol
