package io.devlogs.bench.launch;

import io.devlogs.bench.patterns.PatternBench;
import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandMain;
import io.devlogs.ops.Progress;
import io.devlogs.settings.Settings;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/devlogs bench pipeline|ingest|query|crowd|e2e|patterns}: the launcher's options (see
 * {@link BenchContext}), then the benchmark's name and its own options. The stack's endpoints are
 * the {@code DEVLOGS_*} settings.
 */
public final class BenchCommand {
  private static final List<String> BENCHMARKS =
      List.of("pipeline", "ingest", "query", "crowd", "e2e", "patterns");

  private BenchCommand() {}

  public static void main(String[] args) {
    CommandMain.exit(() -> run(Arrays.asList(args)));
  }

  static int run(List<String> args) {
    int at = 0;
    while (at < args.size() && !BENCHMARKS.contains(args.get(at))) {
      at++;
    }
    if (at == args.size()) {
      throw new CommandFailed(
          "usage: bin/devlogs bench pipeline [--events N] | bench ingest [--events N] [--clients N]"
              + " | bench query [--events N] [--reload] | bench crowd [--users N1,N2,...] [--dashboard]"
              + " | bench e2e [--quick] ... | bench patterns --corpus <dir>");
    }
    BenchContext context =
        BenchContext.parse(
            args.subList(0, at), Settings.fromEnvironment(new String[0]), Progress.standard());
    List<String> options = args.subList(at + 1, args.size());
    return switch (args.get(at)) {
      case "pipeline" -> PipelineBench.run(context, options);
      case "ingest" -> IngestBench.run(context, options);
      case "query" -> QueryBenchRun.run(context, options);
      case "crowd" -> CrowdBenchRun.run(context, options);
      case "patterns" -> PatternBench.run(options, System.out);
      default -> E2eBenchRun.run(context, options);
    };
  }
}
