#include "phisentry/audit/trail.h"

#include <spdlog/spdlog.h>

namespace phisentry::audit {

TrailPaths default_trail_paths(const policy::AuditSettings& settings) {
  return {settings.file.empty() ? default_audit_file() : std::filesystem::path(settings.file), default_signing_key_file(),
          crypto::default_key_file()};
}

AuditTrail::AuditTrail(const TrailPaths& paths, const policy::AuditSettings& settings)
    : hasher_(crypto::ValueHasher::from_key_file(paths.hash_key)), key_(SigningKey::load_or_create(paths.signing_key)) {
  if (settings.file_sink) {
    log_.emplace(paths.audit_file, key_, LogSettings{settings.max_file_bytes, settings.checkpoint_every});
  }
  if (settings.syslog_sink) syslog_ = std::make_unique<SyslogSink>(settings.syslog_socket);
}

nlohmann::json AuditTrail::record(const EventDetails& details) {
  nlohmann::json written;
  if (log_) {
    written = log_->append(details);
  } else {
    written = details_json(details);
    written["time"] = utc_timestamp();
  }
  // Syslog is best effort: the file keeps the chain, and a missing /dev/log must not stop a save.
  if (syslog_ && !syslog_->send(written)) spdlog::warn("audit: syslog socket refused a record");
  return written;
}

void AuditTrail::seal() {
  if (log_) log_->seal();
}

std::string AuditTrail::value_hash(std::string_view category, std::string_view value) const {
  return hasher_.hash(category, value);
}

std::string AuditTrail::page_hash(std::string_view url) const {
  return hasher_.hash("page", url.substr(0, url.find_first_of("?#")));
}

}  // namespace phisentry::audit
