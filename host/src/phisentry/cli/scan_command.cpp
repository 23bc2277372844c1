// `phisentry scan`: findings in files, like grep; or JSON lines in and out for tools (--jsonl).
// This is the one place matched text is ever printed: the user's own file, shown to the user.

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/protocol/reply.h"
#include "phisentry/rules/rule.h"
#include "phisentry/scan/scanner.h"

namespace phisentry::cli {
namespace {

using nlohmann::json;
using rules::Confidence;

constexpr std::size_t kContextBytes = 60;  // shown on each side of a match in long lines

struct ScanSettings {
  bool jsonl = false;
  bool color = false;
  Confidence min_confidence = Confidence::medium;
};

struct Tally {
  std::size_t findings = 0;
  std::size_t files_with_findings = 0;
  bool error = false;
};

std::string read_stream(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const char* color_of(Confidence c) {
  switch (c) {
    case Confidence::high: return "\x1b[1;31m";
    case Confidence::medium: return "\x1b[1;33m";
    default: return "\x1b[1;36m";
  }
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += text::is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

std::size_t snap_back(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && text::is_continuation(static_cast<unsigned char>(text[at]))) --at;
  return at;
}

// The finding's line, shortened around the match, with the match highlighted on a terminal.
std::string excerpt(std::string_view text, std::size_t line_start, const scan::Finding& f, const ScanSettings& s) {
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  const std::size_t match_end = std::min<std::size_t>(f.end, line_end);
  const std::size_t from = snap_back(text, std::max(line_start, f.start > kContextBytes ? f.start - kContextBytes : 0));
  const std::size_t to = snap_back(text, std::min(line_end, match_end + kContextBytes));
  std::string out = from > line_start ? "…" : "";
  out += text.substr(from, f.start - from);
  if (s.color) out += color_of(f.confidence);
  out += text.substr(f.start, match_end - f.start);
  if (s.color) out += "\x1b[0m";
  out += text.substr(match_end, to - match_end);
  if (to < line_end) out += "…";
  return out;
}

void print_findings(const std::string& name, std::string_view text, const std::vector<scan::Finding>& findings,
                    const scan::CompiledPack& compiled, const ScanSettings& settings) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t position = 0;
  for (const scan::Finding& f : findings) {
    for (; position < f.start; ++position) {
      if (text[position] == '\n') {
        ++line;
        line_start = position + 1;
      }
    }
    const rules::Rule& rule = compiled.pack().rules[f.rule];
    const std::size_t column = code_points(text.substr(line_start, f.start - line_start)) + 1;
    if (settings.color) {
      std::cout << "\x1b[35m" << name << "\x1b[0m:\x1b[32m" << line << "\x1b[0m:" << column << ": ";
    } else {
      std::cout << name << ':' << line << ':' << column << ": ";
    }
    std::cout << rules::to_string(f.confidence) << ' ' << rule.category << " (" << rule.hipaa << ", " << rule.id
              << "): " << excerpt(text, line_start, f, settings) << '\n';
  }
}

std::vector<scan::Finding> at_least(std::vector<scan::Finding> findings, Confidence min) {
  std::erase_if(findings, [min](const scan::Finding& f) { return f.confidence < min; });
  return findings;
}

void scan_document(const std::string& name, const std::string& bytes, scan::Scanner& scanner,
                   const ScanSettings& settings, Tally& tally) {
  std::size_t replaced = 0;
  const text::Utf8Text text = text::Utf8Text::repair(bytes, &replaced);
  if (replaced > 0) std::cerr << "phisentry: " << name << ": " << replaced << " invalid UTF-8 sequences replaced\n";
  const auto findings = at_least(scanner.scan(text).findings, settings.min_confidence);
  print_findings(name, text.view(), findings, scanner.compiled(), settings);
  tally.findings += findings.size();
  tally.files_with_findings += findings.empty() ? 0 : 1;
}

json jsonl_findings(const text::Utf8Text& text, const std::vector<scan::Finding>& findings,
                    const scan::CompiledPack& compiled) {
  json out = json::array();
  text::Utf16Cursor cursor(text.view());
  for (const scan::Finding& f : findings) {
    const std::uint32_t start = cursor.advance_to(f.start);
    const std::uint32_t end = cursor.advance_to(f.end);
    out.push_back(protocol::finding_json(f, start, end, compiled.pack().rules[f.rule]));
  }
  return out;
}

// One input line {"id": ..., "text": ...} to one output line {"id": ..., "findings": [...]}.
void scan_jsonl_line(const std::string& line, scan::Scanner& scanner, const ScanSettings& settings, Tally& tally) {
  json out;
  try {
    const json in = json::parse(line);
    out["id"] = in.is_object() && in.contains("id") ? in.at("id") : json(nullptr);
    if (!in.is_object() || !in.contains("text") || !in.at("text").is_string()) {
      throw std::invalid_argument("each line must be an object with a string 'text'");
    }
    const text::Utf8Text text = text::Utf8Text::from_valid(in.at("text").get_ref<const std::string&>());
    const auto findings = at_least(scanner.scan(text).findings, settings.min_confidence);
    out["findings"] = jsonl_findings(text, findings, scanner.compiled());
    tally.findings += findings.size();
    tally.files_with_findings += findings.empty() ? 0 : 1;
  } catch (const json::parse_error& e) {
    out["error"] = "not valid JSON at byte " + std::to_string(e.byte);
    tally.error = true;
  } catch (const std::exception& e) {
    out["error"] = e.what();
    tally.error = true;
  }
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void scan_jsonl_stream(std::istream& in, scan::Scanner& scanner, const ScanSettings& settings, Tally& tally) {
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    scan_jsonl_line(line, scanner, settings, tally);
  }
}

void scan_inputs(const std::vector<std::string>& files, scan::Scanner& scanner, const ScanSettings& settings,
                 Tally& tally) {
  if (files.empty() || (files.size() == 1 && files[0] == "-")) {
    if (settings.jsonl) {
      scan_jsonl_stream(std::cin, scanner, settings, tally);
    } else {
      scan_document("<stdin>", read_stream(std::cin), scanner, settings, tally);
    }
    return;
  }
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "phisentry: " << file << ": cannot open\n";
      tally.error = true;
      continue;
    }
    if (settings.jsonl) {
      scan_jsonl_stream(in, scanner, settings, tally);
    } else {
      scan_document(file, read_stream(in), scanner, settings, tally);
    }
  }
}

bool wants_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") throw po::validation_error(po::validation_error::invalid_option_value, "color", mode);
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

}  // namespace

int scan_command(const std::vector<std::string>& args) {
  CommonOptions common;
  std::vector<std::string> files;
  std::string color = "auto";
  std::string min_confidence;
  ScanSettings settings;
  po::options_description options("Scan options");
  options.add_options()
      ("jsonl", po::bool_switch(&settings.jsonl),
       "read JSON lines {\"id\", \"text\"}; write {\"id\", \"findings\"} per line (findings as in the protocol)")
      ("min-confidence", po::value(&min_confidence)->value_name("LEVEL"),
       "report findings at or above low, medium or high (default: medium; low with --jsonl)")
      ("color", po::value(&color)->value_name("WHEN")->default_value(color), "auto, always or never")
      ("file", po::value(&files)->composing(), "files to scan (default: standard input)");
  options.add(common_options(common));
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map values;
  if (!parse_subcommand("Usage: phisentry scan [OPTIONS] [FILE...]\n\n"
                        "Scans files (or standard input) for PHI and prints each finding with its line.\n"
                        "Exit status: 0 nothing found, 1 PHI found, 2 error.",
                        args, options, positional, values)) {
    return 0;
  }
  settings.color = !settings.jsonl && wants_color(color);
  if (min_confidence.empty()) min_confidence = settings.jsonl ? "low" : "medium";
  const auto level = rules::parse_confidence(min_confidence);
  if (!level || *level == Confidence::none) {
    throw po::validation_error(po::validation_error::invalid_option_value, "min-confidence", min_confidence);
  }
  settings.min_confidence = *level;
  configure_logging(common);
  scan::Scanner scanner(load_rules(common));
  scanner.use_value_lists(load_value_lists(common));
  Tally tally;
  scan_inputs(files, scanner, settings, tally);
  if (settings.color) {
    std::cerr << "phisentry: " << tally.findings << " finding(s) in " << tally.files_with_findings << " input(s)\n";
  }
  if (tally.error) return kExitError;
  return tally.findings > 0 ? 1 : 0;
}

}  // namespace phisentry::cli
