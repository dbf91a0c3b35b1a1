package io.devlogs.bench.e2e;

import io.devlogs.bench.StreamRows;
import io.devlogs.ops.kafka.ConsumerLag;
import io.devlogs.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The end-to-end benchmark of {@code bin/devlogs bench e2e}, against the running stack: open-loop
 * load through HTTP ingest at each rate of the ramp ({@link LoadDriver}), sampling what ingest
 * accepted, what landed in ClickHouse and Cassandra, and the job's consumer lag, while freshness
 * probes measure the time until the query service returns an event ({@link FreshnessProbes}). The
 * ramp stops at the first step that is not sustained ({@link SustainRule}); steps between the
 * highest sustained rate and that one narrow the gap ({@link SustainRule#refinedRate}); the highest
 * sustained rate is then held for {@code sustain-seconds}. A step of two minutes can keep up at a
 * rate that ten minutes cannot (state and compaction grow), so a hold that does not keep up is
 * followed by a hold at a lower rate ({@link SustainRule#nextHoldRate}), up to {@code
 * hold-attempts} holds. After a phase that did not keep up, the load pauses until the sinks caught
 * up, so the next phase starts without a backlog. Once the load stops, it waits for the sinks to
 * catch up, writes the report ({@link E2eReport}) and the Cassandra partitions it filled (for the
 * clean-up), and prints progress all along. Options: {@link E2eOptions}.
 */
public final class E2eBench {

  static final int STREAMS = 8;

  private final E2eOptions options;
  private final AcceptedLedger ledger = new AcceptedLedger();
  private final List<Sample> samples = new ArrayList<>();
  private final long startMillis = System.currentTimeMillis();
  private volatile String phase = "start";
  private boolean behind;
  private int recoveries;
  private LoadDriver load;
  private FreshnessProbes probes;
  private ClickHouseRows clickhouse;
  private ConsumerLag lag;
  private SourcePending pending;
  private CassandraLanded cassandra;
  private final List<ComponentCost> costs = new ArrayList<>();
  private Optional<Ceiling> loadCeiling = Optional.empty();

  private E2eBench(E2eOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    E2eOptions options = E2eOptions.parse(args);
    Path report = new E2eBench(options).run(Settings.fromEnvironment(args));
    System.out.println("REPORT\t" + report);
  }

  private Path run(Settings settings) throws Exception {
    List<String> streams = IntStream.range(0, STREAMS).mapToObj(i -> "e2e-" + i).toList();
    String token = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    List<PhaseSummary> steps = new ArrayList<>();
    List<PhaseSummary> holds = new ArrayList<>();
    E2eResult.Drained drained;
    try (StreamRows rows = StreamRows.connect(settings);
        ConsumerLag consumerLag =
            new ConsumerLag(options.kafkaBootstrap(), options.rawTopic(), options.jobGroup())) {
      lag = consumerLag;
      pending = new SourcePending(options.flinkRest(), options.jobName(), options.rawTopic());
      clickhouse = new ClickHouseRows(options.clickhouse(), options.project());
      cassandra = new CassandraLanded(rows, options.project(), ledger, startMillis);
      load =
          new LoadDriver(
              options.ingestUrl(),
              options.ingestKey(),
              streams,
              options.batchSize(),
              options.maxInFlight(),
              ledger,
              startMillis);
      probes =
          new FreshnessProbes(
              options.ingestUrl(),
              options.ingestKey(),
              options.queryUrl(),
              options.queryKey(),
              token,
              ledger,
              () -> phase);
      try {
        loadCeiling = measureLoadDriver();
        probes.start();
        // Opens every gauge's connections, so the first step's first sample is on time.
        progressLine(sample("start", 0), 0, 0);
        for (int rate : options.rates()) {
          if (!step(rate, steps).sustained()) {
            break;
          }
        }
        for (OptionalInt rate = SustainRule.refinedRate(steps);
            rate.isPresent();
            rate = SustainRule.refinedRate(steps)) {
          progress("narrowing the gap: a step at %d events/s", rate.getAsInt());
          step(rate.getAsInt(), steps);
        }
        hold(SustainRule.highestSustained(steps), holds);
        drained = drain();
      } finally {
        load.close();
        probes.close();
        ledger.writePartitions(options.out().resolve("partitions.tsv"));
      }
    }
    // Summed again now that the last probes of each phase had time to be seen.
    List<Probe> allProbes = probes.probes();
    List<PhaseSummary> finalSteps = steps.stream().map(s -> resummarise(s, allProbes)).toList();
    List<PhaseSummary> finalHolds = holds.stream().map(s -> resummarise(s, allProbes)).toList();
    E2eResult result =
        new E2eResult(
            options.runId(),
            options.describe(),
            samples,
            allProbes,
            finalSteps,
            finalHolds,
            ceilings(),
            MachineFacts.read(options.loadAtStart()),
            drained,
            costs);
    E2eReport.write(result, options.out());
    result.endToEndRate().ifPresent(rate -> progress("end to end: %.0f events/s sustained", rate));
    return options.out().resolve(E2eReport.MARKDOWN);
  }

  private List<Ceiling> ceilings() throws IOException {
    List<Ceiling> all = new ArrayList<>();
    loadCeiling.ifPresent(all::add);
    all.addAll(Ceiling.read(options.ceilings()));
    return all;
  }

  /** The load driver alone against a trivial endpoint: the most it can offer here. */
  private Optional<Ceiling> measureLoadDriver() throws Exception {
    if (options.loadCeilingSeconds() == 0) {
      return Optional.empty();
    }
    progress(
        "load driver alone: %d s against a trivial endpoint in this process",
        options.loadCeilingSeconds());
    double rate =
        LoadDriverCeiling.measure(
            options.loadCeilingSeconds(), options.batchSize(), options.maxInFlight());
    progress("load driver alone: %,.0f events/s", rate);
    return Optional.of(
        new Ceiling(
            "load driver alone (this run's generator and HTTP client)",
            rate,
            "LoadDriverCeiling: batches of "
                + options.batchSize()
                + ", "
                + options.maxInFlight()
                + " in flight, to an in-process endpoint answering 200"));
  }

  /**
   * Holds the highest sustained step's rate; while a hold does not keep up and attempts remain,
   * holds a lower rate.
   */
  private void hold(Optional<PhaseSummary> best, List<PhaseSummary> holds) throws Exception {
    if (best.isEmpty()) {
      progress("no step was sustained: no hold");
      return;
    }
    OptionalInt rate = OptionalInt.of((int) best.get().offeredRate());
    while (rate.isPresent() && holds.size() < options.holdAttempts()) {
      progress(
          "holding %d events/s for %d s (hold %d of at most %d)",
          rate.getAsInt(), options.sustainSeconds(), holds.size() + 1, options.holdAttempts());
      PhaseSummary hold =
          runPhase("sustain-" + rate.getAsInt(), rate.getAsInt(), options.sustainSeconds());
      holds.add(hold);
      print(hold);
      if (hold.sustained()) {
        return;
      }
      rate = SustainRule.nextHoldRate(hold);
    }
  }

  /** A ramp step at {@code rate}, added to {@code steps}. */
  private PhaseSummary step(int rate, List<PhaseSummary> steps) throws Exception {
    PhaseSummary step = runPhase("step-" + rate, rate, options.stepSeconds());
    steps.add(step);
    print(step);
    return step;
  }

  /**
   * Offers {@code rate} for {@code seconds}, sampling every sample-seconds; its summary. After a
   * phase that did not keep up, first waits for the sinks to catch up on its backlog.
   */
  private PhaseSummary runPhase(String name, int rate, int seconds) throws Exception {
    if (behind) {
      progress("the last phase did not keep up: waiting for the sinks before %s", name);
      waitForSinks("recover-" + ++recoveries, false);
    }
    phase = name;
    Map<String, ProcessUsage> usageAtStart = ProcessUsage.read(options.pidDir());
    long acceptedAtStart = load.accepted() + probes.accepted();
    load.setRate(rate);
    long start = System.nanoTime();
    for (int i = 0; ; i++) {
      long due = start + i * options.sampleSeconds() * 1_000_000_000L;
      sleepUntil(due);
      Sample sample = sample(name, rate);
      progressLine(sample, (System.nanoTime() - start) / 1e9, seconds);
      if ((due - start) / 1e9 >= seconds) {
        break;
      }
    }
    costs.addAll(
        ComponentCost.between(
            name,
            (System.nanoTime() - start) / 1e9,
            load.accepted() + probes.accepted() - acceptedAtStart,
            usageAtStart,
            ProcessUsage.read(options.pidDir())));
    PhaseSummary summary =
        PhaseSummary.of(name, rate, samples, probes.probes(), SustainRule.DEFAULT);
    behind = !summary.sustained();
    return summary;
  }

  private PhaseSummary resummarise(PhaseSummary summary, List<Probe> allProbes) {
    return PhaseSummary.of(
        summary.phase(), summary.offeredRate(), samples, allProbes, SustainRule.DEFAULT);
  }

  /** Stops the load and the probes, then samples until the sinks hold every accepted event. */
  private E2eResult.Drained drain() throws Exception {
    probes.stopSending();
    long start = System.nanoTime();
    Sample last = waitForSinks("drain", true);
    return new E2eResult.Drained(
        last.accepted(),
        last.clickhouseRows(),
        last.cassandraRows(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Stops the load and samples as phase {@code name} until ClickHouse and Cassandra hold every
   * accepted event (and, if {@code probesToo}, every probe was seen), for drain-seconds at most.
   * Probes that no search returned yet are not waited for unless {@code probesToo}: while probes
   * are still sent, one a second, a few are always on their way. Returns the last sample.
   */
  private Sample waitForSinks(String name, boolean probesToo) throws Exception {
    phase = name;
    load.setRate(0);
    long start = System.nanoTime();
    long deadline = start + options.drainSeconds() * 1_000_000_000L;
    for (int i = 0; ; i++) {
      sleepUntil(start + i * options.sampleSeconds() * 1_000_000_000L);
      Sample last = sample(name, 0);
      progressLine(last, (System.nanoTime() - start) / 1e9, options.drainSeconds());
      long probesOnTheirWay = probes.unseen();
      long landed = Math.min(last.clickhouseRows(), last.cassandraRows());
      boolean caughtUp =
          landed >= last.accepted() - probesOnTheirWay && (!probesToo || probesOnTheirWay == 0);
      if (caughtUp || System.nanoTime() >= deadline) {
        return last;
      }
    }
  }

  /**
   * A new sample; when a store does not answer in time (a Cassandra read timing out under load),
   * the previous sample again, so the gap shows as a missing sample rather than ending the run
   * without a report.
   */
  private Sample sample(String name, double rate) throws Exception {
    try {
      return takeSample(name, rate);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (samples.isEmpty()) {
        throw e;
      }
      progress("%s: sample skipped, a store did not answer: %s", name, e.getMessage());
      return samples.get(samples.size() - 1);
    }
  }

  private Sample takeSample(String name, double rate) throws Exception {
    long now = System.currentTimeMillis();
    Sample sample =
        new Sample(
            (now - startMillis) / 1000.0,
            name,
            rate,
            load.offered(),
            load.accepted() + probes.accepted(),
            load.rejected(),
            clickhouse.count(),
            cassandra.count(now),
            lag.lag(),
            pending.pending(),
            MachineFacts.load1());
    samples.add(sample);
    return sample;
  }

  private void progressLine(Sample s, double elapsed, int seconds) {
    Sample previous = samples.size() > 1 ? samples.get(samples.size() - 2) : s;
    double dt = Math.max(1e-9, s.seconds() - previous.seconds());
    progress(
        "%-14s %4.0f/%d s offered %,.0f/s accepted %,.0f/s ClickHouse %,.0f/s Cassandra %,.0f/s"
            + " lag %,d (committed %,d) rejected %,d probes unseen %d load %.1f",
        s.phase(),
        elapsed,
        seconds,
        s.offeredRate(),
        (s.accepted() - previous.accepted()) / dt,
        (s.clickhouseRows() - previous.clickhouseRows()) / dt,
        (s.cassandraRows() - previous.cassandraRows()) / dt,
        s.lag(),
        s.kafkaLag(),
        s.rejected(),
        probes.unseen(),
        s.load1());
  }

  private static void print(PhaseSummary p) {
    progress(
        "%s: offered %.0f/s, accepted %.0f/s, ClickHouse %.0f/s, Cassandra %.0f/s, lag slope %+.1f/s,"
            + " lag max %,d, freshness p50/p95/p99 %d/%d/%d ms (%d probes, %d unseen): %s",
        p.phase(),
        p.offeredRate(),
        p.acceptedRate(),
        p.clickhouseRate(),
        p.cassandraRate(),
        p.lagSlope(),
        p.lagMax(),
        p.freshness().p50(),
        p.freshness().p95(),
        p.freshness().p99(),
        p.freshness().count(),
        p.probesUnseen(),
        p.sustained() ? "SUSTAINED" : "NOT sustained");
  }

  private static void progress(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
