package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault drills on the local stack, as an operator's tools cause them ({@code bin/devlogs stop
 * <component>} and {@code start}): while the generator posts logs, one engine is stopped for a
 * while and started again. Each store's delivery goes on while another store is down, and
 * afterwards every acknowledged event is in every store and window exactly once ({@link Drill}).
 * The stack is left with every component up and the job RUNNING whatever happens.
 */
class StoreOutageIT {
  private static final double RATE = 200;
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Launcher LAUNCHER = new Launcher();

  private Drill drill;

  @AfterEach
  void leaveTheStackHealthy() {
    if (drill != null) {
      drill.close();
    }
    for (String component : new String[] {"clickhouse", "cassandra", "kafka", "postgres"}) {
      LAUNCHER.run("start", component);
    }
    LAUNCHER.run("job", "start");
  }

  @Test
  void cassandraAndTheWindowsGoOnWhileClickHouseIsDown() throws Exception {
    drill = new Drill("clickhouse-stopped-30s", RATE);
    drill.awaitFirstCommit();
    String job = runningJob();
    long restarts = Drill.FLINK.restarts(job);
    LAUNCHER.run("stop", "clickhouse");
    drill.awaitGrowth("Cassandra", drill::cassandraRows, drill.cassandraRows());
    outage();
    LAUNCHER.run("start", "clickhouse");
    long caughtUp = drill.awaitCaughtUp();
    drill.finish(caughtUp);
    assertThat(Drill.FLINK.restarts(job) - restarts).as("job restarts").isZero();
  }

  @Test
  void clickHouseGoesOnWhileCassandraIsDown() throws Exception {
    drill = new Drill("cassandra-stopped-30s", RATE);
    drill.awaitFirstCommit();
    String job = runningJob();
    long restarts = Drill.FLINK.restarts(job);
    LAUNCHER.run("stop", "cassandra");
    drill.awaitGrowth("ClickHouse", drill::clickHouseEvents, drill.clickHouseEvents());
    outage();
    LAUNCHER.run("start", "cassandra");
    long caughtUp = drill.awaitCaughtUp();
    drill.finish(caughtUp);
    assertThat(Drill.FLINK.restarts(job) - restarts).as("job restarts").isZero();
  }

  @Test
  void nothingIsLostWhileKafkaIsDown() throws Exception {
    drill = new Drill("kafka-stopped-30s", RATE);
    drill.awaitFirstCommit();
    LAUNCHER.run("stop", "kafka");
    outage();
    LAUNCHER.run("start", "kafka");
    Poll.until(
        Drill.STEP_TIMEOUT,
        () -> Drill.FLINK.runningJobId("devlogs-log-pipeline").map(Drill.FLINK::allTasksRunning),
        running -> running.orElse(false),
        "the job to run again");
    drill.finish(drill.awaitCaughtUp());
  }

  @Test
  void nothingIsLostWhilePostgresIsDown() throws Exception {
    drill = new Drill("postgres-stopped-30s", RATE);
    drill.awaitFirstCommit();
    LAUNCHER.run("stop", "postgres");
    outage();
    LAUNCHER.run("start", "postgres");
    drill.finish(drill.awaitCaughtUp());
  }

  /** Lets the outage last, sampling the lag, with the generator still posting. */
  private void outage() {
    long end = System.nanoTime() + OUTAGE.toNanos();
    Poll.until(
        OUTAGE.plusSeconds(30),
        () -> {
          drill.sampleLag();
          return System.nanoTime() >= end;
        },
        "the outage to last " + OUTAGE);
  }

  private static String runningJob() {
    return Drill.FLINK
        .runningJobId("devlogs-log-pipeline")
        .orElseThrow(() -> new AssertionError("the pipeline job is not RUNNING"));
  }
}
