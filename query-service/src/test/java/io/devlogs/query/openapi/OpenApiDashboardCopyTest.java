package io.devlogs.query.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dashboard's copy of the OpenAPI document equal to the served one. The dashboard
 * generates its API types from that copy: the web module builds before this one (this one serves
 * its jar), so its build can neither ask the service nor wait for this module for the document.
 */
class OpenApiDashboardCopyTest {
  private static final Path DASHBOARD_COPY = Path.of("..", "web", "openapi.json");

  /** {@code -Dopenapi.write=true} rewrites the dashboard's copy before comparing it. */
  private static final String WRITE_PROPERTY = "openapi.write";

  @Test
  void theDashboardsCopyIsTheServedDocument() throws IOException {
    String served =
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(OpenApiDocument.load().tree())
            + "\n";
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      Files.writeString(DASHBOARD_COPY, served, StandardCharsets.UTF_8);
    }
    String copy =
        Files.exists(DASHBOARD_COPY)
            ? Files.readString(DASHBOARD_COPY, StandardCharsets.UTF_8)
            : "(missing)";
    assertThat(copy)
        .withFailMessage(
            "%s differs from the served OpenAPI document; rewrite it with `mvn -B -o -pl"
                + " query-service -am test -Dtest=%s -Dsurefire.failIfNoSpecifiedTests=false"
                + " -D%s=true` and commit it (the web build generates the dashboard's API types"
                + " from it)",
            DASHBOARD_COPY.normalize(), getClass().getSimpleName(), WRITE_PROPERTY)
        .isEqualTo(served);
  }
}
