#pragma once
/// @file finml/http/handlers/dependencies.hpp
/// What the handlers are given: the services, the service's identity, and the clock.
#include <chrono>
#include <functional>
#include <string>

#include <finml/core/date.hpp>
#include <finml/core/money.hpp>
#include <finml/http/metrics.hpp>
#include <finml/service/system_service.hpp>

namespace finml::http {

struct ServiceInfo {
  std::string name;
  std::string version;
  std::string environment;
  std::chrono::steady_clock::time_point started;
};

struct Dependencies {
  ServiceInfo info;
  service::SystemService& system;
  Metrics& metrics;
  bool metrics_enabled = true;
  core::Currency default_currency;
  /// Today's date for the analytics (UTC); a request may pin it with `as_of`.
  std::function<core::Date()> today;
};

}  // namespace finml::http
