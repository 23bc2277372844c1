#pragma once
// The native-messaging server: one request in, one reply out, in order. Nothing a request holds can
// stop it; only the end of input does.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "phisentry/audit/trail.h"
#include "phisentry/lists/value_list.h"
#include "phisentry/native/framing.h"
#include "phisentry/policy/store.h"
#include "phisentry/scan/scanner.h"

namespace phisentry::protocol {

struct ServerOptions {
  std::size_t max_request_bytes = native::kDefaultMaxRequestBytes;
  std::size_t max_reply_bytes = native::kMaxReplyBytes;
  // A request's time budget: base + per_mib for each MiB of it. Half what the extension waits, so the
  // browser gets the host's `timeout` error before its own timer gives up on the host.
  std::chrono::milliseconds time_base{2000};
  std::chrono::milliseconds time_per_mib{1000};
};

// What the server decides with and records to. Without them: the built-in policy and no audit trail.
struct Services {
  std::shared_ptr<policy::PolicyStore> policy;
  // Opens the audit trail for the policy's audit settings (again when they change); may throw.
  std::function<std::unique_ptr<audit::AuditTrail>(const policy::AuditSettings&)> open_trail;
};

// Deepest nesting of arrays and objects in `json` (strings skipped), counted without parsing, so a
// hostile 100,000-deep document is refused before any parser recurses into it.
std::size_t json_nesting_depth(std::string_view json);
inline constexpr std::size_t kMaxJsonDepth = 64;

class Server {
 public:
  Server(std::shared_ptr<const scan::CompiledPack> compiled, ServerOptions options, Services services = {});

  // The reply to one request payload; never throws, never longer than max_reply_bytes. `on_id` hears
  // the request's id as soon as it is parsed (the watchdog's timeout error carries it). The payload is
  // released once parsed, so a 1 MiB page is not held twice while it is scanned.
  std::string handle(std::string payload, const std::function<void(const nlohmann::json&)>& on_id = {});
  // The reply to a frame whose declared length was over the limit.
  std::string too_large(std::uint64_t declared_length) const;
  // Serves frames until input ends; returns the process exit status.
  int serve(native::FrameReader& reader, native::FrameWriter& writer);

 private:
  std::string dispatch(const std::string& type, const nlohmann::json& request, const nlohmann::json& id);
  std::string hello(const nlohmann::json& id) const;
  std::string scan(const nlohmann::json& request, const nlohmann::json& id);
  std::string policy(const nlohmann::json& request, const nlohmann::json& id);
  std::string audit(const nlohmann::json& request, const nlohmann::json& id);
  // Host events (started, stopped, policy loaded or rejected) go to the trail when there is one.
  void record_host_event(audit::Event event, std::string detail = {});
  void record_system_policy();
  void open_trail();
  // The policy's allowlist and exact-data-match files, (re)loaded when the policy names others.
  void load_value_lists();
  int serve_frames(native::FrameReader& reader, native::FrameWriter& writer);

  std::shared_ptr<const scan::CompiledPack> compiled_;
  scan::Scanner scanner_;
  ServerOptions options_;
  Services services_;
  std::unique_ptr<audit::AuditTrail> trail_;
  nlohmann::json trail_settings_;  // the audit settings trail_ was opened with
  std::vector<lists::ValueLists::Source> value_list_sources_;
  std::map<std::string, std::uint32_t, std::less<>> rule_index_;
};

}  // namespace phisentry::protocol
