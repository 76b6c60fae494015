#include <finml/app/build_info.hpp>

namespace finml::app {

BuildInfo build_info() noexcept {
  return {.name = "finml",
          .version = FINML_VERSION,
          .commit = FINML_GIT_COMMIT,
          .build_type = FINML_BUILD_TYPE,
          .compiler = "g++ " __VERSION__};
}

}  // namespace finml::app
