#include "phisentry/scan/pack_check.h"

#include <algorithm>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/scanner.h"

namespace phisentry::scan {
namespace {

std::string where(const rules::Rule& rule) { return rule.source_file + ": rule '" + rule.id + "'"; }

std::string describe(const std::vector<Finding>& findings, const rules::RulePack& pack) {
  if (findings.empty()) return "nothing";
  std::string out;
  for (const Finding& f : findings) {
    if (!out.empty()) out += ", ";
    out += pack.rules[f.rule].id + "@" + std::to_string(f.start) + "-" + std::to_string(f.end) + "/" +
           std::string(rules::to_string(f.confidence));
  }
  return out;
}

void check_compiles_alone(const rules::RulePack& pack, PackCheckReport& report) {
  for (const rules::Rule& rule : pack.rules) {
    rules::RulePack alone;
    alone.hash = pack.hash;
    alone.rules.push_back(rule);
    try {
      CompiledPack::build(std::move(alone), {false, {}});
    } catch (const rules::RuleError& e) {
      for (const std::string& problem : e.problems()) report.problems.push_back(problem + " (compiled alone)");
    }
  }
}

void check_examples(const rules::Rule& rule, std::uint32_t index, Scanner& scanner, PackCheckReport& report) {
  const rules::RulePack& pack = scanner.compiled().pack();
  for (std::size_t i = 0; i < rule.examples.size(); ++i) {
    const rules::Example& example = rule.examples[i];
    const auto start = static_cast<std::uint32_t>(example.text.find(example.match));
    const auto end = static_cast<std::uint32_t>(start + example.match.size());
    const auto findings = scanner.scan(text::Utf8Text::from_valid(example.text)).findings;
    const auto hit = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.rule == index && f.start == start && f.end == end;
    });
    ++report.examples;
    const std::string expected = "expected " + rule.id + "@" + std::to_string(start) + "-" + std::to_string(end);
    if (hit == findings.end()) {
      report.problems.push_back(where(rule) + ": example " + std::to_string(i + 1) + ": " + expected + ", found " +
                                describe(findings, pack));
    } else if (example.confidence && hit->confidence != *example.confidence) {
      report.problems.push_back(where(rule) + ": example " + std::to_string(i + 1) + ": " + expected + "/" +
                                std::string(rules::to_string(*example.confidence)) + ", found " +
                                describe(findings, pack));
    }
  }
}

void check_negatives(const rules::Rule& rule, std::uint32_t index, Scanner& scanner, PackCheckReport& report) {
  for (std::size_t i = 0; i < rule.negative_examples.size(); ++i) {
    const auto findings = scanner.scan(text::Utf8Text::from_valid(rule.negative_examples[i])).findings;
    ++report.negative_examples;
    const bool reported = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == index; });
    if (reported) {
      report.problems.push_back(where(rule) + ": negative example " + std::to_string(i + 1) + " is reported: " +
                                describe(findings, scanner.compiled().pack()));
    }
  }
}

}  // namespace

PackCheckReport check_pack(const std::filesystem::path& dir) {
  PackCheckReport report;
  std::shared_ptr<const CompiledPack> compiled;
  try {
    rules::RulePack pack = rules::load_pack(dir);
    report.rules = pack.rules.size();
    check_compiles_alone(pack, report);
    compiled = CompiledPack::build(std::move(pack), {false, {}});
  } catch (const rules::RuleError& e) {
    report.problems.insert(report.problems.end(), e.problems().begin(), e.problems().end());
    return report;
  }
  Scanner scanner(compiled);
  const auto& rules = compiled->pack().rules;
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    check_examples(rules[i], i, scanner, report);
    check_negatives(rules[i], i, scanner, report);
  }
  return report;
}

}  // namespace phisentry::scan
