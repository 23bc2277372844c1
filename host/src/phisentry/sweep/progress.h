#pragma once
// The progress bar on a terminal's stderr: pages done / total, rate, time left. Quiet otherwise.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "phisentry/sweep/runner.h"

namespace phisentry::sweep {

struct ProgressFigures {
  long done = 0;
  long expected = 0;  // 0 or less than done: not known yet
  std::uint64_t bytes = 0;
  double seconds = 0;
};

// One line, at most `width` columns, e.g.
// "[########------------]  1,234/5,000 pages  25%  410 pages/s  2.1 MB/s  0:09 left"
std::string progress_line(const ProgressFigures& figures, std::size_t width);

class ProgressBar {
 public:
  ProgressBar(const Counters& counters, bool enabled);
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

 private:
  void draw(std::size_t width);
  const Counters& counters_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

bool stderr_is_terminal();

}  // namespace phisentry::sweep
