package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code bench e2e}. {@code --quick} proves the tool end to end in a few minutes
 * (its figures mean little); explicitly given values win over it.
 */
record E2eRunOptions(
    String rates,
    long stepSeconds,
    long sustainSeconds,
    long holdAttempts,
    long sampleSeconds,
    long drainSeconds,
    long pipelineEvents,
    long ingestEvents,
    long cassandraRows,
    boolean ceilings) {

  static final String USAGE =
      "bench e2e [--rates 1000,2000,...] [--step-seconds 120] [--sustain-seconds 600]"
          + " [--hold-attempts 3] [--quick] [--no-ceilings]";

  static final E2eRunOptions DEFAULTS =
      new E2eRunOptions(
          "1000,2000,4000,8000,16000,24000", 120, 600, 3, 5, 180, 300_000, 200_000, 200_000, true);
  static final E2eRunOptions QUICK =
      new E2eRunOptions("200,400", 30, 30, 3, 3, 90, 20_000, 10_000, 20_000, true);

  static E2eRunOptions parse(List<String> args) {
    CommandLine options =
        CommandLine.parse(
            "bench e2e",
            args,
            Set.of("--rates", "--step-seconds", "--sustain-seconds", "--hold-attempts"),
            Set.of("--quick", "--no-ceilings"),
            " (usage: " + USAGE + ")");
    E2eRunOptions base = options.flag("--quick") ? QUICK : DEFAULTS;
    String rates = options.value("--rates", base.rates());
    if (!rates.matches("[1-9][0-9]*(,[1-9][0-9]*)*")) {
      throw new CommandFailed(
          "bench e2e: --rates must be events/s separated by commas, e.g. 1000,2000,4000 (got '"
              + rates
              + "')");
    }
    String seconds =
        "bench e2e: --step-seconds and --sustain-seconds must be positive numbers of seconds";
    long step = positive(options.value("--step-seconds", null), base.stepSeconds(), seconds);
    long sustain =
        positive(options.value("--sustain-seconds", null), base.sustainSeconds(), seconds);
    String holds = options.value("--hold-attempts", null);
    long holdAttempts =
        positive(
            holds,
            base.holdAttempts(),
            "bench e2e: --hold-attempts must be a positive number (got '" + holds + "')");
    return new E2eRunOptions(
        rates,
        step,
        sustain,
        holdAttempts,
        base.sampleSeconds(),
        base.drainSeconds(),
        base.pipelineEvents(),
        base.ingestEvents(),
        base.cassandraRows(),
        !options.flag("--no-ceilings"));
  }

  private static long positive(String text, long fallback, String message) {
    if (text == null) {
      return fallback;
    }
    if (!text.matches("[1-9][0-9]{0,17}")) {
      throw new CommandFailed(message);
    }
    return Long.parseLong(text);
  }
}
