#include <finml/http/handlers/handlers.hpp>
#include <finml/http/openapi/embedded_files.hpp>

namespace finml::http::handlers {

// GET /openapi.json: the document embedded at build time (src/finml/http/openapi/openapi.json).
Handler openapi_get() {
  return [](const RequestContext&) -> core::Result<Response> {
    const auto document = openapi::embedded_file("openapi.json");
    if (!document) return core::fail(core::ErrorCode::kInternal, "the OpenAPI document is not embedded");
    // Revalidated every time: it changes with every release and is small.
    return openapi::file_response(*document, "no-cache");
  };
}

}  // namespace finml::http::handlers
