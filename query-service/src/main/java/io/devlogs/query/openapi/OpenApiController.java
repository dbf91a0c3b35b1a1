package io.devlogs.query.openapi;

import io.javalin.http.Context;

/** {@code GET /openapi.json}: the assembled document, built once at start-up. */
public final class OpenApiController {
  private final String json;

  public OpenApiController(OpenApiDocument document) {
    this.json = document.json();
  }

  public void serve(Context ctx) {
    ctx.contentType("application/json").result(json);
  }
}
