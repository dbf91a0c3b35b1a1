package io.devlogs.bench.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each stage's ceiling alone, measured before a {@code bench e2e} run: rows of {@code ceilings.tsv}
 * (stage, events/s, how), read by the e2e report. A stage whose run failed has no figure.
 */
final class Ceilings {
  private final List<List<String>> rows = new ArrayList<>();

  private static String field(List<String> row, int oneBased) {
    return row.size() >= oneBased ? row.get(oneBased - 1) : "";
  }

  /**
   * From a row of {@code ingest-results.tsv}: run events clients event_bytes plain gzip
   * kafka_producer_ceiling.
   */
  void addIngest(List<String> row, long clients) {
    add(
        "HTTP ingest -> Kafka",
        field(row, 5),
        "bench ingest: "
            + clients
            + " clients, plain NDJSON batches of 1,000 events of ~"
            + field(row, 4)
            + " bytes, acknowledged");
    add(
        "Kafka producer",
        field(row, 7),
        "kafka-producer-perf-test (ProducerPerformance), the same events, acks=all, idempotent, lz4");
  }

  /**
   * From a row of {@code results.tsv}: run events kafka_ceiling clickhouse_ceiling job job_steady.
   */
  void addPipeline(List<String> row, long events) {
    add(
        "Kafka consumer",
        field(row, 3),
        "kafka-consumer-perf-test (ConsumerPerformance) reading " + events + " preloaded records");
    add(
        "Flink job from a preloaded topic",
        field(row, 7),
        "bench pipeline: a second job instance, parallelism "
            + PipelineBench.PARTITIONS
            + ", warm (the second half of the events), all sinks");
    add(
        "ClickHouse HTTP insert",
        field(row, 4),
        "one HTTP insert of the job's rows as JSONEachRow into a scratch copy of devlogs.events");
  }

  /** From CassandraWriteCeiling's line {@code RESULT events seconds events/s}. */
  void addCassandra(String resultLine, long rows) {
    List<String> fields = resultLine.isEmpty() ? List.of() : List.of(resultLine.split("\t", -1));
    add(
        "Cassandra writes",
        field(fields, 4),
        "CassandraWriteCeiling: "
            + rows
            + " generator events as the sink's stream_chunks (flushes of 20,000, a chunk per"
            + " stream and slice, TTL, <= 64 in flight)");
  }

  void add(String stage, String rate, String how) {
    rows.add(List.of(stage, rate, how));
  }

  /** The file's text: one tab-separated line per stage. */
  String tsv() {
    return rows.stream().map(row -> String.join("\t", row) + "\n").collect(Collectors.joining());
  }

  /** One line for the progress output: {@code stage rate/s; ...}, {@code -} for no figure. */
  String summary() {
    return rows.stream()
        .map(row -> row.get(0) + " " + (row.get(1).isEmpty() ? "-" : row.get(1)) + "/s")
        .collect(Collectors.joining("; "));
  }
}
