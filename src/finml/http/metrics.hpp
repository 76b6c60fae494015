#pragma once
/// @file finml/http/metrics.hpp
/// Prometheus metrics of the service: requests by method, route template and status, their
/// latency, requests in flight, build info and the process's own figures. Labels hold route
/// templates, never raw paths, so the number of series stays bounded.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace finml::http {

struct BuildInfo {
  std::string name;
  std::string version;
  std::string commit;
  std::string build_type;
  std::string compiler;
  std::string environment;
};

class Metrics {
 public:
  explicit Metrics(const BuildInfo& build);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void request_started() noexcept;
  /// Counts a finished request and its latency; `route` is the template ("/health"), or
  /// "unmatched" when no route matched.
  void request_finished(std::string_view method, std::string_view route, int status,
                        std::chrono::nanoseconds duration);

  /// A counter read when /metrics is scraped (cache hits, refused requests...), added to the
  /// exposition under `name`. Before the server starts.
  void add_counter_source(std::string name, std::string help, std::function<double()> read);

  /// The text exposition format (version 0.0.4) of every metric.
  [[nodiscard]] std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finml::http
