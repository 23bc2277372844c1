#pragma once
// Runs the sweep on every core: sources submit pages to a bounded queue (so a fast reader cannot fill
// memory), worker threads analyze them, each with its own PageAnalyzer and so its own scratch.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "phisentry/sweep/analyzer.h"

namespace phisentry::sweep {

// What the progress bar shows; written by the workers, read by anyone.
struct Counters {
  std::atomic<long> expected{0};  // pages the sources announced so far
  std::atomic<long> done{0};
  std::atomic<std::uint64_t> bytes{0};
  std::atomic<long> with_phi{0};
};

class Sweeper {
 public:
  using ReportSink = std::function<void(PageReport&&)>;  // called by one thread at a time
  using ProblemSink = std::function<void(Problem)>;

  struct Settings {
    std::shared_ptr<const scan::CompiledPack> compiled;
    const crypto::ValueHasher* hasher = nullptr;
    const Coverage* coverage = nullptr;
    rules::Confidence min_confidence = rules::Confidence::medium;
    unsigned jobs = 0;  // 0: one per core
  };

  Sweeper(const Settings& settings, ReportSink on_report, ProblemSink on_problem);
  ~Sweeper();
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  // Blocks while the queue is full.
  void submit(Page page);
  // Returns once every page submitted so far has been reported.
  void drain();
  // Finishes the queued pages and stops the workers.
  void finish();

  Counters& counters() { return counters_; }
  unsigned jobs() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void work(PageAnalyzer& analyzer);
  void analyze_one(PageAnalyzer& analyzer, Page page);

  ReportSink on_report_;
  ProblemSink on_problem_;
  Counters counters_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Page> queue_;
  std::size_t queue_limit_;
  std::size_t in_flight_ = 0;
  bool closed_ = false;
  std::mutex report_mutex_;
  std::vector<std::thread> workers_;
};

}  // namespace phisentry::sweep
