package io.devlogs.bench.launch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of Kafka's own perf tools, read from their last output line. */
final class PerfToolOutput {
  private static final Pattern PRODUCER =
      Pattern.compile("^([0-9]+) records sent, ([0-9.]+) records/sec.*");

  private PerfToolOutput() {}

  /** Records and records per second. */
  record Figures(long records, double perSecond) {}

  /**
   * ConsumerPerformance ({@code kafka-consumer-perf-test}) with {@code --hide-header}: start, end,
   * MB, MB/s, records, records/s, rebalance ms, fetch ms, fetch MB/s, fetch records/s.
   */
  static Optional<Figures> consumer(String csvLine) {
    String[] fields = csvLine.split(",");
    if (fields.length < 6) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Figures(Long.parseLong(fields[4].strip()), Double.parseDouble(fields[5].strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** ProducerPerformance: {@code N records sent, X records/sec (Y MB/sec), ...}. */
  static Optional<Figures> producer(String summary) {
    Matcher m = PRODUCER.matcher(summary);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Figures(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))));
  }
}
