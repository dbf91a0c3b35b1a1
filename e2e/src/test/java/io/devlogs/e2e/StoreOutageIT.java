package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault drills on the local stack, as an operator's tools cause them ({@code bin/devlogs stop
 * <component>}, then {@code start}): under a steady load ({@link FailoverDrill}) one engine is
 * stopped for {@link #OUTAGE} and started again. While ClickHouse or Cassandra is down the other
 * store keeps receiving events and the job never restarts; after every fault each acknowledged
 * event is once in every store and window. The stack is left with every component up and the job
 * RUNNING whatever happens.
 */
class StoreOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration GROWTH_TIMEOUT = Duration.ofSeconds(60);
  private static final String CLICKHOUSE = "ClickHouse events";
  private static final String CASSANDRA = "Cassandra stream_events";
  private static final Launcher LAUNCHER = new Launcher();

  private FailoverDrill drill;

  @AfterEach
  void leaveTheStackHealthy() throws Exception {
    if (drill != null) {
      drill.close();
    }
    for (String component : new String[] {"clickhouse", "cassandra", "kafka", "postgres"}) {
      LAUNCHER.run("start", component);
    }
    LAUNCHER.run("job", "start");
  }

  @Test
  void cassandraGoesOnWhileClickHouseIsDownAndNothingIsLost() throws Exception {
    storeOutage("clickhouse", CASSANDRA);
  }

  @Test
  void clickHouseGoesOnWhileCassandraIsDownAndNothingIsLost() throws Exception {
    storeOutage("cassandra", CLICKHOUSE);
  }

  @Test
  void nothingIsLostWhileKafkaIsDown() throws Exception {
    engineOutage("kafka");
  }

  @Test
  void nothingIsLostWhilePostgresIsDown() throws Exception {
    engineOutage("postgres");
  }

  /** One store stopped: the other store's delivery goes on and the job never restarts. */
  private void storeOutage(String component, String otherStore) throws Exception {
    drill = new FailoverDrill(component + " stopped " + OUTAGE.toSeconds() + " s");
    String job = runningJob();
    drill.awaitSteadyState(job);
    long restarts = drill.flink().restarts(job);

    drill.faultNow();
    LAUNCHER.run("stop", component);
    long before = drill.held(otherStore);
    long during =
        Poll.until(
            GROWTH_TIMEOUT,
            () -> drill.held(otherStore),
            n -> n > before + 1_000,
            otherStore + " to keep receiving events while " + component + " is down");
    drill.progress("%s went on while %s was down: %d -> %d", otherStore, component, before, during);
    awaitOutageEnd();
    LAUNCHER.run("start", component);
    drill.awaitRecovery();
    drill.assertEveryAcknowledgedEventOnceEverywhere();
    assertThat(drill.flink().restarts(job) - restarts).as("job restarts").isZero();
  }

  /** Kafka or PostgreSQL stopped: ingest answers 503 and the job waits; nothing is lost. */
  private void engineOutage(String component) throws Exception {
    drill = new FailoverDrill(component + " stopped " + OUTAGE.toSeconds() + " s");
    drill.awaitSteadyState(runningJob());
    drill.faultNow();
    LAUNCHER.run("stop", component);
    awaitOutageEnd();
    LAUNCHER.run("start", component);
    drill.awaitRecovery();
    drill.assertEveryAcknowledgedEventOnceEverywhere();
  }

  private void awaitOutageEnd() {
    long end = System.nanoTime() + OUTAGE.toNanos();
    Poll.until(
        OUTAGE.plusSeconds(30), () -> System.nanoTime() >= end, "the outage to last " + OUTAGE);
  }

  private String runningJob() {
    return drill
        .flink()
        .runningJobId(FailoverDrill.JOB)
        .orElseThrow(() -> new AssertionError(FailoverDrill.JOB + " not RUNNING"));
  }
}
