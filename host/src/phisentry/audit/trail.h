#pragma once
// The audit trail as the host uses it: the sinks the policy chose, fed one event at a time. The
// file sink holds the chain; the syslog sink forwards the same records.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "phisentry/audit/log_file.h"
#include "phisentry/audit/record.h"
#include "phisentry/audit/syslog_sink.h"
#include "phisentry/policy/policy.h"
#include "phisentry/crypto/value_hasher.h"

namespace phisentry::audit {

struct TrailPaths {
  std::filesystem::path audit_file;   // the policy's audit.file, else default_audit_file()
  std::filesystem::path signing_key;  // default_signing_key_file()
  std::filesystem::path hash_key;     // the per-install keyed-hash key (shared with sweep)
};
TrailPaths default_trail_paths(const policy::AuditSettings& settings);

class AuditTrail {
 public:
  AuditTrail(const TrailPaths& paths, const policy::AuditSettings& settings);

  // Writes the record to every sink. Throws std::runtime_error when the file sink cannot write.
  nlohmann::json record(const EventDetails& details);
  void seal();  // a signed checkpoint (host stop)

  // Keyed hashes: a matched value (per category) and a page (its URL without query and fragment).
  std::string value_hash(std::string_view category, std::string_view value) const;
  std::string page_hash(std::string_view url) const;

 private:
  crypto::ValueHasher hasher_;
  SigningKey key_;
  std::optional<AuditLog> log_;
  std::unique_ptr<SyslogSink> syslog_;
};

}  // namespace phisentry::audit
