package io.devlogs.ingest.limits;

/**
 * A sustained rate and the burst allowed above it: a key may spend {@code burst} at once, then
 * {@code perSecond} every second.
 */
public record Rate(long perSecond, long burst) {
  public Rate {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("a rate must be positive, was " + perSecond + "/s");
    }
    if (burst < perSecond) {
      throw new IllegalArgumentException(
          "the burst (" + burst + ") must be at least the rate per second (" + perSecond + ")");
    }
  }
}
