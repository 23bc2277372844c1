#pragma once
// Per-request limits, so that no request can take the host down or leave the browser waiting:
//  - time: a request still running when its budget ends is answered with a `timeout` error by the
//    watchdog thread; its late reply is dropped, and replies stay in request order (one lock, one writer);
//  - memory: the address space is capped, so a request that needs too much gets std::bad_alloc, which
//    the server answers with `out_of_memory` while every byte of that request is released.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace phisentry::protocol {

class RequestWatchdog {
 public:
  using Send = std::function<void(const std::string& reply)>;
  explicit RequestWatchdog(Send send);
  ~RequestWatchdog();
  RequestWatchdog(const RequestWatchdog&) = delete;
  RequestWatchdog& operator=(const RequestWatchdog&) = delete;

  // Starts timing one request.
  void begin(std::chrono::milliseconds budget);
  // The request's id, once known: the timeout error carries it.
  void identify(const nlohmann::json& id);
  // Sends the request's reply, unless the watchdog already answered it. Throws what `send` throws.
  void finish(const std::string& reply);

 private:
  void watch();

  Send send_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::chrono::milliseconds budget_{0};
  nlohmann::json id_;
  bool answered_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// Caps this process's address space at `bytes` (0: no cap). False when it cannot be enforced here:
// under AddressSanitizer, whose shadow memory needs terabytes of address space.
bool limit_memory(std::size_t bytes);

// Blocks of 128 KiB or more go back to the system when freed. glibc otherwise raises that threshold
// to the largest block freed so far (start-up's temporary buffers), and a 1 MiB page's
// scan buffers then stay in the heap for good: peak RSS after such a page 44.6 -> 38.8 MB.
void return_large_blocks_when_freed();

}  // namespace phisentry::protocol
