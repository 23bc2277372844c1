#pragma once
// What the benchmark programs share: a CPU clock, the corpus, texts of a given size, a throughput loop.

#include <time.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace phisentry::bench {

// The CPU time of this thread, not the wall clock: on a shared machine a long scan is descheduled many
// times over and wall time would measure the neighbours. (host_process.py measures wall time, as a
// browser would see it.)
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return time_point(duration(std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec));
  }
};

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Corpus {
  std::string phi;    // PHI pages, joined
  std::string clean;  // look-alike pages without PHI, joined
};

inline Corpus read_corpus(const std::string& path) {
  Corpus corpus;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + " (make it with tests/corpus/generate.py)");
  for (std::string line; std::getline(in, line);) {
    const auto page = nlohmann::json::parse(line);
    (page["kind"] == "phi" ? corpus.phi : corpus.clean) += page["text"].get<std::string>() + "\n\n";
  }
  if (corpus.phi.empty() || corpus.clean.empty()) throw std::runtime_error(path + " needs pages with and without PHI");
  return corpus;
}

// Repeats `text` to `size` bytes, cut on a line boundary.
inline std::string sized(const std::string& text, std::size_t size) {
  std::string out;
  while (out.size() < size) out += text;
  out.resize(size);
  const auto cut = out.rfind('\n');
  if (cut != std::string::npos && cut > size / 2) out.resize(cut);
  return out;
}

// MB/s of running `once` on `bytes` repeatedly for about `budget` seconds (at least twice).
template <typename Scan>
double throughput(std::size_t bytes, double budget, Scan&& once) {
  once();  // warm caches and buffers
  std::size_t total = 0;
  int runs = 0;
  const auto start = Clock::now();
  do {
    once();
    total += bytes;
    ++runs;
  } while (runs < 2 || seconds_since(start) < budget);
  return static_cast<double>(total) / 1e6 / seconds_since(start);
}

}  // namespace phisentry::bench
