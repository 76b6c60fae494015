#pragma once
/// @file finml/app/build_info.hpp
/// What was built: version, commit, build type and compiler, fixed at compile time.
#include <string_view>

namespace finml::app {

struct BuildInfo {
  std::string_view name;
  std::string_view version;
  std::string_view commit;
  std::string_view build_type;
  std::string_view compiler;
};

[[nodiscard]] BuildInfo build_info() noexcept;

}  // namespace finml::app
