#include <finml/http/router.hpp>

#include <algorithm>
#include <stdexcept>

namespace finml::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);  // "/health/" is "/health"
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (segments.size() == 1 && segments.front().empty()) segments.clear();  // "/"
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::string_view> RequestContext::path_parameter(std::string_view name) const {
  for (const auto& [key, value] : path_parameters) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

void Router::add(Route route) {
  if (route.path_template.empty() || route.path_template.front() != '/') {
    throw std::invalid_argument("route template must start with '/': " + route.path_template);
  }
  Compiled compiled;
  for (const auto segment : split_path(route.path_template)) compiled.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

std::variant<Router::Match, Router::Miss> Router::match(std::string_view method,
                                                        std::string_view path) const {
  const auto segments = split_path(path);
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  // Of the templates that match the path, the most specific one decides: a literal segment
  // beats a parameter at the first position where they differ. So PUT .../transactions/export
  // is a 405 of the GET-only export route, never read as transaction id "export" (a 422).
  std::vector<bool> best_shape;
  bool any = false;
  const Route* found = nullptr;
  PathParameters found_parameters;
  Miss miss;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) continue;
    PathParameters parameters;
    std::vector<bool> shape(pattern.size(), true);  // true: a literal segment
    bool matches = true;
    for (std::size_t s = 0; s < pattern.size() && matches; ++s) {
      if (is_parameter(pattern[s])) {
        shape[s] = false;
        if (segments[s].empty()) {
          matches = false;
        } else {
          parameters.emplace_back(pattern[s].substr(1, pattern[s].size() - 2), segments[s]);
        }
      } else {
        matches = pattern[s] == segments[s];
      }
    }
    if (!matches) continue;
    if (!any || shape > best_shape) {
      any = true;
      best_shape = std::move(shape);
      found = nullptr;
      found_parameters.clear();
      miss.allowed_methods.clear();
    } else if (shape < best_shape) {
      continue;
    }
    if (routes_[i].method == wanted && found == nullptr) {
      found = &routes_[i];
      found_parameters = std::move(parameters);
    }
    miss.allowed_methods.push_back(routes_[i].method);
    if (routes_[i].method == "GET") miss.allowed_methods.emplace_back("HEAD");
  }
  if (found != nullptr) return Match{found, std::move(found_parameters)};
  std::sort(miss.allowed_methods.begin(), miss.allowed_methods.end());
  miss.allowed_methods.erase(std::unique(miss.allowed_methods.begin(), miss.allowed_methods.end()),
                             miss.allowed_methods.end());
  return miss;
}

}  // namespace finml::http
