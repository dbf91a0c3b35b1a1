package io.devlogs.ops.flink;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import io.devlogs.ops.CommandMain;
import io.devlogs.ops.Progress;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/devlogs}' pipeline-job commands:
 *
 * <pre>
 * FlinkJobCommand state  --job-name N          the job's state, or nothing
 * FlinkJobCommand submit --job-name N --jar J --flink-data D --log-dir L --flink-conf C
 * FlinkJobCommand stop   --job-name N --flink-data D --log-dir L [--report-absent]
 * FlinkJobCommand replace --job-name N --jar J --flink-data D --log-dir L --flink-conf C
 * </pre>
 *
 * The JobManager's address is the setting {@code flink.rest-url}; the job's arguments are the
 * settings it reads that are set here ({@link JobArguments}). {@code stop} exits with 1 when the
 * savepoint did not complete. {@code replace} stops the job for a new jar (with a savepoint, else
 * by cancelling it: {@link PipelineJob#stopForNewJar()}) and submits the jar.
 */
public final class FlinkJobCommand {
  private static final Set<String> OPTIONS =
      Set.of("--job-name", "--jar", "--flink-data", "--log-dir", "--flink-conf");

  private FlinkJobCommand() {}

  public static void main(String[] args) {
    CommandMain.exit(() -> run(Arrays.asList(args)));
  }

  static int run(List<String> args) {
    if (args.isEmpty()) {
      throw new CommandFailed(
          "usage: FlinkJobCommand state|submit|stop|replace --job-name <name> ...");
    }
    String action = args.get(0);
    CommandLine options =
        CommandLine.parse(
            "flink job " + action,
            args.subList(1, args.size()),
            OPTIONS,
            Set.of("--report-absent"));
    Settings settings = Settings.fromEnvironment(new String[0]);
    FlinkRest rest = new FlinkRest(settings.get(EndpointKeys.FLINK_REST_URL));
    String name = required(options, "--job-name");
    PipelineJob job =
        new PipelineJob(
            rest,
            Progress.standard(),
            name,
            Path.of(options.value("--jar", "")),
            new PipelineHistory(Path.of(options.value("--flink-data", "."))),
            Path.of(options.value("--log-dir", ".")));
    switch (action) {
      case "state" -> {
        job.state().ifPresent(System.out::println);
        return 0;
      }
      case "submit" -> {
        submit(job, options, settings);
        return 0;
      }
      case "stop" -> {
        if (options.flag("--report-absent") && !job.hasRunningJob()) {
          Progress.standard().step("flink-job", name + " is not running");
          return 0;
        }
        return job.stopWithSavepoint() ? 0 : 1;
      }
      case "replace" -> {
        if (!job.stopForNewJar()) {
          throw new CommandFailed(
              "flink job: " + name + " still runs; the new jar was not submitted");
        }
        submit(job, options, settings);
        return 0;
      }
      default -> throw new CommandFailed("flink job: unknown action " + action);
    }
  }

  private static void submit(PipelineJob job, CommandLine options, Settings settings) {
    int parallelism =
        FlinkConfigFile.defaultParallelism(Path.of(required(options, "--flink-conf")));
    job.submit(parallelism, JobArguments.forwarded(settings));
  }

  private static String required(CommandLine options, String name) {
    String value = options.value(name, null);
    if (value == null) {
      throw new CommandFailed("flink job: " + name + " is required");
    }
    return value;
  }
}
