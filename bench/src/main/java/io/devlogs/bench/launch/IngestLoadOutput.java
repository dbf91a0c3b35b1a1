package io.devlogs.bench.launch;

import java.util.List;
import java.util.Optional;

/**
 * What {@code IngestLoad} printed: per encoding a line {@code RESULT encoding status events seconds
 * events/s MB/s event-bytes detail}, and {@code ACCEPTED n}, tab-separated.
 */
record IngestLoadOutput(
    Optional<Encoding> plain, Optional<Encoding> gzip, long eventBytes, Optional<Long> accepted) {

  /**
   * One encoding's figures.
   *
   * @param supported false when this build refused the encoding ({@code detail} says how)
   */
  record Encoding(
      boolean supported,
      String events,
      String seconds,
      String rate,
      String megabytes,
      String detail) {}

  static IngestLoadOutput parse(List<String> lines) {
    Optional<Encoding> plain = Optional.empty();
    Optional<Encoding> gzip = Optional.empty();
    long eventBytes = 0;
    Optional<Long> accepted = Optional.empty();
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("RESULT") && f.length >= 9) {
        eventBytes = Long.parseLong(f[7]);
        Encoding encoding = new Encoding(!f[2].equals("unsupported"), f[3], f[4], f[5], f[6], f[8]);
        if (f[1].equals("plain")) {
          plain = Optional.of(encoding);
        } else {
          gzip = Optional.of(encoding);
        }
      } else if (f[0].equals("ACCEPTED") && f.length >= 2) {
        accepted = Optional.of(Long.parseLong(f[1]));
      }
    }
    return new IngestLoadOutput(plain, gzip, eventBytes, accepted);
  }

  boolean complete() {
    return plain.isPresent() && gzip.isPresent() && accepted.isPresent();
  }
}
