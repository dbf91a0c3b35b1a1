package io.devlogs.query.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the dashboard's {@code index.html} for its client-side routes ({@code /search}, {@code
 * /events/{id}}, ...), so a reload or a shared link opens the right page. Only GETs outside the API
 * ({@code /v1/}) and outside Vite's asset folder ({@code /assets/}, where a missing file must stay
 * a 404 rather than HTML parsed as a script) fall back. The file is read on each request (it is
 * small), so a dashboard rebuilt into a classpath folder is picked up without a restart.
 */
public final class DashboardFallback {
  private final String indexHtml;

  /** The fallback for the dashboard in a classpath folder such as {@code /devlogs-web}. */
  public DashboardFallback(String classpathFolder) {
    this.indexHtml = classpathFolder + "/index.html";
  }

  /** Answers a request that matched nothing with index.html when it is a dashboard route. */
  public void serve(Context ctx) {
    String path = ctx.path();
    if (ctx.method() != HandlerType.GET || path.startsWith("/v1/") || path.startsWith("/assets/")) {
      return;
    }
    try (InputStream in = DashboardFallback.class.getResourceAsStream(indexHtml)) {
      if (in != null) {
        ctx.status(HttpStatus.OK).contentType("text/html; charset=utf-8").result(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's " + indexHtml, e);
    }
  }
}
