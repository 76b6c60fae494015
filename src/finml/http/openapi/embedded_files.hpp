#pragma once
/// @file finml/http/openapi/embedded_files.hpp
/// The files of the API docs that the binary carries (cmake/EmbedFiles.cmake): the OpenAPI
/// document, the /docs page and the Swagger UI assets of the npm package swagger-ui-dist
/// (web/package.json), so that a copied binary or a container serves them without the tree.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <finml/http/message.hpp>

namespace finml::http::openapi {

struct EmbeddedFile {
  std::string_view name;          ///< "openapi.json", "swagger-ui.css", ...
  std::string_view content_type;  ///< as sent in Content-Type
  std::string_view bytes;
};

/// Every embedded file; the Swagger UI assets are missing when the build had no npm.
[[nodiscard]] std::span<const EmbeddedFile> embedded_files() noexcept;

/// The embedded file of that name.
[[nodiscard]] inline std::optional<EmbeddedFile> embedded_file(std::string_view name) noexcept {
  for (const auto& file : embedded_files()) {
    if (file.name == name) return file;
  }
  return std::nullopt;
}

/// The file as an answer, with its content type and the given Cache-Control.
[[nodiscard]] inline Response file_response(const EmbeddedFile& file, std::string_view cache_control) {
  Response response;
  response.content_type = std::string(file.content_type);
  response.body = std::string(file.bytes);
  response.with_header("Cache-Control", std::string(cache_control));
  response.with_header("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace finml::http::openapi
