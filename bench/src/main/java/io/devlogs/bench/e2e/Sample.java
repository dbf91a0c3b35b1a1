package io.devlogs.bench.e2e;

import java.util.Locale;

/**
 * One look at the stack during a run: the load's running totals and what landed where.
 *
 * @param seconds since the run's first sample
 * @param phase the step ({@code step-2000}) or {@code sustain-2000} this sample belongs to
 * @param offeredRate events/s the load offered in this phase
 * @param offered events the load made due since the run started
 * @param accepted events ingest acknowledged with 200 since the run started, the one probe a second
 *     included
 * @param rejected events of batches ingest refused or did not answer in time, and due events the
 *     load could not send because every request was waiting for an answer
 * @param clickhouseRows the project's rows in ClickHouse {@code devlogs.events}
 * @param cassandraRows the project's rows in Cassandra {@code stream_events}
 * @param kafkaLag log end offsets of the raw topic minus the job's committed offsets
 * @param sourcePending the job's Kafka source {@code pendingRecords}, -1 if Flink did not say
 * @param load1 the machine's 1-minute load average
 */
public record Sample(
    double seconds,
    String phase,
    double offeredRate,
    long offered,
    long accepted,
    long rejected,
    long clickhouseRows,
    long cassandraRows,
    long kafkaLag,
    long sourcePending,
    double load1) {

  public static final String CSV_HEADER =
      "seconds,phase,offered_rate,offered,accepted,rejected,clickhouse_rows,cassandra_rows,"
          + "kafka_lag,"
          + "source_pending,load1";

  public String csv() {
    return String.format(
        Locale.ROOT,
        "%.3f,%s,%.0f,%d,%d,%d,%d,%d,%d,%d,%.2f",
        seconds,
        phase,
        offeredRate,
        offered,
        accepted,
        rejected,
        clickhouseRows,
        cassandraRows,
        kafkaLag,
        sourcePending,
        load1);
  }

  /** For progress lines: Flink's {@code pendingRecords} where known, else the committed lag. */
  public long lag() {
    return sourcePending >= 0 ? sourcePending : kafkaLag;
  }
}
