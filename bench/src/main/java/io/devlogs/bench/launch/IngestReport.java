package io.devlogs.bench.launch;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bench ingest} run: Kafka's producer perf tool with the same events, and
 * ingest's events/s for plain and gzip NDJSON ({@code gzipRate} "unsupported" when this build does
 * not read gzip).
 */
record IngestReport(
    String runId,
    long events,
    long clients,
    long eventBytes,
    long kafkaRate,
    String plainRate,
    String gzipRate) {

  static final List<String> RESULTS_HEADER =
      List.of("run", "events", "clients", "event_bytes", "plain", "gzip", "kafka_producer_ceiling");

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nbench ingest %s: %d events per encoding, %d clients, batches of 1000 events of %d"
                + " bytes%n",
            runId,
            events,
            clients,
            eventBytes));
    out.append(
        String.format(Locale.ROOT, "%-62s %12s %14s%n", "figure", "events/s", "ingest/Kafka"));
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %12d%n",
            "(k) Kafka producer perf tool, same events, acks=all",
            kafkaRate));
    row(out, "(p) ingest, plain NDJSON", plainRate);
    if (gzipRate.equals("unsupported")) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-62s %12s %14s%n",
              "(g) ingest, gzip NDJSON",
              "-",
              "not supported by this build"));
    } else {
      row(out, "(g) ingest, gzip NDJSON", gzipRate);
    }
    return out.toString();
  }

  private void row(StringBuilder out, String figure, String rate) {
    long value = Math.round(Double.parseDouble(rate));
    out.append(
        String.format(
            Locale.ROOT, "%-62s %12d %14.3f%n", figure, value, (double) value / kafkaRate));
  }

  List<Object> resultsRow() {
    return List.of(runId, events, clients, eventBytes, plainRate, gzipRate, kafkaRate);
  }
}
