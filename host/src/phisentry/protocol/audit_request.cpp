#include "phisentry/protocol/audit_request.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "phisentry/policy/verdict.h"
#include "phisentry/protocol/reply.h"

namespace phisentry::protocol {
namespace {

using nlohmann::json;

RequestError bad(std::string message) { return {ErrorCode::bad_message, std::move(message)}; }

const std::string* optional_string(const json& request, const char* name) {
  if (!request.contains(name)) return nullptr;
  if (!request.at(name).is_string()) throw bad(std::string("member '") + name + "' must be a string");
  return &request.at(name).get_ref<const std::string&>();
}

audit::Event event_of(const json& request) {
  const std::string* name = optional_string(request, "event");
  const auto event = name ? audit::parse_event(*name) : std::nullopt;
  if (!event || !audit::reported_by_extension(*event)) {
    throw bad("member 'event' must be one of warning_shown, save_cancelled, placeholders_inserted, save_anyway, "
              "not_phi_marked, scanner_unavailable");
  }
  return *event;
}

// Categories, rule ids and keyed value hashes of the matches; the values go no further.
void add_matches(const json& request, const AuditContext& context, audit::EventDetails& details) {
  if (!request.contains("matches")) return;
  const json& matches = request.at("matches");
  if (!matches.is_array() || matches.size() > kMaxAuditMatches) throw bad("member 'matches' must be a list of {rule, value} (at most 10000)");
  const auto& rules = context.scanner.compiled().pack().rules;
  std::set<std::string> rule_ids;
  for (const json& match : matches) {
    if (!match.is_object() || !match.contains("rule") || !match["rule"].is_string() || !match.contains("value") ||
        !match["value"].is_string()) {
      throw bad("each of 'matches' must be {\"rule\": string, \"value\": string}");
    }
    const auto rule = context.rule_index.find(match["rule"].get_ref<const std::string&>());
    if (rule == context.rule_index.end()) throw bad("'matches' names a rule this host does not have");
    const std::string& category = rules[rule->second].category;
    ++details.categories[category];
    rule_ids.insert(rules[rule->second].id);
    if (context.trail) details.values.push_back(context.trail->value_hash(category, match["value"].get_ref<const std::string&>()));
  }
  details.rules.assign(rule_ids.begin(), rule_ids.end());
}

std::string refusal(const json& id, std::string_view code, const std::string& message) {
  spdlog::info("audit: refused ({})", code);
  return json{{"type", "audit_result"}, {"id", id}, {"recorded", false}, {"refused", code}, {"message", message}}.dump();
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string category_list(const std::map<std::string, int>& categories) {
  std::string list;
  for (const auto& [category, count] : categories) list += (list.empty() ? "" : ", ") + category;
  return list;
}

// Why this override may not be recorded (and so may not save), or "" when it may.
std::optional<std::string> override_refusal(const json& id, const AuditContext& context, const policy::Verdict& verdict,
                                            const std::string& justification) {
  const policy::Policy& policy = context.policy;
  if (!policy.allow_override || verdict.action == policy::Action::block) {
    return refusal(id, "override_not_allowed", "the policy does not allow saving anyway here");
  }
  if (policy.require_justification && code_points(justification) < static_cast<std::size_t>(policy.justification_min_length)) {
    return refusal(id, "justification_short",
                   "a justification of at least " + std::to_string(policy.justification_min_length) + " characters is required");
  }
  if (const auto found = phi_categories(context.scanner, policy, justification); !found.empty()) {
    return refusal(id, "justification_phi",
                   "the justification looks like it contains PHI (" + category_list(found) + "); please rephrase it");
  }
  return std::nullopt;
}

}  // namespace

std::map<std::string, int> phi_categories(scan::Scanner& scanner, const policy::Policy& policy, std::string_view text) {
  text::Utf8Text checked;
  if (!text::Utf8Text::validate(text, checked)) throw RequestError{ErrorCode::invalid_utf8, "text is not valid UTF-8"};
  std::map<std::string, int> found;
  const auto& rules = scanner.compiled().pack().rules;
  for (const scan::Finding& finding : scanner.scan(checked).findings) {
    const std::string& category = rules[finding.rule].category;
    if (finding.confidence >= policy.warn_at && policy.category_enabled(category)) ++found[category];
  }
  return found;
}

std::string handle_audit(const json& request, const json& id, const AuditContext& context) {
  audit::EventDetails details;
  details.event = event_of(request);
  const std::string* url = optional_string(request, "url");
  const std::string* product = optional_string(request, "product");
  const std::string* justification = optional_string(request, "justification");
  if (justification && justification->size() > kMaxJustificationBytes) throw bad("member 'justification' is longer than 2000 bytes");
  const policy::Verdict verdict = policy::decide(context.policy, url ? *url : "", product ? *product : "");
  if (details.event == audit::Event::save_anyway) {
    if (auto refused = override_refusal(id, context, verdict, justification ? *justification : "")) return *refused;
    if (justification) details.justification = *justification;
  }
  if (context.trail == nullptr) return refusal(id, "audit_unavailable", "the audit trail cannot be written on this computer");
  add_matches(request, context, details);
  details.workspace = verdict.workspace.host;
  if (url && !url->empty()) details.page = context.trail->page_hash(*url);
  details.covered = verdict.covered;
  details.action = std::string(policy::to_string(verdict.action));
  try {
    context.trail->record(details);
  } catch (const std::runtime_error& e) {
    spdlog::error("audit: {}", e.what());
    return refusal(id, "audit_unavailable", "the audit trail cannot be written on this computer");
  }
  return json{{"type", "audit_result"}, {"id", id}, {"recorded", true}}.dump();
}

}  // namespace phisentry::protocol
