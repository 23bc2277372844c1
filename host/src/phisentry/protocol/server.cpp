#include "phisentry/protocol/server.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <set>
#include <vector>

#include "phisentry/policy/verdict.h"
#include "phisentry/protocol/audit_request.h"
#include "phisentry/protocol/reply.h"
#include "phisentry/protocol/watchdog.h"
#include "phisentry/version.h"

namespace phisentry::protocol {
namespace {

using nlohmann::json;
constexpr std::array<std::string_view, 5> kCapabilities{"hello", "ping", "scan", "policy", "audit"};

// Parses with a callback that refuses duplicate keys: two "text" members would make it ambiguous
// which one was scanned.
json parse_strict(std::string_view payload) {
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  const json::parser_callback_t refuse_duplicates = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.empty() &&
        !open_objects.back().insert(parsed.get<std::string>()).second && duplicate.empty()) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  json request;
  try {
    request = json::parse(payload, refuse_duplicates);
  } catch (const json::parse_error& e) {
    // nlohmann's message quotes the text it last read: give the position only, never the content.
    throw RequestError{ErrorCode::invalid_json, "not valid JSON at byte " + std::to_string(e.byte)};
  } catch (const json::out_of_range&) {
    throw RequestError{ErrorCode::invalid_json, "a number is out of range"};
  }
  if (!duplicate.empty()) throw RequestError{ErrorCode::bad_message, "duplicate member '" + duplicate + "'"};
  return request;
}

json request_id(const json& request) {
  if (!request.is_object() || !request.contains("id")) return nullptr;
  const json& id = request.at("id");
  if (id.is_string() || id.is_number() || id.is_null()) return id;
  throw RequestError{ErrorCode::bad_message, "'id' must be a string, a number or null"};
}

const std::string& member_string(const json& request, const char* name) {
  if (!request.contains(name) || !request.at(name).is_string()) {
    throw RequestError{ErrorCode::bad_message, std::string("member '") + name + "' must be a string"};
  }
  return request.at(name).get_ref<const std::string&>();
}

std::string optional_member_string(const json& request, const char* name) {
  if (!request.contains(name)) return {};
  return member_string(request, name);
}

// Names the refused keys and why (a policy holds no PHI; the log stays terse).
std::string describe_errors(std::string_view source, const std::vector<policy::PolicyError>& errors) {
  std::string text(source);
  for (const policy::PolicyError& error : errors) {
    text += " " + (error.key.empty() ? std::string("(document)") : error.key) + ": " + error.message + ";";
  }
  return text;
}

}  // namespace

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Server::Server(std::shared_ptr<const scan::CompiledPack> compiled, ServerOptions options, Services services)
    : compiled_(std::move(compiled)), scanner_(compiled_), options_(options), services_(std::move(services)) {
  if (!services_.policy) services_.policy = std::make_shared<policy::PolicyStore>(compiled_->pack().categories());
  const auto& rules = compiled_->pack().rules;
  for (std::uint32_t i = 0; i < rules.size(); ++i) rule_index_.emplace(rules[i].id, i);
  open_trail();
  load_value_lists();
}

void Server::load_value_lists() {
  const policy::Policy& policy = services_.policy->effective();
  std::vector<lists::ValueLists::Source> sources;
  for (const std::string& file : policy.allowlist_files) sources.push_back({lists::ListKind::allowlist, file, {}});
  for (const std::string& file : policy.edm_files) sources.push_back({lists::ListKind::edm, file, {}});
  if (sources == value_list_sources_) return;
  value_list_sources_ = sources;
  try {
    scanner_.use_value_lists(sources.empty() ? nullptr : lists::ValueLists::load(sources));
  } catch (const std::exception& e) {
    // A list that cannot be used leaves the scan at full strength: without the allowlist it may warn more.
    scanner_.use_value_lists(nullptr);
    spdlog::error("value lists unavailable: {}", e.what());
  }
}

void Server::open_trail() {
  const json& settings = services_.policy->effective_json().at("audit");
  if (!services_.open_trail || (trail_ && settings == trail_settings_)) return;
  trail_settings_ = settings;
  try {
    trail_ = services_.open_trail(services_.policy->effective().audit);
  } catch (const std::exception& e) {
    trail_.reset();
    spdlog::error("audit trail unavailable: {}", e.what());
  }
}

void Server::record_host_event(audit::Event event, std::string detail) {
  if (!trail_) return;
  try {
    audit::EventDetails details;
    details.event = event;
    details.detail = std::move(detail);
    trail_->record(details);
    if (event == audit::Event::host_stopped) trail_->seal();
  } catch (const std::exception& e) {
    spdlog::error("audit: {}", e.what());
  }
}

std::string Server::handle(std::string payload, const std::function<void(const json&)>& on_id) {
  json id = nullptr;
  try {
    if (payload.empty()) throw RequestError{ErrorCode::invalid_json, "empty message"};
    if (const auto bad = text::find_invalid_utf8(payload); bad != payload.size()) {
      throw RequestError{ErrorCode::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad)};
    }
    if (json_nesting_depth(payload) > kMaxJsonDepth) {
      throw RequestError{ErrorCode::invalid_json, "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
    }
    const json request = parse_strict(payload);
    std::string().swap(payload);
    id = request_id(request);
    if (on_id) on_id(id);
    if (!request.is_object()) throw RequestError{ErrorCode::bad_message, "a request must be a JSON object"};
    return dispatch(member_string(request, "type"), request, id);
  } catch (const RequestError& e) {
    spdlog::warn("request refused: {}", to_string(e.code));
    return error_reply(id, e.code, e.message);
  } catch (const std::bad_alloc&) {
    spdlog::error("a request needed more memory than the host's limit; refused");
    return error_reply(id, ErrorCode::out_of_memory, "the request needed more memory than the host allows");
  } catch (const std::exception& e) {
    spdlog::error("internal error while handling a request: {}", e.what());
    return error_reply(id, ErrorCode::internal, "the host failed on this request");
  }
}

std::string Server::dispatch(const std::string& type, const json& request, const json& id) {
  if (type == "scan") return scan(request, id);
  if (type == "hello") return hello(id);
  if (type == "ping") return json{{"type", "pong"}, {"id", id}}.dump();
  if (type == "policy") return policy(request, id);
  if (type == "audit") return audit(request, id);
  throw RequestError{ErrorCode::unknown_type, "unknown message type; see 'capabilities' in the hello reply"};
}

std::string Server::hello(const json& id) const {
  const rules::RulePack& pack = compiled_->pack();
  return json{{"type", "hello"},
              {"id", id},
              {"host_version", kVersion},
              {"protocol", kProtocolVersion},
              {"rules",
               {{"pack", pack.id}, {"hash", pack.hash}, {"rule_count", pack.rules.size()},
                {"categories", pack.categories()}}},
              {"limits", {{"max_request_bytes", options_.max_request_bytes}, {"max_reply_bytes", options_.max_reply_bytes}}},
              {"capabilities", kCapabilities}}
      .dump();
}

std::string Server::scan(const json& request, const json& id) {
  // The policy requires a signed rule pack and this host's is not: no scan rather than an unverified one.
  if (const auto& refusal = services_.policy->rules_refusal()) throw RequestError{ErrorCode::rules_unverified, *refusal};
  const auto started = std::chrono::steady_clock::now();
  const std::string& body = member_string(request, "text");
  const std::string url = optional_member_string(request, "url");
  const std::string product = optional_member_string(request, "product");
  text::Utf8Text text;
  if (!text::Utf8Text::validate(body, text)) throw RequestError{ErrorCode::invalid_utf8, "'text' is not valid UTF-8"};
  const scan::ScanResult result = scanner_.scan(text);
  const policy::Policy& policy = services_.policy->effective();

  ResultReply reply;
  reply.id = id;
  reply.incomplete = result.incomplete;
  text::Utf16Cursor cursor(text.view());
  const auto& rules = compiled_->pack().rules;
  reply.extra["verdict"] = policy::to_json(policy::decide(policy, url, product));
  for (const scan::Finding& finding : result.findings) {
    const rules::Rule& rule = rules[finding.rule];
    if (!policy.category_enabled(rule.category)) continue;
    const std::uint32_t start = cursor.advance_to(finding.start);
    const std::uint32_t end = cursor.advance_to(finding.end);
    reply.findings.push_back(finding_json(finding, start, end, rule).dump());
    ++reply.counts[rule.category];
  }
  reply.elapsed_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("scan: {} bytes, {} findings, {} us", body.size(), result.findings.size(), reply.elapsed_us);
  return encode_result(reply, options_.max_reply_bytes);
}

std::string Server::policy(const json& request, const json& id) {
  if (request.contains("managed")) {
    const json& managed = request.at("managed");
    if (!managed.is_object() && !managed.is_null()) {
      throw RequestError{ErrorCode::bad_message, "member 'managed' must be an object or null"};
    }
    const auto errors = services_.policy->set_managed(managed);
    if (errors.empty()) {
      open_trail();
      load_value_lists();
      record_host_event(audit::Event::policy_loaded, "managed");
    } else {
      spdlog::warn("managed policy refused: {}", describe_errors("managed", errors));
      record_host_event(audit::Event::policy_rejected, describe_errors("managed", errors));
    }
  }
  json reply = services_.policy->status();
  reply["type"] = "policy_status";
  reply["id"] = id;
  return reply.dump(-1, ' ', false, json::error_handler_t::replace);
}

void Server::record_system_policy() {
  std::vector<policy::PolicyError> errors;
  for (const policy::SourceError& error : services_.policy->errors()) {
    if (error.source == policy::Source::system) errors.push_back(error.error);
  }
  if (errors.empty()) record_host_event(audit::Event::policy_loaded, "system");
  else record_host_event(audit::Event::policy_rejected, describe_errors("system", errors));
}

std::string Server::audit(const json& request, const json& id) {
  return handle_audit(request, id, {scanner_, services_.policy->effective(), trail_.get(), rule_index_});
}

std::string Server::too_large(std::uint64_t declared_length) const {
  return error_reply(nullptr, ErrorCode::too_large,
                     "message of " + std::to_string(declared_length) + " bytes is over the limit of " +
                         std::to_string(options_.max_request_bytes));
}

int Server::serve(native::FrameReader& reader, native::FrameWriter& writer) {
  spdlog::info("serving native messaging (rule pack {})", compiled_->pack().hash);
  record_host_event(audit::Event::host_started);
  record_system_policy();
  const int status = serve_frames(reader, writer);
  record_host_event(audit::Event::host_stopped);
  return status;
}

int Server::serve_frames(native::FrameReader& reader, native::FrameWriter& writer) {
  RequestWatchdog watchdog([&writer](const std::string& reply) { writer.write(reply); });
  try {
    for (;;) {
      native::Frame frame = reader.next();
      switch (frame.status) {
        case native::FrameStatus::end:
          spdlog::info("input closed by the browser; exiting");
          return 0;
        case native::FrameStatus::cut_short:
          spdlog::warn("input ended inside a frame; exiting");
          return 0;
        case native::FrameStatus::too_large:
          spdlog::warn("request of {} bytes dropped: over the limit", frame.declared_length);
          writer.write(too_large(frame.declared_length));
          break;
        case native::FrameStatus::ok:
          watchdog.begin(options_.time_base + options_.time_per_mib * static_cast<std::int64_t>(frame.payload.size() >> 20U));
          watchdog.finish(handle(std::move(frame.payload), [&watchdog](const json& id) { watchdog.identify(id); }));
          break;
      }
    }
  } catch (const std::system_error& e) {
    spdlog::warn("native messaging stream closed: {}", e.what());
    return 0;
  }
}

}  // namespace phisentry::protocol
