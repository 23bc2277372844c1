#include "phisentry/audit/summary.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace phisentry::audit {
namespace {

void add_record(const nlohmann::json& record, Summary& summary) {
  const std::string event = record.value("event", "");
  const std::string time = record.value("time", "");
  ++summary.records;
  if (summary.first_time.empty() || time < summary.first_time) summary.first_time = time;
  if (time > summary.last_time) summary.last_time = time;
  ++summary.by_event[event];
  ++summary.by_day[time.substr(0, 10)][event];
  if (record.contains("workspace") && record["workspace"].is_string()) ++summary.by_workspace[record["workspace"].get<std::string>()];
  if (record.contains("categories") && record["categories"].is_object()) {
    for (const auto& [category, count] : record["categories"].items()) {
      if (count.is_number_integer()) summary.by_category[category] += count.get<int>();
    }
  }
}

void table(std::ostringstream& out, const char* title, const std::map<std::string, int>& counts) {
  out << title << '\n';
  if (counts.empty()) out << "  (none)\n";
  for (const auto& [name, count] : counts) out << "  " << name << std::string(name.size() < 28 ? 28 - name.size() : 1, ' ') << count << '\n';
}

}  // namespace

Summary summarize(const std::vector<std::filesystem::path>& files, const std::string& since) {
  Summary summary;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      const auto record = nlohmann::json::parse(line, nullptr, false);
      if (!record.is_object() || !record.contains("event")) {
        ++summary.unreadable_lines;
        continue;
      }
      if (record.value("event", "") == "checkpoint" || record.value("time", "") < since) continue;
      add_record(record, summary);
    }
  }
  return summary;
}

std::string render(const Summary& summary) {
  std::ostringstream out;
  out << summary.records << " events";
  if (summary.records > 0) out << " from " << summary.first_time << " to " << summary.last_time;
  out << '\n';
  if (summary.unreadable_lines > 0) out << summary.unreadable_lines << " unreadable lines (run `phisentry audit verify`)\n";
  out << '\n';
  table(out, "By event", summary.by_event);
  table(out, "By workspace", summary.by_workspace);
  table(out, "By category (findings)", summary.by_category);
  out << "By day\n";
  for (const auto& [day, events] : summary.by_day) {
    out << "  " << day << ' ';
    for (const auto& [event, count] : events) out << ' ' << event << '=' << count;
    out << '\n';
  }
  return out.str();
}

}  // namespace phisentry::audit
