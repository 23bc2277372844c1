#pragma once

#include <string>
#include <vector>

namespace phisentry::cli {

// Each takes the words after its name and returns the process exit status.
int scan_command(const std::vector<std::string>& args);
int native_command(const std::vector<std::string>& args);
int rules_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);  // in phisentry_sweep, run by phisentry-sweep
int doctor_command(const std::vector<std::string>& args);
int policy_command(const std::vector<std::string>& args);
int audit_command(const std::vector<std::string>& args);
int allowlist_command(const std::vector<std::string>& args);
int edm_command(const std::vector<std::string>& args);
// Serves native messaging for a browser that started us (no options: defaults and environment).
int browser_launch(const std::string& caller);

// Runs one command, reporting usage errors, refused rule packs and failures on stderr.
int run_command(const std::string& name, int (*command)(const std::vector<std::string>&),
                const std::vector<std::string>& args);
// Entry point: detects a browser launch or dispatches to a subcommand.
int run(int argc, char** argv);

}  // namespace phisentry::cli
