#include "phisentry/protocol/watchdog.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "phisentry/protocol/reply.h"

namespace phisentry::protocol {

RequestWatchdog::RequestWatchdog(Send send) : send_(std::move(send)), thread_([this] { watch(); }) {}

RequestWatchdog::~RequestWatchdog() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void RequestWatchdog::begin(std::chrono::milliseconds budget) {
  {
    const std::lock_guard lock(mutex_);
    budget_ = budget;
    deadline_ = std::chrono::steady_clock::now() + budget;
    id_ = nullptr;
    answered_ = false;
  }
  wake_.notify_one();
}

void RequestWatchdog::identify(const nlohmann::json& id) {
  const std::lock_guard lock(mutex_);
  id_ = id;
}

void RequestWatchdog::finish(const std::string& reply) {
  const std::lock_guard lock(mutex_);
  deadline_.reset();
  if (answered_) return;  // the browser already has the timeout error for this id
  answered_ = true;
  send_(reply);
}

void RequestWatchdog::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!deadline_) {
      wake_.wait(lock);
      continue;
    }
    if (wake_.wait_until(lock, *deadline_) != std::cv_status::timeout || !deadline_ ||
        std::chrono::steady_clock::now() < *deadline_) {
      continue;  // woken early: finished, restarted or stopping
    }
    deadline_.reset();
    answered_ = true;
    spdlog::warn("request ran past its {} ms budget; answered with a timeout error", budget_.count());
    try {
      send_(error_reply(id_, ErrorCode::timeout,
                        "the host needed more than " + std::to_string(budget_.count()) + " ms for this request"));
    } catch (const std::exception& e) {
      spdlog::warn("could not send the timeout error: {}", e.what());  // the serving loop sees the same error
    }
  }
}

bool limit_memory(std::size_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr bool kAddressSanitizer = true;
#else
  constexpr bool kAddressSanitizer = false;
#endif
#else
  constexpr bool kAddressSanitizer = false;
#endif
  if (bytes == 0) return true;
  if (kAddressSanitizer) return false;
  const rlimit limit{bytes, bytes};
  return ::setrlimit(RLIMIT_AS, &limit) == 0;
}

void return_large_blocks_when_freed() {
#if defined(__GLIBC__)
  constexpr int kThresholdBytes = 128 * 1024;
  ::mallopt(M_MMAP_THRESHOLD, kThresholdBytes);  // fixing it also turns glibc's raising of it off
  ::mallopt(M_TRIM_THRESHOLD, kThresholdBytes);
#endif
}

}  // namespace phisentry::protocol
