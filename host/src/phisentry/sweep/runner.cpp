#include "phisentry/sweep/runner.h"

#include <spdlog/spdlog.h>

namespace phisentry::sweep {

Sweeper::Sweeper(const Settings& settings, ReportSink on_report, ProblemSink on_problem)
    : on_report_(std::move(on_report)), on_problem_(std::move(on_problem)) {
  const unsigned jobs = settings.jobs > 0 ? settings.jobs : std::max(1U, std::thread::hardware_concurrency());
  queue_limit_ = 8 * jobs;
  for (unsigned i = 0; i < jobs; ++i) {
    workers_.emplace_back([this, settings] {
      PageAnalyzer analyzer(settings.compiled, *settings.hasher, *settings.coverage, settings.min_confidence);
      work(analyzer);
    });
  }
}

Sweeper::~Sweeper() { finish(); }

void Sweeper::submit(Page page) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < queue_limit_; });
  queue_.push_back(std::move(page));
  ++in_flight_;
  changed_.notify_all();
}

void Sweeper::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return in_flight_ == 0; });
}

void Sweeper::finish() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

void Sweeper::work(PageAnalyzer& analyzer) {
  for (;;) {
    Page page;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      page = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    analyze_one(analyzer, std::move(page));
    {
      std::lock_guard lock(mutex_);
      --in_flight_;
    }
    changed_.notify_all();
  }
}

void Sweeper::analyze_one(PageAnalyzer& analyzer, Page page) {
  const std::size_t bytes = page.body.size();
  // Exported file names carry page titles: redacted before they reach a log or a problem line.
  const std::string where = analyzer.redact(page.location.source + " (" + page.kind + " " + page.id + ")");
  try {
    PageReport report = analyzer.analyze(std::move(page));
    counters_.with_phi += report.has_phi() ? 1 : 0;
    spdlog::debug("swept {}: {} bytes, {} findings", where, bytes, report.findings());
    std::lock_guard lock(report_mutex_);
    on_report_(std::move(report));
  } catch (const std::exception& e) {
    std::lock_guard lock(report_mutex_);
    on_problem_({where, std::string("could not be analyzed: ") + e.what()});
  }
  counters_.bytes += bytes;
  ++counters_.done;
}

}  // namespace phisentry::sweep
