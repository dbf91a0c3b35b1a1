package io.devlogs.ops.health;

import java.time.Duration;

/** Durations as people read them: {@code 45 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
public final class Durations {
  private Durations() {}

  public static String words(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      long s = seconds % 60;
      return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
    }
    if (seconds < 86_400) {
      long m = seconds % 3600 / 60;
      return seconds / 3600 + " h" + (m == 0 ? "" : " " + m + " min");
    }
    long h = seconds % 86_400 / 3600;
    return seconds / 86_400 + " d" + (h == 0 ? "" : " " + h + " h");
  }
}
