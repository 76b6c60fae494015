#include <finml/http/handlers/handlers.hpp>
#include <finml/http/openapi/embedded_files.hpp>

namespace finml::http::handlers {
namespace {

// The page when the build had no npm, so no Swagger UI: it still leads to the document.
constexpr std::string_view kPageWithoutViewer =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>finml API docs</title></head>\n"
    "<body><p>This finml binary was built without the interactive viewer (npm was not available).\n"
    "The OpenAPI document is at <a href=\"openapi.json\">openapi.json</a>.</p></body></html>\n";

}  // namespace

// GET /docs: the Swagger UI page on /openapi.json.
Handler docs_get() {
  return [](const RequestContext&) -> core::Result<Response> {
    if (!openapi::embedded_file("swagger-ui-bundle.js")) {
      return openapi::file_response({"docs.html", "text/html; charset=utf-8", kPageWithoutViewer}, "no-cache");
    }
    const auto page = openapi::embedded_file("docs.html");
    if (!page) return core::fail(core::ErrorCode::kInternal, "the docs page is not embedded");
    return openapi::file_response(*page, "no-cache");
  };
}

// GET /docs/{asset}: the page's script, stylesheet and icons, which change only with the npm
// package's version (web/package.json).
Handler docs_asset_get() {
  return [](const RequestContext& context) -> core::Result<Response> {
    const auto name = context.path_parameter("asset").value_or("");
    // The page and the document have their own routes; everything else embedded is an asset.
    const auto asset = name == "docs.html" || name == "openapi.json" ? std::nullopt : openapi::embedded_file(name);
    if (!asset) return core::fail(core::ErrorCode::kNotFound, "Not Found");
    return openapi::file_response(*asset, "public, max-age=86400");
  };
}

}  // namespace finml::http::handlers
