// `phisentry native` and the browser launch: serve native messaging on standard input and output.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/install/origins.h"
#include "phisentry/policy/store.h"
#include "phisentry/protocol/server.h"
#include "phisentry/protocol/services.h"
#include "phisentry/protocol/watchdog.h"
#include "phisentry/rules/rule.h"
#include "phisentry/rules/signature.h"

namespace phisentry::cli {
namespace {

// Limits on each request (protocol/watchdog.h); the defaults suit a browser's largest editor.
struct RequestLimits {
  std::size_t max_request_bytes = native::kDefaultMaxRequestBytes;
  std::size_t max_memory_mib = 4096;
  long long time_base_ms = 2000;
  long long time_per_mib_ms = 1000;
};

int serve(const CommonOptions& common, const RequestLimits& limits) {
  native::prepare_standard_streams();
  if (!protocol::limit_memory(limits.max_memory_mib << 20U)) {
    spdlog::warn("memory limit not enforced in this build (AddressSanitizer)");
  }
  protocol::return_large_blocks_when_freed();
  // The system policy may require a signed pack: the loader must know before it reads any rule.
  rules::require_pack_signatures(policy::system_file_requires_signed_rules(policy::system_policy_file()));
  std::shared_ptr<const scan::CompiledPack> compiled;
  try {
    compiled = load_rules(common);
  } catch (const rules::RuleError& e) {
    // The host does not start half-configured: the extension sees the port close and reports it.
    for (const std::string& problem : e.problems()) spdlog::critical("rule pack refused: {}", problem);
    return kExitError;
  }
  protocol::ServerOptions options{limits.max_request_bytes, native::kMaxReplyBytes};
  options.time_base = std::chrono::milliseconds(limits.time_base_ms);
  options.time_per_mib = std::chrono::milliseconds(limits.time_per_mib_ms);
  protocol::Server server(compiled, options, protocol::installed_services(compiled->pack()));
  native::FrameReader reader(native::fd_reader(STDIN_FILENO), limits.max_request_bytes);
  native::FrameWriter writer(native::fd_writer(STDOUT_FILENO));
  return server.serve(reader, writer);
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

int native_command(const std::vector<std::string>& args) {
  CommonOptions common;
  common.log_level = "info";
  RequestLimits limits;
  po::options_description options("Native messaging options");
  options.add_options()("max-request-bytes",
                        po::value(&limits.max_request_bytes)->value_name("N")->default_value(limits.max_request_bytes),
                        "largest request accepted; larger ones are read, dropped and answered with an error")(
      "max-memory-mib", po::value(&limits.max_memory_mib)->value_name("N")->default_value(limits.max_memory_mib),
      "address space the host may use; a request needing more is answered with out_of_memory (0: no limit)")(
      "request-time-ms", po::value(&limits.time_base_ms)->value_name("MS")->default_value(limits.time_base_ms),
      "time budget of a request; past it the request is answered with a timeout error")(
      "request-time-per-mib-ms", po::value(&limits.time_per_mib_ms)->value_name("MS")->default_value(limits.time_per_mib_ms),
      "added to the time budget for each MiB of the request");
  options.add(common_options(common));
  po::variables_map values;
  if (!parse_subcommand("Usage: phisentry native [OPTIONS]\n\n"
                        "Serves the native-messaging protocol (host/PROTOCOL.md) on standard input and output.\n"
                        "Browsers start the host this way by themselves.",
                        args, options, {}, values)) {
    return 0;
  }
  configure_logging(common);
  return serve(common, limits);
}

int browser_launch(const std::string& caller) {
  // A browser passes no options: the environment may still point at rules or a log file.
  CommonOptions common;
  common.log_level = env_or("PHISENTRY_LOG_LEVEL", "info");
  common.log_file = env_or("PHISENTRY_LOG_FILE", "");
  common.rules_dir = env_or("PHISENTRY_RULES", "");
  configure_logging(common);
  spdlog::info("started by the browser for {}", caller);
  // Defence in depth: serve only extensions this executable was installed for.
  if (const auto refusal = install::refusal_for_caller(caller)) {
    spdlog::error("refused to serve {}: {}", caller, *refusal);
    return 1;
  }
  return serve(common, RequestLimits{});
}

}  // namespace phisentry::cli
