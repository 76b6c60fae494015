#include <finml/http/metrics.hpp>

#include <dirent.h>
#include <fmt/format.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace finml::http {
namespace {

constexpr std::array<std::string_view, 8> kKnownMethods = {"GET", "HEAD", "POST", "PUT",
                                                           "PATCH", "DELETE", "OPTIONS", "OTHER"};

// Methods outside the list share one label value, so that garbage cannot add series.
std::string_view method_label(std::string_view method) {
  for (const auto known : kKnownMethods) {
    if (known == method) return known;
  }
  return "OTHER";
}

struct SeriesKey {
  std::string_view method;
  std::string_view route;
  int status;  // 0 for the latency histogram, which has no status label
  friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
};

struct OwnedSeriesKey {
  std::string method;
  std::string route;
  int status;
  [[nodiscard]] SeriesKey view() const { return {method, route, status}; }
};

struct SeriesHash {
  using is_transparent = void;
  std::size_t operator()(const SeriesKey& key) const noexcept {
    const std::size_t a = std::hash<std::string_view>{}(key.method);
    const std::size_t b = std::hash<std::string_view>{}(key.route);
    return a ^ (b * 31) ^ (static_cast<std::size_t>(key.status) * 1'000'003);
  }
  std::size_t operator()(const OwnedSeriesKey& key) const noexcept { return (*this)(key.view()); }
};

struct SeriesEqual {
  using is_transparent = void;
  bool operator()(const SeriesKey& a, const SeriesKey& b) const noexcept { return a == b; }
  bool operator()(const OwnedSeriesKey& a, const SeriesKey& b) const noexcept { return a.view() == b; }
  bool operator()(const SeriesKey& a, const OwnedSeriesKey& b) const noexcept { return a == b.view(); }
  bool operator()(const OwnedSeriesKey& a, const OwnedSeriesKey& b) const noexcept {
    return a.view() == b.view();
  }
};

// Latency buckets in seconds: sub-millisecond for cached answers up to seconds for big fits.
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

struct ProcessFigures {
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double cpu_seconds = 0;
  double start_time_seconds = 0;
  double open_fds = 0;
  double threads = 0;
};

ProcessFigures read_process_figures() {
  ProcessFigures figures;
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (std::ifstream statm("/proc/self/statm"); statm) {
    double size = 0;
    double resident = 0;
    statm >> size >> resident;
    figures.virtual_bytes = size * page;
    figures.resident_bytes = resident * page;
  }
  if (std::ifstream stat_file("/proc/self/stat"); stat_file) {
    std::string content((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const auto close = content.rfind(')');
    if (close != std::string::npos) {
      std::istringstream rest(content.substr(close + 2));
      std::vector<std::string> fields;
      for (std::string field; rest >> field;) fields.push_back(field);
      // Field 3 is fields[0]: utime is field 14, stime 15, num_threads 20, starttime 22.
      if (fields.size() > 19) {
        figures.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
        figures.threads = std::stod(fields[17]);
        double boot_time = 0;
        if (std::ifstream proc_stat("/proc/stat"); proc_stat) {
          for (std::string line; std::getline(proc_stat, line);) {
            if (line.rfind("btime ", 0) == 0) boot_time = std::stod(line.substr(6));
          }
        }
        figures.start_time_seconds = boot_time + std::stod(fields[19]) / ticks;
      }
    }
  }
  if (DIR* fds = opendir("/proc/self/fd"); fds != nullptr) {
    while (const dirent* entry = readdir(fds)) {
      if (entry->d_name[0] != '.') figures.open_fds += 1;
    }
    closedir(fds);
    figures.open_fds -= 1;  // the directory stream itself
  }
  return figures;
}

void append_gauge(std::string& out, std::string_view name, std::string_view help, std::string_view type,
                  double value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

struct Metrics::Impl {
  explicit Impl(const BuildInfo& build)
      : registry(std::make_shared<prometheus::Registry>()),
        requests(prometheus::BuildCounter()
                     .Name("api_requests_total")
                     .Help("HTTP requests by method, route template and status code")
                     .Register(*registry)),
        latency(prometheus::BuildHistogram()
                    .Name("api_request_duration_seconds")
                    .Help("Time from a complete request to its response, by method and route template")
                    .Register(*registry)),
        in_flight(prometheus::BuildGauge()
                      .Name("api_requests_in_flight")
                      .Help("Requests being handled now")
                      .Register(*registry)
                      .Add({})) {
    prometheus::BuildGauge()
        .Name("finml_build_info")
        .Help("Build of the running finml; the value is always 1")
        .Register(*registry)
        .Add({{"name", build.name},
              {"version", build.version},
              {"commit", build.commit},
              {"build_type", build.build_type},
              {"compiler", build.compiler},
              {"environment", build.environment}})
        .Set(1);
  }

  template <class Metric, class Make>
  Metric& series(std::unordered_map<OwnedSeriesKey, Metric*, SeriesHash, SeriesEqual>& cache,
                 const SeriesKey& key, Make&& make) {
    {
      std::shared_lock lock(mutex);
      if (const auto found = cache.find(key); found != cache.end()) return *found->second;
    }
    std::unique_lock lock(mutex);
    if (const auto found = cache.find(key); found != cache.end()) return *found->second;
    Metric& metric = make();
    cache.emplace(OwnedSeriesKey{std::string(key.method), std::string(key.route), key.status}, &metric);
    return metric;
  }

  std::shared_ptr<prometheus::Registry> registry;
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& latency;
  prometheus::Gauge& in_flight;
  std::shared_mutex mutex;
  std::unordered_map<OwnedSeriesKey, prometheus::Counter*, SeriesHash, SeriesEqual> counters;
  std::unordered_map<OwnedSeriesKey, prometheus::Histogram*, SeriesHash, SeriesEqual> histograms;
  struct CounterSource {
    std::string name;
    std::string help;
    std::function<double()> read;
  };
  std::vector<CounterSource> counter_sources;
};

Metrics::Metrics(const BuildInfo& build) : impl_(std::make_unique<Impl>(build)) {}
Metrics::~Metrics() = default;

void Metrics::request_started() noexcept { impl_->in_flight.Increment(); }

void Metrics::request_finished(std::string_view method, std::string_view route, int status,
                               std::chrono::nanoseconds duration) {
  impl_->in_flight.Decrement();
  const std::string_view label = method_label(method);
  auto& counter = impl_->series(impl_->counters, {label, route, status}, [&]() -> prometheus::Counter& {
    return impl_->requests.Add({{"method", std::string(label)},
                                {"endpoint", std::string(route)},
                                {"status_code", std::to_string(status)}});
  });
  counter.Increment();
  auto& histogram = impl_->series(impl_->histograms, {label, route, 0}, [&]() -> prometheus::Histogram& {
    return impl_->latency.Add({{"method", std::string(label)}, {"endpoint", std::string(route)}},
                              kLatencyBuckets);
  });
  histogram.Observe(std::chrono::duration<double>(duration).count());
}

void Metrics::add_counter_source(std::string name, std::string help, std::function<double()> read) {
  impl_->counter_sources.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::string out = prometheus::TextSerializer().Serialize(impl_->registry->Collect());
  for (const auto& source : impl_->counter_sources) append_gauge(out, source.name, source.help, "counter", source.read());
  const ProcessFigures process = read_process_figures();
  append_gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge",
               process.resident_bytes);
  append_gauge(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.", "gauge",
               process.virtual_bytes);
  append_gauge(out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
               "counter", process.cpu_seconds);
  append_gauge(out, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
               "gauge", process.start_time_seconds);
  append_gauge(out, "process_open_fds", "Number of open file descriptors.", "gauge", process.open_fds);
  append_gauge(out, "process_threads", "Number of OS threads of the process.", "gauge", process.threads);
  return out;
}

}  // namespace finml::http
