#include "phisentry/sweep/session.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>

#include "phisentry/sweep/progress.h"
#include "phisentry/sweep/runner.h"

namespace phisentry::sweep {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// What sweep-state.json remembers between runs.
struct State {
  std::vector<std::string> sources;  // every source of the sweep, as given
  std::set<std::string> done;        // sources read to the end
  std::string site_next;             // the REST page where the site sweep goes on
  std::vector<Problem> problems;
  std::string started_at;
  bool complete = false;
};

json to_json(const State& state) {
  json problems = json::array();
  for (const Problem& p : state.problems) problems.push_back({{"source", p.source}, {"message", p.message}});
  return {{"version", 1},           {"sources", state.sources},       {"done", state.done},
          {"site_next", state.site_next}, {"problems", problems},   {"started_at", state.started_at},
          {"complete", state.complete}};
}

State state_from(const json& value) {
  State state;
  state.sources = value.at("sources").get<std::vector<std::string>>();
  state.done = value.at("done").get<std::set<std::string>>();
  state.site_next = value.at("site_next").get<std::string>();
  for (const json& p : value.at("problems")) state.problems.push_back({p.at("source"), p.at("message")});
  state.started_at = value.at("started_at").get<std::string>();
  state.complete = value.at("complete").get<bool>();
  return state;
}

std::string now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string key_of(const PageReport& r) { return r.location.source + '\n' + r.kind + '\n' + r.id; }

std::string site_source(const SiteOptions& site) {
  std::string url = site.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::vector<std::string> sources_of(const SweepRequest& request) {
  std::vector<std::string> sources;
  for (const fs::path& path : request.paths) sources.push_back(path.string());
  if (request.site) sources.push_back(site_source(*request.site));
  return sources;
}

class Session {
 public:
  Session(const SweepRequest& request, std::shared_ptr<const scan::CompiledPack> compiled, const crypto::ValueHasher& hasher,
          const Coverage& coverage, const std::atomic<bool>& stop)
      : request_(request), compiled_(std::move(compiled)), hasher_(hasher), coverage_(coverage), stop_(stop),
        redactor_(compiled_, hasher, coverage, rules::Confidence::low) {}

  SweepOutcome run() {
    prepare();
    const auto started = std::chrono::steady_clock::now();
    Sweeper::Settings settings{compiled_, &hasher_, &coverage_, request_.min_confidence, request_.jobs};
    sweeper_ = std::make_unique<Sweeper>(
        settings, [this](PageReport&& r) { record(std::move(r)); }, [this](Problem p) { problem(std::move(p)); });
    {
      ProgressBar bar(sweeper_->counters(), request_.progress);
      sweep_paths();
      sweep_site();
      sweeper_->finish();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return finish(seconds);
  }

 private:
  fs::path out(const char* name) const { return request_.out_dir / name; }

  void prepare() {
    fs::create_directories(request_.out_dir);
    const auto sources = sources_of(request_);
    if (request_.resume) {
      resume_state(sources);
    } else {
      state_.sources = sources;
      state_.started_at = now_iso8601();
    }
    write_jsonl(reports_);  // a resumed sweep keeps the reports of what it will not read again
    jsonl_.open(out(kPagesJsonl), std::ios::binary | std::ios::app);
    if (!jsonl_) throw std::runtime_error(out(kPagesJsonl).string() + ": cannot write");
    save_state();
  }

  void resume_state(const std::vector<std::string>& sources) {
    std::ifstream in(out(kStateJson));
    if (!in) throw std::runtime_error("nothing to resume: " + out(kStateJson).string() + " does not exist");
    state_ = state_from(json::parse(in));
    if (state_.sources != sources) {
      throw std::runtime_error("the sweep in " + request_.out_dir.string() +
                               " was started with other sources; give the same ones, or start afresh without --resume");
    }
    std::erase_if(state_.problems, [this](const Problem& p) { return !from_done_source(p.source); });
    load_previous_reports();
    spdlog::info("sweep: resuming with {} pages already reported", reports_.size());
  }

  bool from_done_source(const std::string& where) const {
    return std::any_of(state_.done.begin(), state_.done.end(),
                       [&where](const std::string& source) { return where.starts_with(source); });
  }

  // Keeps the reports of finished sources and of the site (which goes on from its checkpoint); a page
  // reported twice (reported, then fetched again after an interruption) keeps its last report.
  void load_previous_reports() {
    std::ifstream in(out(kPagesJsonl));
    std::map<std::string, std::size_t> index;
    const std::string site = request_.site ? site_source(*request_.site) : std::string{};
    for (std::string line; std::getline(in, line);) {
      PageReport report;
      try {
        report = report_from_json(json::parse(line));
      } catch (const json::exception&) {
        continue;  // the last line of a killed sweep may be cut short
      }
      if (!state_.done.contains(report.location.source) && report.location.source != site) continue;
      const auto [at, inserted] = index.emplace(key_of(report), reports_.size());
      if (inserted) {
        reports_.push_back(std::move(report));
      } else {
        reports_[at->second] = std::move(report);
      }
    }
  }

  void record(PageReport&& report) {
    jsonl_ << to_json(report).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    reports_.push_back(std::move(report));
    ++pages_this_run_;
  }

  void problem(Problem p) {
    std::lock_guard lock(problems_mutex_);
    p.source = redactor_.redact(p.source);  // exported file names carry page titles
    spdlog::warn("sweep: {}: {}", p.source, p.message);
    state_.problems.push_back(std::move(p));
  }

  void save_state() {
    jsonl_.flush();
    std::lock_guard lock(problems_mutex_);
    write_atomically(out(kStateJson), to_json(state_).dump(2));
  }

  // Marks a point where every page emitted so far has been reported and written.
  void checkpoint() {
    sweeper_->drain();
    save_state();
  }

  SourceContext context() {
    Counters& counters = sweeper_->counters();
    return SourceContext{[this](Page&& page) {
                           sweeper_->submit(std::move(page));
                           return !stop_.load();
                         },
                         [&counters](long more) { counters.expected += more; },
                         [this](Problem p) { problem(std::move(p)); }, [this] { return stop_.load(); }};
  }

  void sweep_paths() {
    for (const fs::path& path : request_.paths) {
      if (stop_ || state_.done.contains(path.string())) continue;
      SourceContext ctx = context();
      read_path(path, ctx);
      sweeper_->drain();
      if (!stop_) state_.done.insert(path.string());
      checkpoint();
    }
  }

  void sweep_site() {
    if (!request_.site || stop_) return;
    const std::string source = site_source(*request_.site);
    if (state_.done.contains(source)) return;
    SiteOptions options = *request_.site;
    options.resume_url = state_.site_next;
    SourceContext ctx = context();
    SiteReader reader(options, ctx, [this, &source](const std::string& next) {
      sweeper_->drain();
      state_.site_next = next;
      if (next.empty()) state_.done.insert(source);
      save_state();
    });
    reader.run();
  }

  void link_parents() {
    std::map<std::string, std::string> titles;
    for (const PageReport& r : reports_) {
      if (r.kind == "page" || r.kind == "blogpost") titles[r.location.source + '\n' + r.id] = r.title;
    }
    for (PageReport& r : reports_) {
      if (r.parent_id.empty()) continue;
      const auto found = titles.find(r.location.source + '\n' + r.parent_id);
      if (found != titles.end()) r.parent_title = found->second;
    }
  }

  SweepOutcome finish(double seconds) {
    state_.complete = !stop_ && state_.done.size() == state_.sources.size();
    save_state();
    link_parents();
    std::sort(reports_.begin(), reports_.end(), [](const PageReport& a, const PageReport& b) {
      return std::tuple(space_label(a.location), a.title, a.id) < std::tuple(space_label(b.location), b.title, b.id);
    });
    RunFacts run{state_.sources, pack_name(), state_.started_at, seconds, sweeper_->counters().bytes.load(),
                 pages_this_run_, sweeper_->jobs(), state_.complete};
    SweepOutcome outcome;
    outcome.summary = summarize(reports_, state_.problems, run);
    outcome.reports = std::move(reports_);
    write_jsonl(outcome.reports);  // again, whole: sorted, parents named, each page once
    write_csv(out(kPagesCsv), outcome.reports);
    write_html(out(kReportHtml), outcome.reports, outcome.summary);
    write_atomically(out(kSummaryJson), sweep::to_json(outcome.summary).dump(2));
    return outcome;
  }

  void write_jsonl(const std::vector<PageReport>& reports) {
    jsonl_.close();
    std::string lines;
    for (const PageReport& r : reports) lines += to_json(r).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    write_atomically(out(kPagesJsonl), lines);
  }

  std::string pack_name() const {
    const rules::RulePack& pack = compiled_->pack();
    return pack.id + (pack.version.empty() ? "" : " " + pack.version) + " (" + pack.hash.substr(0, 24) + "…)";
  }

  const SweepRequest& request_;
  std::shared_ptr<const scan::CompiledPack> compiled_;
  const crypto::ValueHasher& hasher_;
  const Coverage& coverage_;
  const std::atomic<bool>& stop_;
  PageAnalyzer redactor_;
  std::mutex problems_mutex_;
  State state_;
  std::vector<PageReport> reports_;
  std::size_t pages_this_run_ = 0;
  std::ofstream jsonl_;
  std::unique_ptr<Sweeper> sweeper_;
};

}  // namespace

SweepOutcome run_sweep(const SweepRequest& request, std::shared_ptr<const scan::CompiledPack> compiled,
                       const crypto::ValueHasher& hasher, const Coverage& coverage, const std::atomic<bool>& stop) {
  Session session(request, std::move(compiled), hasher, coverage, stop);
  return session.run();
}

}  // namespace phisentry::sweep
