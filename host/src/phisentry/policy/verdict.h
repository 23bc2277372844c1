#pragma once
// Which workspace a page belongs to and what the policy decides for it.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "phisentry/policy/policy.h"

namespace phisentry::policy {

struct Workspace {
  std::string id;                      // origin plus the product's base path; "" when the URL is not http(s)
  std::optional<std::string> product;  // "confluence", "jira" or none
  std::string host;                    // lower case, for the audit trail
};

// Atlassian Cloud from the URL (Confluence under /wiki, Jira under /browse, /jira, /projects, /issues);
// elsewhere the product the extension recognised from page markers ("confluence" or "jira"), if any.
Workspace recognise_workspace(std::string_view url, std::string_view product_hint = {});

struct Verdict {
  Workspace workspace;
  bool covered = false;
  Action action = Action::warn;
  const WorkspaceEntry* matched_entry = nullptr;  // into the policy; null = default_action decided
};

// The most specific matching workspace entry decides; otherwise the workspace is not covered and
// default_action applies.
Verdict decide(const Policy& policy, std::string_view url, std::string_view product_hint = {});

nlohmann::json to_json(const Verdict& verdict);

}  // namespace phisentry::policy
