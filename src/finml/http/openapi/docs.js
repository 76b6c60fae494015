// Starts Swagger UI on finml's own OpenAPI document. Paths are relative to /docs, so the page
// also works behind a proxy that serves finml under a prefix.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No badge from the public validator: the page never calls another host.
    validatorUrl: null,
    persistAuthorization: true,
  });
});
