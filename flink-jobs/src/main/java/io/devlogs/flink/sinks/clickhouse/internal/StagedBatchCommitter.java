package io.devlogs.flink.sinks.clickhouse.internal;

import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import io.devlogs.flink.sinks.clickhouse.internal.CommitDecision.MarkerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit half of {@link ExactlyOnceClickHouseSink}: once a checkpoint is complete, copies each
 * staged batch into the target table, one {@code INSERT ... SELECT} per (batch, target partition),
 * guarded by commit markers. See the sink's Javadoc for the protocol and its guarantee.
 */
public final class StagedBatchCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(StagedBatchCommitter.class);
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
  static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

  /** One (batch, partition) pair of a commit. */
  private record Pair(StagedBatch batch, String batchId, long part, long rows) {
    String key() {
      return batchId + "/" + part;
    }
  }

  private final ClickHouseHttp http;
  private final ClickHouseRowFormat<?> format;
  private final String target;
  private final String staging;
  private final String markers;
  private final int subtask;
  private final int stagingRetentionDays;
  private final RetentionSweeper sweeper;
  private final Duration sweepInterval;
  private Instant lastCleanup = Instant.EPOCH;
  private Instant nextSweep;

  /**
   * Batches this subtask's writer staged in this run whose commit was not yet attempted: no marker
   * of theirs can exist (batch ids are unique forever) and their staged rows are all there (the
   * insert that staged them succeeded, minutes, not days, ago).
   */
  private final Set<String> neverAttempted = new HashSet<>();

  public StagedBatchCommitter(
      ClickHouseHttp http,
      ClickHouseRowFormat<?> format,
      ClickHouseEndpoint endpoint,
      String target,
      String staging,
      String markers,
      int subtask,
      int stagingRetentionDays,
      Duration retentionSweepInterval) {
    this.http = http;
    this.format = format;
    this.target = endpoint.qualify(target);
    this.staging = endpoint.qualify(staging);
    this.markers = endpoint.qualify(markers);
    this.subtask = subtask;
    this.stagingRetentionDays = stagingRetentionDays;
    this.sweeper = new RetentionSweeper(http, format, this.target);
    this.sweepInterval = retentionSweepInterval;
    // The first sweep waits one interval, so a job that starts never drops data right away.
    this.nextSweep =
        retentionSweepInterval.isZero() ? Instant.MAX : Instant.now().plus(retentionSweepInterval);
  }

  /**
   * Tells the committer that this subtask's writer has just staged {@code batches}: their first
   * commit skips reading markers and counting staged rows, two of the five statements of a commit
   * (the protocol's markers are still written, so an interrupted first attempt recovers as any
   * other). A restored batch, or one whose attempt failed, takes the full path.
   */
  public void stagedHere(Collection<StagedBatch> batches) {
    batches.forEach(b -> neverAttempted.add(b.batchId()));
  }

  /**
   * Commits the batches of completed checkpoints; safe to repeat for the same batches. Returns the
   * batches to commit again later (an interrupted copy of theirs is still running on the server).
   * An {@link IOException} means ClickHouse could not be reached or refused a statement: nothing is
   * lost, the same batches can be committed again.
   */
  public Set<StagedBatch> commit(Collection<StagedBatch> batches)
      throws IOException, InterruptedException {
    List<Pair> pairs = new ArrayList<>();
    Set<String> firstAttempt = new HashSet<>();
    for (StagedBatch batch : batches) {
      if (neverAttempted.remove(batch.batchId())) {
        firstAttempt.add(batch.batchId());
      }
      BatchIds.check(batch.batchId());
      batch
          .rowsByPartition()
          .forEach((part, rows) -> pairs.add(new Pair(batch, batch.batchId(), part, rows)));
    }
    Set<StagedBatch> retry = new LinkedHashSet<>();
    if (pairs.isEmpty()) {
      return retry;
    }
    List<Pair> fresh = new ArrayList<>();
    List<Pair> uncertain = new ArrayList<>();
    for (Pair p : pairs) {
      (firstAttempt.contains(p.batchId()) ? fresh : uncertain).add(p);
    }
    Map<String, MarkerState> states = uncertain.isEmpty() ? Map.of() : readMarkers(uncertain);
    List<Pair> copy = new ArrayList<>();
    List<Pair> check = new ArrayList<>();
    for (Pair p : uncertain) {
      switch (CommitDecision.action(states.getOrDefault(p.key(), MarkerState.NONE))) {
        case SKIP -> {}
        case COPY -> copy.add(p);
        case CHECK_TARGET -> check.add(p);
      }
    }
    if (copy.isEmpty() && check.isEmpty() && fresh.isEmpty()) {
      return retry; // a replayed commit of batches already in the target
    }

    List<Pair> done = new ArrayList<>();
    for (Pair p : check) {
      if (http.selectLong(
              "SELECT count() FROM system.processes WHERE query_id = '" + copyQueryId(p) + "'")
          > 0) {
        // The interrupted copy is still running on the server: count only once it has finished.
        retry.add(p.batch());
        continue;
      }
      long found =
          http.selectLong(
              "SELECT count() FROM "
                  + target
                  + " WHERE sink_batch = '"
                  + p.batchId()
                  + "' AND "
                  + format.partitionExpression()
                  + " = "
                  + p.part());
      CommitDecision.Recovery recovery = CommitDecision.recover(p.rows(), found);
      LOG.info(
          "Recovering commit of batch {} partition {} into {}: {} of {} rows there -> {}",
          p.batchId(),
          p.part(),
          target,
          found,
          p.rows(),
          recovery);
      switch (recovery) {
        case MARK_DONE -> {}
        case COPY_ALL -> {
          verifyStaged(List.of(p));
          copy(p, false);
        }
        case COPY_MISSING -> copy(p, true);
      }
      done.add(p);
    }

    verifyStaged(copy);
    copy.addAll(fresh);
    writeMarkers(copy, "intent");
    for (Pair p : copy) {
      copy(p, false);
    }
    done.addAll(copy);
    writeMarkers(done, "done");
    cleanUpStaging();
    sweepExpiredPartitions();
    return retry;
  }

  /**
   * Drops target partitions past their retention ({@link RetentionSweeper}); subtask 0, at most
   * once per sweep interval. A failure is logged and retried at the next interval.
   */
  private void sweepExpiredPartitions() {
    if (subtask != 0 || Instant.now().isBefore(nextSweep)) {
      return;
    }
    nextSweep = Instant.now().plus(sweepInterval);
    try {
      sweeper.sweep(LocalDate.now(ZoneOffset.UTC));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Dropping expired partitions of {} failed; will try again later", target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** (batch/partition) to the state of its markers. */
  private Map<String, MarkerState> readMarkers(List<Pair> pairs)
      throws IOException, InterruptedException {
    String ids =
        pairs.stream()
            .map(p -> "'" + p.batchId() + "'")
            .distinct()
            .collect(Collectors.joining(", "));
    Map<String, MarkerState> states = new HashMap<>();
    for (String[] row :
        http.select(
            "SELECT batch_id, part_key, sum(state = 'intent'), sum(state = 'done') FROM "
                + markers
                + " WHERE target = '"
                + target
                + "' AND batch_id IN ("
                + ids
                + ") GROUP BY batch_id, part_key")) {
      states.put(
          row[0] + "/" + row[1],
          MarkerState.of(Long.parseLong(row[2]) > 0, Long.parseLong(row[3]) > 0));
    }
    return states;
  }

  /** Fails unless the staging table holds exactly the rows each pair expects. */
  private void verifyStaged(List<Pair> pairs) throws IOException, InterruptedException {
    if (pairs.isEmpty()) {
      return;
    }
    String ids =
        pairs.stream()
            .map(p -> "'" + p.batchId() + "'")
            .distinct()
            .collect(Collectors.joining(", "));
    Map<String, Long> counts = new HashMap<>();
    for (String[] row :
        http.select(
            "SELECT batch_id, toInt64("
                + format.partitionExpression()
                + ") AS part, count() FROM "
                + staging
                + " WHERE batch_id IN ("
                + ids
                + ") GROUP BY batch_id, part")) {
      counts.put(row[0] + "/" + row[1], Long.parseLong(row[2]));
    }
    for (Pair p : pairs) {
      long staged = counts.getOrDefault(p.key(), 0L);
      if (staged != p.rows()) {
        throw new IllegalStateException(
            "Staged batch "
                + p.batchId()
                + " partition "
                + p.part()
                + " holds "
                + staged
                + " rows in "
                + staging
                + " but its checkpoint recorded "
                + p.rows()
                + ". Its staging partition was probably dropped because the job stayed down longer"
                + " than the staging retention ("
                + stagingRetentionDays
                + " days); these rows cannot be committed. Restore them from Kafka or drop the"
                + " checkpoint state of this sink.");
      }
    }
  }

  private void writeMarkers(List<Pair> pairs, String state)
      throws IOException, InterruptedException {
    if (pairs.isEmpty()) {
      return;
    }
    String at = StagingWriter.DATE_TIME.format(Instant.now());
    StringBuilder body = new StringBuilder();
    for (Pair p : pairs) {
      body.append(target)
          .append('\t')
          .append(p.batchId())
          .append('\t')
          .append(p.part())
          .append('\t')
          .append(state)
          .append('\t')
          .append(p.rows())
          .append('\t')
          .append(at)
          .append('\n');
    }
    http.insert(
        "INSERT INTO "
            + markers
            + " (target, batch_id, part_key, state, rows, at) FORMAT TabSeparated",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** One INSERT ... SELECT of the pair's rows: one part of one partition, so all or nothing. */
  private void copy(Pair p, boolean onlyMissing) throws IOException, InterruptedException {
    http.execute(copySql(p.batchId(), p.part(), onlyMissing), copyQueryId(p));
  }

  String copySql(String batchId, long part, boolean onlyMissing) {
    String columns = String.join(", ", format.columns());
    String where =
        " WHERE batch_id = '"
            + BatchIds.check(batchId)
            + "' AND "
            + format.partitionExpression()
            + " = "
            + part;
    String sql =
        "INSERT INTO "
            + target
            + " ("
            + columns
            + ", sink_batch) SELECT "
            + columns
            + ", batch_id FROM "
            + staging
            + where;
    if (onlyMissing) {
      String key = "(" + String.join(", ", format.keyColumns()) + ")";
      sql +=
          " AND "
              + key
              + " NOT IN (SELECT "
              + String.join(", ", format.keyColumns())
              + " FROM "
              + target
              + " WHERE sink_batch = '"
              + batchId
              + "' AND "
              + format.partitionExpression()
              + " = "
              + part
              + ")";
    }
    return sql;
  }

  private static String copyQueryId(Pair p) {
    return "devlogs-sink-" + p.batchId() + "-" + p.part();
  }

  /**
   * Drops staging partitions (one per staging day) older than the retention. Runs on subtask 0 at
   * most once per {@link #CLEANUP_INTERVAL}.
   */
  private void cleanUpStaging() {
    if (subtask != 0
        || stagingRetentionDays <= 0
        || Instant.now().isBefore(lastCleanup.plus(CLEANUP_INTERVAL))) {
      return;
    }
    lastCleanup = Instant.now();
    String table = staging.substring(staging.indexOf('.') + 1);
    String db = staging.substring(0, staging.indexOf('.'));
    LocalDate oldestKept = LocalDate.now(ZoneOffset.UTC).minusDays(stagingRetentionDays);
    try {
      for (String[] row :
          http.select(
              "SELECT DISTINCT partition FROM system.parts WHERE database = '"
                  + db
                  + "' AND table = '"
                  + table
                  + "' AND active")) {
        String partition = row[0].replace("'", "");
        if (partition.matches("[0-9]{8}")
            && LocalDate.parse(partition, YYYYMMDD).isBefore(oldestKept)) {
          LOG.info("Dropping staging partition {} of {}", partition, staging);
          http.execute("ALTER TABLE " + staging + " DROP PARTITION " + partition, null);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cleaning up {} failed; will try again later", staging, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
