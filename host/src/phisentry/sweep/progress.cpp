#include "phisentry/sweep/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

namespace phisentry::sweep {
namespace {

std::string with_commas(long n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string duration(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

std::string bar(double fraction, std::size_t cells) {
  const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(cells));
  return "[" + std::string(filled, '#') + std::string(cells - filled, '-') + "]";
}

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col;
  return 80;
}

}  // namespace

std::string progress_line(const ProgressFigures& f, std::size_t width) {
  const bool known = f.expected > 0 && f.expected >= f.done;
  const double rate = f.seconds > 0 ? static_cast<double>(f.done) / f.seconds : 0;
  char figures[160];
  std::snprintf(figures, sizeof figures, "  %.0f pages/s  %.1f MB/s", rate,
                f.seconds > 0 ? static_cast<double>(f.bytes) / 1e6 / f.seconds : 0.0);
  std::string line;
  if (known) {
    const double fraction = static_cast<double>(f.done) / static_cast<double>(f.expected);
    line = " " + with_commas(f.done) + "/" + with_commas(f.expected) + " pages  " +
           std::to_string(static_cast<int>(fraction * 100)) + "%" + figures;
    if (rate > 0) line += "  " + duration(static_cast<double>(f.expected - f.done) / rate) + " left";
    const std::size_t cells = width > line.size() + 12 ? std::min<std::size_t>(30, width - line.size() - 3) : 0;
    if (cells >= 10) line = bar(fraction, cells) + line;
  } else {
    line = with_commas(f.done) + " pages" + figures;
  }
  return line.size() > width ? line.substr(0, width) : line;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(const Counters& counters, bool enabled) : counters_(counters) {
  if (!enabled) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    do {
      draw(terminal_width());  // at once, then every 200 ms: even a short sweep shows it ran
    } while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; }));
  });
}

ProgressBar::~ProgressBar() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::fputs("\r\x1b[K", stderr);
}

void ProgressBar::draw(std::size_t width) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const ProgressFigures figures{counters_.done.load(), counters_.expected.load(), counters_.bytes.load(), seconds};
  std::fprintf(stderr, "\r%s\x1b[K", progress_line(figures, width - 1).c_str());
  std::fflush(stderr);
}

}  // namespace phisentry::sweep
