#include "phisentry/log/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <vector>

namespace phisentry::log {

void configure(const Options& options) {
  const spdlog::level::level_enum level = spdlog::level::from_str(options.level);
  if (level == spdlog::level::off && options.level != "off") {
    throw std::invalid_argument("unknown log level '" + options.level + "'");
  }
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
  if (!options.file.empty()) sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file));
  auto logger = std::make_shared<spdlog::logger>("phisentry", sinks.begin(), sinks.end());
  logger->set_level(level);
  logger->set_pattern("[%Y-%m-%dT%H:%M:%S.%e%z] [phisentry %P] [%l] %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace phisentry::log
