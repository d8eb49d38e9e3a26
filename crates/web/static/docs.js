// Swagger UI over the service's own OpenAPI document (vendored swagger-ui-dist; nothing is fetched elsewhere).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
