#include "phisentry/sweep/report.h"

#include <fstream>
#include <set>
#include <stdexcept>

namespace phisentry::sweep {
namespace fs = std::filesystem;
using nlohmann::json;

std::size_t PageReport::findings() const {
  std::size_t total = 0;
  for (const auto& [name, tally] : categories) total += tally.count;
  return total;
}

rules::Confidence PageReport::confidence() const {
  rules::Confidence highest = rules::Confidence::none;
  for (const auto& [name, tally] : categories) highest = std::max(highest, tally.confidence);
  return highest;
}

namespace {

json categories_json(const PageReport& report) {
  json out = json::object();
  for (const auto& [name, tally] : report.categories) {
    out[name] = {{"count", tally.count}, {"confidence", rules::to_string(tally.confidence)}, {"hashes", tally.hashes}};
  }
  return out;
}

rules::Confidence confidence_from(const json& value) {
  return rules::parse_confidence(value.get<std::string>()).value_or(rules::Confidence::none);
}

json totals_json(const Totals& totals) {
  return {{"pages", totals.pages},
          {"pages_with_phi", totals.with_phi},
          {"findings", totals.findings},
          {"pages_by_category", totals.pages_by_category},
          {"findings_by_category", totals.findings_by_category}};
}

}  // namespace

json to_json(const PageReport& report) {
  json out{{"source", report.location.source},
           {"site", report.location.site_url},
           {"space", {{"key", report.location.space_key}, {"name", report.location.space_name},
                      {"url", report.location.space_url}}},
           {"kind", report.kind},
           {"id", report.id},
           {"title", report.title},
           {"url", report.url},
           {"last_modified", report.last_modified},
           {"bytes", report.bytes},
           {"workspace", report.covered_by ? "covered" : "uncovered"},
           {"confidence", rules::to_string(report.confidence())},
           {"findings", report.findings()},
           {"categories", categories_json(report)}};
  if (report.covered_by) out["covered_by"] = *report.covered_by;
  if (!report.parent_id.empty()) out["parent"] = {{"id", report.parent_id}, {"title", report.parent_title}};
  if (report.incomplete) out["incomplete"] = true;
  return out;
}

PageReport report_from_json(const json& line) {
  PageReport report;
  report.location.source = line.at("source").get<std::string>();
  report.location.site_url = line.at("site").get<std::string>();
  const json& space = line.at("space");
  report.location.space_key = space.at("key").get<std::string>();
  report.location.space_name = space.at("name").get<std::string>();
  report.location.space_url = space.at("url").get<std::string>();
  report.kind = line.at("kind").get<std::string>();
  report.id = line.at("id").get<std::string>();
  report.title = line.at("title").get<std::string>();
  report.url = line.at("url").get<std::string>();
  report.last_modified = line.at("last_modified").get<std::string>();
  report.bytes = line.at("bytes").get<std::size_t>();
  if (line.contains("covered_by")) report.covered_by = line.at("covered_by").get<std::string>();
  if (line.contains("parent")) {
    report.parent_id = line.at("parent").at("id").get<std::string>();
    report.parent_title = line.at("parent").at("title").get<std::string>();
  }
  report.incomplete = line.value("incomplete", false);
  for (const auto& [name, tally] : line.at("categories").items()) {
    report.categories[name] = {tally.at("count").get<std::size_t>(), confidence_from(tally.at("confidence")),
                               tally.at("hashes").get<std::vector<std::string>>()};
  }
  return report;
}

void Totals::add(const PageReport& report) {
  ++pages;
  with_phi += report.has_phi() ? 1 : 0;
  findings += report.findings();
  for (const auto& [name, tally] : report.categories) {
    ++pages_by_category[name];
    findings_by_category[name] += tally.count;
  }
}

std::string space_label(const Location& where) {
  if (!where.space_key.empty()) return where.space_key;
  if (!where.space_name.empty()) return where.space_name;
  return "(no space)";
}

Summary summarize(const std::vector<PageReport>& reports, std::vector<Problem> problems, RunFacts run) {
  Summary summary;
  for (const PageReport& report : reports) {
    summary.all.add(report);
    (report.covered_by ? summary.covered : summary.uncovered).add(report);
    summary.by_space[space_label(report.location)].add(report);
  }
  summary.problems = std::move(problems);
  summary.run = std::move(run);
  return summary;
}

json to_json(const Summary& summary) {
  json spaces = json::object();
  for (const auto& [label, totals] : summary.by_space) spaces[label] = totals_json(totals);
  json problems = json::array();
  for (const Problem& problem : summary.problems) problems.push_back({{"source", problem.source}, {"message", problem.message}});
  const RunFacts& run = summary.run;
  return {{"all", totals_json(summary.all)},
          {"uncovered", totals_json(summary.uncovered)},
          {"covered", totals_json(summary.covered)},
          {"by_space", spaces},
          {"problems", problems},
          {"run", {{"sources", run.sources}, {"rule_pack", run.rule_pack}, {"started_at", run.started_at},
                   {"seconds", run.seconds}, {"bytes", run.bytes}, {"pages", run.pages_this_run},
                   {"threads", run.threads}, {"complete", run.complete},
                   {"pages_per_second", run.seconds > 0 ? static_cast<double>(run.pages_this_run) / run.seconds : 0.0},
                   {"mb_per_second", run.seconds > 0 ? static_cast<double>(run.bytes) / 1e6 / run.seconds : 0.0}}}};
}

std::vector<std::string> categories_of(const std::vector<PageReport>& reports) {
  std::set<std::string> names;
  for (const PageReport& report : reports) {
    for (const auto& entry : report.categories) names.insert(entry.first);
  }
  return {names.begin(), names.end()};
}

void write_atomically(const fs::path& file, const std::string& content) {
  const fs::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error(temporary.string() + ": cannot write");
  }
  fs::rename(temporary, file);
}

}  // namespace phisentry::sweep
