package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' options: defaults, checks, and the messages bin/devlogs printed. */
class BenchOptionsTest {

  @Test
  void pipelineEvents() {
    assertThat(PipelineBench.parseEvents(List.of())).isEqualTo(300_000);
    assertThat(PipelineBench.parseEvents(List.of("--events", "20000"))).isEqualTo(20_000);
    assertThat(PipelineBench.parseEvents(List.of("--events=5"))).isEqualTo(5);
    assertThatThrownBy(() -> PipelineBench.parseEvents(List.of("--events=0")))
        .isInstanceOf(CommandFailed.class)
        .hasMessage("bench pipeline: --events must be a positive number (got '0')");
    assertThatThrownBy(() -> PipelineBench.parseEvents(List.of("--clients=2")))
        .hasMessage("bench pipeline: unknown option --clients=2");
  }

  @Test
  void ingestEventsAreWholeBatches() {
    assertThat(IngestBench.Options.parse(List.of())).isEqualTo(new IngestBench.Options(200_000, 4));
    assertThat(IngestBench.Options.parse(List.of("--events", "10000", "--clients=2")))
        .isEqualTo(new IngestBench.Options(10_000, 2));
    assertThatThrownBy(() -> IngestBench.Options.parse(List.of("--events=1500")))
        .hasMessage("bench ingest: --events must be a positive multiple of 1000 (got '1500')");
    assertThatThrownBy(() -> IngestBench.Options.parse(List.of("--clients=0")))
        .hasMessage("bench ingest: --clients must be a positive number (got '0')");
  }

  @Test
  void crowdDashboardModeRunsItsOwnMainWithOrganisations() {
    CrowdBenchRun.Options keys = CrowdBenchRun.Options.parse(List.of(), "http://q");
    assertThat(keys.mainClass()).isEqualTo("io.devlogs.bench.query.CrowdBench");
    assertThat(keys.mainArguments())
        .contains("--users=100,1000,5000", "--projects=100", "--warmup-seconds=30");
    assertThat(
            CrowdBenchRun.Options.parse(List.of("--warmup-seconds", "0"), "http://q")
                .mainArguments())
        .contains("--warmup-seconds=0");
    CrowdBenchRun.Options signedIn =
        CrowdBenchRun.Options.parse(List.of("--dashboard", "--organisations=3"), "http://q");
    assertThat(signedIn.mainClass()).isEqualTo("io.devlogs.bench.query.DashboardCrowdBench");
    assertThat(signedIn.mainArguments())
        .contains("--users=100,1000", "--organisations=3", "--url=http://q")
        .noneMatch(a -> a.startsWith("--projects"));
    assertThatThrownBy(() -> CrowdBenchRun.Options.parse(List.of("--organisations=0"), "http://q"))
        .hasMessageContaining("--organisations must be a positive number");
  }

  @Test
  void queryOptions() {
    assertThat(QueryBenchRun.Options.parse(List.of(), "http://127.0.0.1:18090"))
        .isEqualTo(
            new QueryBenchRun.Options(10_000_000, false, "http://127.0.0.1:18090", 5, 50, ""));
    assertThat(
            QueryBenchRun.Options.parse(
                List.of(
                    "--events=1000",
                    "--reload",
                    "--url",
                    "http://q:1",
                    "--warmups=0",
                    "--runs=3",
                    "--only",
                    "search"),
                "http://127.0.0.1:18090"))
        .isEqualTo(new QueryBenchRun.Options(1000, true, "http://q:1", 0, 3, "search"));
    assertThatThrownBy(() -> QueryBenchRun.Options.parse(List.of("--runs=0"), "u"))
        .hasMessage("bench query: --runs must be a positive number (got '0')");
  }

  @Test
  void e2eDefaultsQuickAndGivenValues() {
    assertThat(E2eRunOptions.parse(List.of())).isEqualTo(E2eRunOptions.DEFAULTS);
    assertThat(E2eRunOptions.parse(List.of("--quick"))).isEqualTo(E2eRunOptions.QUICK);
    E2eRunOptions quickWithRates =
        E2eRunOptions.parse(List.of("--quick", "--rates", "100", "--no-ceilings"));
    assertThat(quickWithRates.rates()).isEqualTo("100");
    assertThat(quickWithRates.stepSeconds()).isEqualTo(30);
    assertThat(quickWithRates.pipelineEvents()).isEqualTo(20_000);
    assertThat(quickWithRates.ceilings()).isFalse();
    assertThat(E2eRunOptions.parse(List.of("--hold-attempts=2", "--sustain-seconds", "60")))
        .extracting(E2eRunOptions::holdAttempts, E2eRunOptions::sustainSeconds)
        .containsExactly(2L, 60L);
  }

  @Test
  void e2eMessages() {
    assertThatThrownBy(() -> E2eRunOptions.parse(List.of("--rates=1000,,2000")))
        .hasMessage(
            "bench e2e: --rates must be events/s separated by commas, e.g. 1000,2000,4000 (got"
                + " '1000,,2000')");
    assertThatThrownBy(() -> E2eRunOptions.parse(List.of("--step-seconds=0")))
        .hasMessage(
            "bench e2e: --step-seconds and --sustain-seconds must be positive numbers of seconds");
    assertThatThrownBy(() -> E2eRunOptions.parse(List.of("--hold-attempts=x")))
        .hasMessage("bench e2e: --hold-attempts must be a positive number (got 'x')");
    assertThatThrownBy(() -> E2eRunOptions.parse(List.of("--rates")))
        .hasMessage("bench e2e: --rates needs a value");
    assertThatThrownBy(() -> E2eRunOptions.parse(List.of("--fast")))
        .hasMessage("bench e2e: unknown option --fast (usage: " + E2eRunOptions.USAGE + ")");
  }

  @Test
  void theLaunchersUsageShowsTheseDefaults() throws IOException {
    String launcher = Files.readString(Path.of("../bin/devlogs"));
    assertThat(launcher)
        .contains("(default N: " + PipelineBench.DEFAULT_EVENTS + ")")
        .contains("(default N: " + QueryBenchRun.DEFAULT_EVENTS + ",");
  }
}
