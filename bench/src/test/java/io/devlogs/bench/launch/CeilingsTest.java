package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeilingsTest {

  @Test
  void rowsFromTheSubRunsResultsAndTheCassandraWriter() {
    Ceilings ceilings = new Ceilings();
    ceilings.addIngest(
        List.of("ingest-1", "10000", "4", "301", "95238", "unsupported", "151057"), 4);
    ceilings.addPipeline(
        List.of("2", "20000", "128590", "402000", "61234", "70321", "80123"), 20_000);
    ceilings.addCassandra("RESULT\t20000\t1.52\t13158", 20_000);
    assertThat(ceilings.tsv())
        .isEqualTo(
            "HTTP ingest -> Kafka\t95238\tbench ingest: 4 clients, plain NDJSON batches of 1,000"
                + " events of ~301 bytes, acknowledged\n"
                + "Kafka producer\t151057\tkafka-producer-perf-test (ProducerPerformance), the same"
                + " events, acks=all, idempotent, lz4\n"
                + "Kafka consumer\t128590\tkafka-consumer-perf-test (ConsumerPerformance) reading"
                + " 20000 preloaded records\n"
                + "Flink job from a preloaded topic\t80123\tbench pipeline: a second job instance,"
                + " parallelism 2, warm (the second half of the events), all sinks\n"
                + "ClickHouse HTTP insert\t402000\tone HTTP insert of the job's rows as JSONEachRow"
                + " into a scratch copy of devlogs.events\n"
                + "Cassandra writes\t13158\tCassandraWriteCeiling: 20000 generator events as the"
                + " sink's stream_chunks (flushes of 20,000, a chunk per stream and slice, TTL, <= 64"
                + " in flight)\n");
    assertThat(ceilings.summary())
        .startsWith("HTTP ingest -> Kafka 95238/s; Kafka producer 151057/s; ")
        .endsWith("; Cassandra writes 13158/s");
  }

  @Test
  void aStageThatFailedHasNoFigure() {
    Ceilings ceilings = new Ceilings();
    ceilings.addIngest(List.of(), 4);
    ceilings.addCassandra("", 20_000);
    assertThat(ceilings.tsv()).startsWith("HTTP ingest -> Kafka\t\tbench ingest: 4 clients");
    assertThat(ceilings.summary())
        .isEqualTo("HTTP ingest -> Kafka -/s; Kafka producer -/s; Cassandra writes -/s");
  }

  @Test
  void resultsFilesGetTheirHeaderOnceAndRowsAreFoundByRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.tsv");
    Bench.appendResult(file, PipelineReport.RESULTS_HEADER, List.of("a", 1, 2, 3, 4, 5, 6));
    Bench.appendResult(file, PipelineReport.RESULTS_HEADER, List.of("b", 6, 7, 8, 9, 10, 11));
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "run\tevents\tkafka_ceiling\tclickhouse_ceiling\tjob\tjob_steady\tjob_warm",
            "a\t1\t2\t3\t4\t5\t6",
            "b\t6\t7\t8\t9\t10\t11");
    assertThat(Bench.resultRow(file, "b")).containsExactly("b", "6", "7", "8", "9", "10", "11");
    assertThat(Bench.resultRow(file, "c")).isEmpty();
    assertThat(Bench.resultRow(dir.resolve("none.tsv"), "a")).isEmpty();
  }

  @Test
  void runIdsLookLikeTheLaunchers() {
    assertThat(Bench.runId("e2e-", java.time.Clock.systemUTC()))
        .matches("e2e-[0-9]{8}-[0-9]{6}-[0-9]{1,5}");
  }
}
