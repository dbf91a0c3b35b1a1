package io.devlogs.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files of stack/prometheus/ as Prometheus's own tool reads them: the alerting rules
 * pass {@code promtool check rules} and their unit tests, the configuration {@code bin/devlogs}
 * renders passes {@code promtool check config}, and the Grafana dashboard is JSON whose panels
 * query series the rules and services name. {@code promtool} comes with Debian's {@code prometheus}
 * package, which {@code bin/devlogs test} and {@code up --prometheus} install.
 */
class PrometheusRulesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path RULES = ROOT.resolve("stack/prometheus/rules");
  private static final Path RULE_TESTS = ROOT.resolve("stack/prometheus/tests");

  @Test
  void theAlertingRulesPassPromtoolCheck() throws Exception {
    String out =
        run(ROOT, "promtool", "check", "rules", RULES.resolve("devlogs-alerts.yml").toString());
    assertThat(out).contains("SUCCESS: 9 rules found");
  }

  @Test
  void theAlertingRulesPassTheirUnitTests() throws Exception {
    String out = run(RULE_TESTS, "promtool", "test", "rules", "devlogs-alerts.test.yml");
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void theRenderedConfigurationPassesPromtoolCheck(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    run(ROOT, ROOT.resolve("bin/devlogs").toString(), "prometheus-config", config.toString());
    String text = Files.readString(config);
    assertThat(text)
        .doesNotContain("_PORT@", "@RULES_DIR@")
        .contains("127.0.0.1:16127", "127.0.0.1:16128");
    String out = run(ROOT, "promtool", "check", "config", config.toString());
    assertThat(out).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void theGrafanaDashboardQueriesTheSeriesOfEveryStage() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(ROOT.resolve("stack/grafana/devlogs-pipeline.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.get("expr").asText());
      }
    }
    assertThat(String.join("\n", queries))
        .contains(
            "devlogs_ingest_requests_total",
            "devlogs_ingest_project_events_accepted_total",
            "flink_taskmanager_job_task_operator_pendingRecords",
            "flink_taskmanager_job_task_operator_numRecordsIn",
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_numRestarts",
            "flink_taskmanager_job_task_operator_cause_deadLetters",
            "flink_taskmanager_job_task_operator_clickhouseCommitMillis",
            "devlogs_query_request_seconds_bucket",
            "devlogs_query_store_seconds_bucket",
            "devlogs_query_in_flight_limit");
  }

  /** Runs a command, fails with its output unless it exits 0, returns its output. */
  private static String run(Path dir, String... command) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command[0]
              + " cannot be run: install Debian's package prometheus (bin/devlogs test does)",
          e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue())
        .as("%s exit code; output:%n%s", String.join(" ", command), out)
        .isZero();
    return out;
  }
}
