package io.devlogs.flink.patterns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A pattern's id: the first 16 hex digits of SHA-256 over the project, the pattern's first template
 * and a collision counter (0 unless a live pattern of the project already has the id). The same
 * project and first template give the same id in every run and after an eviction, so counts of a
 * pattern that comes back continue under its old id. Computed once per new pattern, never per
 * event.
 */
public final class PatternIds {

  private PatternIds() {}

  /** The id of a new pattern; {@code attempt} > 0 when a live pattern already holds a lower one. */
  public static String of(String project, String firstTemplate, int attempt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(project.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(firstTemplate.getBytes(StandardCharsets.UTF_8));
      if (attempt > 0) {
        sha.update((byte) 0);
        sha.update(Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
