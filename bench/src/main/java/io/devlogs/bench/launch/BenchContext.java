package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import io.devlogs.ops.Progress;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What bin/devlogs hands a benchmark besides its own options: the launcher (to start and stop
 * services), where results, reports and logs go, the job's name and jar, the Kafka tools'
 * classpath, and the stack's settings ({@code DEVLOGS_*}).
 *
 * @param arguments the options it was built from, passed again to a sub-run
 */
public record BenchContext(
    Path launcher,
    Path benchDir,
    Path reportDir,
    String jobName,
    Path jobJar,
    Path flinkData,
    Path logDir,
    String kafkaToolsClasspath,
    Path kafkaToolsLog4j,
    String e2eQueryService,
    Settings settings,
    Progress progress,
    List<String> arguments) {

  static final Set<String> OPTIONS =
      Set.of(
          "--launcher",
          "--bench-dir",
          "--report-dir",
          "--job-name",
          "--job-jar",
          "--flink-data",
          "--log-dir",
          "--kafka-tools-classpath",
          "--kafka-tools-log4j",
          "--e2e-query-service");

  /** The context from the options before the benchmark's name. */
  static BenchContext parse(List<String> contextArgs, Settings settings, Progress progress) {
    CommandLine options = CommandLine.parse("bench", contextArgs, OPTIONS, Set.of());
    for (String option : OPTIONS) {
      if (!options.given(option)) {
        throw new CommandFailed("bench: " + option + " is required (bin/devlogs gives it)");
      }
    }
    return new BenchContext(
        Path.of(options.value("--launcher", "")),
        Path.of(options.value("--bench-dir", "")),
        Path.of(options.value("--report-dir", "")),
        options.value("--job-name", ""),
        Path.of(options.value("--job-jar", "")),
        Path.of(options.value("--flink-data", "")),
        Path.of(options.value("--log-dir", "")),
        options.value("--kafka-tools-classpath", ""),
        Path.of(options.value("--kafka-tools-log4j", "")),
        options.value("--e2e-query-service", ""),
        settings,
        progress,
        List.copyOf(contextArgs));
  }

  /** The command line of a sub-run of {@code BenchCommand}: this context, then the benchmark's. */
  List<String> subRun(String benchmark, List<String> options) {
    List<String> args = new ArrayList<>(arguments);
    args.add(benchmark);
    args.addAll(options);
    return args;
  }

  FlinkRest flink() {
    return new FlinkRest(settings.get(EndpointKeys.FLINK_REST_URL));
  }

  String ingestUrl() {
    return settings.get(EndpointKeys.INGEST_URL);
  }

  String queryUrl() {
    return settings.get(EndpointKeys.QUERY_URL);
  }

  Path flinkJobManagerLog() {
    return logDir.resolve("flink-jobmanager.log");
  }
}
