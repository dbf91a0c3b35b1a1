package io.devlogs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.Enrichment;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's metrics as Prometheus scrapes them: a MiniCluster with the {@code metrics.*} lines of
 * flink-conf/config.yaml (the cluster's reporter), on port {@value #PORT}, runs the pipeline on an
 * endless generated input, and its {@code /metrics} shows records per named operator, checkpoints,
 * restarts and the job's own dead letters by cause. The Kafka source's lag ({@code pendingRecords})
 * is checked against the running stack by the e2e module's PrometheusScrapeIT.
 */
class PrometheusReporterTest {
  private static final int PORT = 21049;

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(clusterMetricsConfig())
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** The metrics lines of the cluster's config.yaml, on this test's port. */
  private static Configuration clusterMetricsConfig() {
    Configuration config = ClusterConfigFile.linesStartingWith("metrics.");
    assertThat(config.toMap()).containsKey("metrics.reporter.prom.factory.class");
    config.setString("metrics.reporter.prom.port", Integer.toString(PORT));
    return config;
  }

  private static RawLogRecord raw(long index) {
    String value = index % 3 == 0 ? "{broken" : "{\"msg\":\"event " + index + "\"}";
    return new RawLogRecord(
        "p_prom",
        value.getBytes(StandardCharsets.UTF_8),
        "p_prom",
        Long.toString(System.currentTimeMillis()),
        "json",
        "s-1",
        null,
        "devlogs-raw",
        0,
        index,
        System.currentTimeMillis());
  }

  @Test
  void theReporterServesOperatorCheckpointRestartAndDeadLetterSeries() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    PipelineOptions options =
        PipelineOptions.from(Settings.of(Map.of("checkpoint.interval", "1s")));
    TypeInformation<RawLogRecord> type = TypeInformation.of(RawLogRecord.class);
    new LogPipeline(
            new DataGeneratorSource<>(
                PrometheusReporterTest::raw,
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(50),
                type),
            new PipelineSinks(
                PipelineSinks.refusesNothing(
                    s -> s.addSink(new CollectingSink<LogEvent>()).name("ch").uid("ch")),
                PipelineSinks.refusesNothing(
                    s -> s.addSink(new CollectingSink<LogEvent>()).name("cass").uid("cass")),
                s -> s.addSink(new CollectingSink<LogEvent>()).name("parsed").uid("parsed"),
                s -> s.addSink(new CollectingSink<DeadLetter>()).name("dlq").uid("dlq"),
                PipelineSinks.refusesNothing(
                    s ->
                        s.addSink(new CollectingSink<LogWindow>()).name("windows").uid("windows"))),
            options.checkpoints(),
            options.windows(),
            Enrichment.defaultSettings())
        .addTo(env);
    JobClient job = env.executeAsync("devlogs-prometheus-test");
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest scrape =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build();
      List<Pattern> wanted =
          List.of(
              series(
                  "flink_taskmanager_job_task_operator_numRecordsIn",
                  "operator_name=\"Parse_log_events\""),
              series(
                  "flink_taskmanager_job_task_operator_numRecordsOut",
                  "operator_name=\"Drop_repeated_events\""),
              series(
                  "flink_taskmanager_job_task_operator_cause_deadLetters", "cause=\"unparseable\""),
              series("flink_taskmanager_job_task_operator_cause_deadLetters", "cause=\"too_late\""),
              series("flink_jobmanager_job_lastCheckpointDuration", "job_name="),
              series("flink_jobmanager_job_lastCheckpointSize", "job_name="),
              series("flink_jobmanager_job_numberOfCompletedCheckpoints", "job_name="),
              series("flink_jobmanager_job_numRestarts", "job_name="),
              series("flink_jobmanager_numRunningJobs", ""));
      String text =
          Poll.until(
              Duration.ofSeconds(90),
              () -> http.send(scrape, HttpResponse.BodyHandlers.ofString()).body(),
              body ->
                  wanted.stream().allMatch(p -> p.matcher(body).find())
                      && completedCheckpoints(body) >= 1
                      && unparseable(body) > 0,
              "the job's series on the reporter's /metrics");
      assertThat(text).doesNotContain("job_id=");
    } finally {
      job.cancel().get();
    }
  }

  private static Pattern series(String name, String label) {
    return Pattern.compile(
        "^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} ",
        Pattern.MULTILINE);
  }

  private static double completedCheckpoints(String text) {
    return sum(text, "flink_jobmanager_job_numberOfCompletedCheckpoints", "");
  }

  private static double unparseable(String text) {
    return sum(
        text, "flink_taskmanager_job_task_operator_cause_deadLetters", "cause=\"unparseable\"");
  }

  private static double sum(String text, String name, String label) {
    var m =
        Pattern.compile(
                "^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(text);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
