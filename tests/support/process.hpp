#pragma once
// Runs the real finml binary as a child process for end-to-end tests: arguments,
// environment, captured output, signals, and waiting for it to be ready or to exit.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace finml::testing {

class ChildProcess {
 public:
  /// Starts `program` with `arguments`; `environment` is added to (and overrides) the parent's.
  ChildProcess(const std::string& program, const std::vector<std::string>& arguments,
               const std::map<std::string, std::string>& environment = {},
               const std::string& working_directory = {});
  ~ChildProcess();  ///< kills the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  void signal(int signal_number);
  /// Waits for the exit status (the exit code, or 128 + signal); nullopt on timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  [[nodiscard]] std::string stdout_text() const;
  [[nodiscard]] std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string stdout_path_;
  std::string stderr_path_;
};

/// A finml server on a free loopback port with its own SQLite file, ready to serve.
class FinmlServer {
 public:
  explicit FinmlServer(std::map<std::string, std::string> environment = {},
                       std::vector<std::string> extra_arguments = {});
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] ChildProcess& process() noexcept { return *process_; }
  [[nodiscard]] const std::string& directory() const noexcept { return directory_; }
  /// SIGTERM and wait; returns the exit status.
  std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));

 private:
  std::string directory_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

/// The finml binary under test (set at build time).
[[nodiscard]] std::string finml_binary();
/// A new empty directory under the system temp dir.
[[nodiscard]] std::string make_temp_directory();

}  // namespace finml::testing
