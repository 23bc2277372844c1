#include "phisentry/policy/verdict.h"

namespace phisentry::policy {
namespace {

bool path_under(std::string_view path, std::string_view base) {
  return path == base || (path.starts_with(base) && path.size() > base.size() && path[base.size()] == '/');
}

std::optional<std::string> cloud_product(std::string_view path) {
  if (path_under(path, "/wiki")) return "confluence";
  for (std::string_view base : {"/browse", "/jira", "/projects", "/issues"}) {
    if (path_under(path, base)) return "jira";
  }
  return std::nullopt;
}

}  // namespace

Workspace recognise_workspace(std::string_view url, std::string_view product_hint) {
  const auto parts = split_url(url);
  if (!parts) return {};
  Workspace workspace;
  workspace.host = parts->host;
  std::string origin = parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port);
  if (parts->host.ends_with(".atlassian.net")) {
    workspace.product = cloud_product(parts->path);
    if (workspace.product) origin += *workspace.product == "confluence" ? "/wiki" : "/jira";
  } else if (product_hint == "confluence" || product_hint == "jira") {
    workspace.product = std::string(product_hint);
  }
  workspace.id = std::move(origin);
  return workspace;
}

Verdict decide(const Policy& policy, std::string_view url, std::string_view product_hint) {
  Verdict verdict;
  verdict.workspace = recognise_workspace(url, product_hint);
  verdict.action = policy.default_action;
  for (const WorkspaceEntry& entry : policy.workspaces) {
    if (!entry.pattern.matches(url)) continue;
    if (verdict.matched_entry == nullptr || entry.pattern.specificity() > verdict.matched_entry->pattern.specificity()) {
      verdict.matched_entry = &entry;
    }
  }
  if (verdict.matched_entry != nullptr) {
    verdict.covered = verdict.matched_entry->covered;
    verdict.action = verdict.matched_entry->action;
  }
  return verdict;
}

nlohmann::json to_json(const Verdict& verdict) {
  nlohmann::json entry = nullptr;
  if (verdict.matched_entry != nullptr) {
    entry = {{"match", verdict.matched_entry->pattern.text()}, {"label", verdict.matched_entry->label}};
  }
  return {{"workspace", verdict.workspace.id},
          {"product", verdict.workspace.product ? nlohmann::json(*verdict.workspace.product) : nlohmann::json(nullptr)},
          {"covered", verdict.covered},
          {"action", to_string(verdict.action)},
          {"matched_entry", entry}};
}

}  // namespace phisentry::policy
