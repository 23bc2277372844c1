// The message parser and dispatcher on arbitrary payloads: every payload gets exactly one reply that is
// a JSON object with a type, fits the browsers' reply limit, and never throws.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "phisentry/log/logging.h"
#include "phisentry/protocol/server.h"

namespace {

constexpr std::size_t kReplyLimit = 64 * 1024;  // small, so truncation is reached often

phisentry::protocol::Server& server() {
  static phisentry::protocol::Server instance = [] {
    phisentry::log::configure({"off", ""});
    return phisentry::protocol::Server(phisentry::fuzz::shipped_pack(), {1 << 20, kReplyLimit});
  }();
  return instance;
}

}  // namespace

// Once, before the first input and outside libFuzzer's per-input timeout: compiling the whole shipped
// pack under ASan takes longer than any one input may.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  server();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using phisentry::fuzz::require;
  std::string payload(reinterpret_cast<const char*>(data), size);
  const std::string reply = server().handle(std::move(payload));
  require(reply.size() <= kReplyLimit);
  const auto parsed = nlohmann::json::parse(reply, nullptr, false);
  require(parsed.is_object() && parsed.contains("type") && parsed["type"].is_string());
  return 0;
}
