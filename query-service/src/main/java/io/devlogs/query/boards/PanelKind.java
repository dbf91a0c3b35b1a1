package io.devlogs.query.boards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a dashboard panel shows, and the query route that feeds it. */
public enum PanelKind {
  /** A metrics series chart: {@code GET /v1/metrics/series}. */
  SERIES,
  /** A top-N table: {@code GET /v1/metrics/top}. */
  TOP,
  /** A single number: the total of {@code GET /v1/logs/histogram}. */
  NUMBER,
  /** A log table: {@code GET /v1/logs}. */
  LOGS,
  /** A pattern list: {@code GET /v1/patterns}. */
  PATTERNS,
  /**
   * A derived metric: {@code GET /v1/recording/rules/{rule}/series}, the recording rule its {@code
   * rule} parameter names (another project's or a deleted rule answers 404).
   */
  DERIVED;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<PanelKind> of(String text) {
    return Arrays.stream(values()).filter(k -> k.jsonName().equals(text)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(PanelKind::jsonName).collect(Collectors.joining(", "));
  }
}
