#pragma once
// Audit records to syslog/journald as RFC 5424 messages with structured data, sent to a local unix
// datagram socket (/dev/log by default), so a fleet's existing log shippers forward them.

#include <string>

#include <nlohmann/json.hpp>

namespace phisentry::audit {

// The RFC 5424 message for one audit record: facility 13 (log audit), severity notice for overrides
// and warnings, info otherwise; SD-ID phisentry@32473; MSG is the record as JSON.
std::string rfc5424_message(const nlohmann::json& record, const std::string& hostname, long pid);

class SyslogSink {
 public:
  explicit SyslogSink(std::string socket_path);
  ~SyslogSink();
  SyslogSink(const SyslogSink&) = delete;
  SyslogSink& operator=(const SyslogSink&) = delete;

  // Sends one record; false when the socket is not there or refuses it (the file sink still has it).
  bool send(const nlohmann::json& record);

 private:
  std::string socket_path_;
  std::string hostname_;
  int fd_ = -1;
};

}  // namespace phisentry::audit
