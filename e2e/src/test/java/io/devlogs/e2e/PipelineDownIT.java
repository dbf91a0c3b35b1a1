package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the pipeline job stopped (with a savepoint, as {@code bin/devlogs job stop} does), the
 * status route, {@code bin/devlogs status} and the dashboard's banner say so within 30 s; started
 * again, the route stops saying so. The job is started again whatever happens.
 *
 * <p>The banner is checked by the dashboard's own browser test ({@code
 * web/browser-tests/pipeline-status.test.mjs}) in its down mode ({@code
 * DEVLOGS_EXPECT_PIPELINE=down}), run in Chromium against the stack's query service.
 */
class PipelineDownIT {
  private static final String JOB = "devlogs-log-pipeline";
  private static final Duration SAYS_SO = Duration.ofSeconds(30);
  private static final Duration RECOVERY = Duration.ofSeconds(120);
  private static final Duration BROWSER_TEST_TIMEOUT = Duration.ofMinutes(3);

  private static final LocalStack STACK = LocalStack.fromEnvironment();
  private static final DevlogsHttp HTTP = new DevlogsHttp(STACK);
  private static final FlinkRest FLINK = new FlinkRest(STACK.flinkRestUrl().toString());
  private static final Launcher LAUNCHER = new Launcher();

  private final long startNanos = System.nanoTime();

  /** Whatever happened, the job runs again. */
  @AfterEach
  void startTheJobAgain() {
    if (FLINK.runningJobId(JOB).isEmpty()) {
      LAUNCHER.run("job", "start");
    }
  }

  @Test
  void withTheJobStoppedTheRouteTheCommandAndTheBannerSaySoWithin30Seconds() throws Exception {
    ProjectsDatabase database = ProjectsDatabase.connect(STACK.settings());
    Project project =
        new ProjectStore(database).createProject(STACK.uniqueName("system-test-down"));
    String queryKey = new ApiKeyStore(database).issueKey(project.id(), Scope.QUERY);
    assertThat(FLINK.runningJobId(JOB)).as(JOB + " RUNNING before the test").isPresent();
    assertThat(verdict(queryKey)).isNotEqualTo("down");

    LAUNCHER.run("job", "stop");
    long stoppedAt = System.nanoTime();
    progress("job stopped");

    JsonNode down =
        Poll.until(
            SAYS_SO,
            () -> status(queryKey),
            status -> status.path("verdict").asText().equals("down"),
            "GET /v1/status to say down");
    progress("status route: %s (%s)", down.path("verdict").asText(), down.path("reason").asText());
    assertThat(down.path("reason").asText()).contains(JOB);
    assertThat(down.path("job").path("state").asText()).isNotEqualTo("RUNNING");

    Launcher.Outcome command = LAUNCHER.attempt("status");
    assertThat(command.exitCode()).as("bin/devlogs status exits non-zero").isNotZero();
    assertThat(command.output()).contains("pipeline: down");

    int browser = runBannerBrowserTest();
    assertThat(browser).as("the banner's browser test in its down mode").isZero();
    progress("status route, command and banner said so; %.1f s after the stop", seconds(stoppedAt));

    LAUNCHER.run("job", "start");
    Poll.until(
        RECOVERY,
        () -> verdict(queryKey),
        verdict -> !verdict.equals("down"),
        "GET /v1/status to stop saying down once the job runs again");
  }

  private JsonNode status(String queryKey) {
    DevlogsHttp.Reply reply = HTTP.query(queryKey, "/v1/status", Map.of());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private String verdict(String queryKey) {
    return status(queryKey).path("verdict").asText();
  }

  /** {@code node --test browser-tests/pipeline-status.test.mjs} with the pipeline expected down. */
  private int runBannerBrowserTest() throws IOException, InterruptedException {
    ProcessBuilder node =
        new ProcessBuilder("node", "--test", "browser-tests/pipeline-status.test.mjs")
            .directory(LAUNCHER.repositoryRoot().resolve("web").toFile())
            .redirectErrorStream(true);
    node.environment().put("DEVLOGS_EXPECT_PIPELINE", "down");
    node.environment().put("DEVLOGS_QUERY_URL", STACK.queryUrl().toString());
    node.environment().put("DEVLOGS_INGEST_URL", STACK.ingestUrl().toString());
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(BROWSER_TEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the browser test did not finish:\n" + output);
    }
    System.out.println(output);
    return process.exitValue();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private void progress(String format, Object... args) {
    System.out.printf(
        "[system-test %5.1fs] %s%n",
        (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }
}
