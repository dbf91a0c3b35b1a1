package io.devlogs.bench.e2e;

import io.devlogs.flink.config.ClickHouseOptions;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import io.devlogs.settings.keys.KafkaKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Options of {@link E2eBench}, from {@code --key=value} arguments or {@code DEVLOGS_*} variables.
 *
 * @param runId the run's name
 * @param rates the ramp's offered events/s, increasing
 * @param stepSeconds how long each ramp step runs
 * @param sustainSeconds how long the highest sustained rate is held
 * @param holdAttempts holds at most: one at the highest sustained step's rate, then lower ones
 *     while a hold does not keep up ({@link SustainRule#nextHoldRate})
 * @param sampleSeconds time between samples
 * @param drainSeconds the longest wait, after the load, for the sinks to catch up
 * @param ingestUrl ingest's base URL
 * @param queryUrl the query service's base URL
 * @param ingestKey the bench project's ingest key
 * @param queryKey the bench project's query key
 * @param project the bench project's id
 * @param clickhouse the stack's ClickHouse, as the job's sink reaches it
 * @param kafkaBootstrap Kafka's bootstrap servers
 * @param rawTopic the topic ingest writes and the job reads
 * @param jobGroup the job's consumer group
 * @param flinkRest Flink's REST API
 * @param jobName the job's name there
 * @param batchSize events per request
 * @param maxInFlight requests waiting for an answer at most
 * @param out the report folder
 * @param ceilings the file of stage ceilings measured before ({@link Ceiling#read})
 * @param loadAtStart load averages when the whole run (ceilings included) started
 * @param pidDir the launcher's pid files ({@code .devlogs/run}): the processes whose CPU and memory
 *     the report shows per phase ({@link ProcessUsage}); without it, only this process
 * @param loadCeilingSeconds how long the load driver is measured alone ({@link LoadDriverCeiling})
 *     before the ramp; 0 skips it
 */
public record E2eOptions(
    String runId,
    List<Integer> rates,
    int stepSeconds,
    int sustainSeconds,
    int holdAttempts,
    int sampleSeconds,
    int drainSeconds,
    URI ingestUrl,
    URI queryUrl,
    String ingestKey,
    String queryKey,
    String project,
    ClickHouseEndpoint clickhouse,
    String kafkaBootstrap,
    String rawTopic,
    String jobGroup,
    URI flinkRest,
    String jobName,
    int batchSize,
    int maxInFlight,
    Path out,
    Path ceilings,
    String loadAtStart,
    Optional<Path> pidDir,
    int loadCeilingSeconds) {

  public E2eOptions {
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("--rates needs at least one rate");
    }
    for (int i = 0; i < rates.size(); i++) {
      if (rates.get(i) < 1 || (i > 0 && rates.get(i) <= rates.get(i - 1))) {
        throw new IllegalArgumentException(
            "--rates must be positive and increasing, e.g. 1000,2000,4000: " + rates);
      }
    }
    if (sampleSeconds < 1) {
      throw new IllegalArgumentException("--sample-seconds must be at least 1");
    }
    if (stepSeconds < 3 * sampleSeconds || sustainSeconds < 3 * sampleSeconds) {
      throw new IllegalArgumentException(
          "--step-seconds and --sustain-seconds must be at least 3 samples ("
              + 3 * sampleSeconds
              + " s): the lag slope needs them");
    }
    if (holdAttempts < 1) {
      throw new IllegalArgumentException("--hold-attempts must be at least 1");
    }
    if (batchSize < 1 || maxInFlight < 1 || drainSeconds < 0 || loadCeilingSeconds < 0) {
      throw new IllegalArgumentException(
          "--batch and --max-in-flight must be positive, --drain-seconds not negative");
    }
  }

  public static E2eOptions parse(String[] args) {
    Settings s = Settings.fromEnvironment(args);
    return new E2eOptions(
        required(s, "run-id"),
        rates(s.get("rates", "1000,2000,4000,8000,16000,24000")),
        s.getInt("step-seconds", 120),
        s.getInt("sustain-seconds", 600),
        s.getInt("hold-attempts", 3),
        s.getInt("sample-seconds", 5),
        s.getInt("drain-seconds", 180),
        URI.create(s.get(EndpointKeys.INGEST_URL)),
        URI.create(required(s, "query-url")),
        required(s, "ingest-key"),
        required(s, "query-key"),
        required(s, "project"),
        ClickHouseOptions.from(s).endpoint(),
        s.get(KafkaKeys.BOOTSTRAP_SERVERS),
        s.get(KafkaKeys.RAW_TOPIC),
        s.get(KafkaKeys.GROUP_ID),
        URI.create(s.get(EndpointKeys.FLINK_REST_URL)),
        s.get("flink.job-name", "devlogs-log-pipeline"),
        s.getInt("batch", 200),
        s.getInt("max-in-flight", 64),
        Path.of(required(s, "out")),
        Path.of(required(s, "ceilings")),
        s.get("load-at-start", MachineFacts.loadAverages()),
        Optional.ofNullable(s.get("pid-dir", null)).filter(d -> !d.isBlank()).map(Path::of),
        s.getInt("load-ceiling-seconds", 10));
  }

  static List<Integer> rates(String text) {
    List<Integer> rates = new ArrayList<>();
    for (String rate : text.split(",")) {
      try {
        rates.add(Integer.parseInt(rate.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--rates must be comma-separated events/s, e.g. 1000,2000,4000: '" + text + "'");
      }
    }
    return rates;
  }

  /** The settings the report shows. */
  List<String> describe() {
    return Arrays.asList(
        "rates (events/s): "
            + rates
            + ", then steps halfway between the highest sustained and the lowest that was not,"
            + " until they are within a quarter of the sustained rate",
        "step "
            + stepSeconds
            + " s, sustain "
            + sustainSeconds
            + " s (at most "
            + holdAttempts
            + " holds), sample every "
            + sampleSeconds
            + " s, drain at most "
            + drainSeconds
            + " s",
        "load: batches of "
            + batchSize
            + " events, at most "
            + maxInFlight
            + " requests in flight, to "
            + ingestUrl
            + " (project "
            + project
            + ")",
        "freshness: one probe a second, searched every "
            + FreshnessProbes.POLL_MILLIS
            + " ms through "
            + queryUrl
            + "/v1/logs?q=<token>",
        "lag: the source's pendingRecords of job "
            + jobName
            + " (Flink REST "
            + flinkRest
            + "), else consumer group "
            + jobGroup
            + "'s committed offsets on "
            + rawTopic,
        "sustained: accepted >= "
            + SustainRule.DEFAULT.minAcceptedShare()
            + " x offered and lag slope <= "
            + SustainRule.DEFAULT.maxLagGrowthShare()
            + " x offered and lag <= "
            + SustainRule.DEFAULT.maxLagSeconds()
            + " s of offered events (slope and lag from a quarter into the phase on)");
  }

  private static String required(Settings settings, String key) {
    String value = settings.get(key, null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
