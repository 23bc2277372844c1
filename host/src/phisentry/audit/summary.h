#pragma once
// `phisentry audit show`: counts by event, workspace and category, and events per day.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace phisentry::audit {

struct Summary {
  std::size_t records = 0;
  std::size_t unreadable_lines = 0;
  std::string first_time, last_time;
  std::map<std::string, int> by_event;
  std::map<std::string, int> by_workspace;  // events concerning a workspace
  std::map<std::string, int> by_category;   // findings, summed over records
  std::map<std::string, std::map<std::string, int>> by_day;  // day -> event -> count
};

// Reads audit files (checkpoints are not counted as events). `since` ("YYYY-MM-DD", may be empty)
// skips older records.
Summary summarize(const std::vector<std::filesystem::path>& files, const std::string& since = {});
std::string render(const Summary& summary);

}  // namespace phisentry::audit
