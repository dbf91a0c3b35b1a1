package io.devlogs.query.logs;

import java.util.List;

/**
 * {@code GET /v1/fields}' answer: the labels ({@code service}, {@code level}, {@code stream}) and
 * attributes of the newest {@code sampled} matches, busiest first, each with its top values. The
 * dashboard's field sidebar and query completion read it.
 *
 * @param sampled how many of the newest matching events were read (at most {@link #MAX_SAMPLE})
 * @param fields the fields present in them, by how many events have them, then by name
 */
public record Fields(long sampled, List<Field> fields) {
  /** The newest matches read: enough for top values, bounded whatever the range. */
  public static final int MAX_SAMPLE = 10_000;

  public static final int MAX_FIELDS = 200;
  public static final int DEFAULT_VALUES = 10;
  public static final int MAX_VALUES = 50;

  public Fields {
    fields = List.copyOf(fields);
  }

  /** Where a field lives: a label every event has, or an attribute. */
  public enum Kind {
    label,
    attribute
  }

  /**
   * One field of the sample.
   *
   * @param events sampled events that have it
   * @param distinct distinct values in the sample
   * @param numeric whether every sampled value is a number ({@code duration_ms > 500} applies)
   * @param values the most frequent values, by count descending, then by value
   */
  public record Field(
      String name,
      Kind kind,
      long events,
      long distinct,
      boolean numeric,
      List<FieldValue> values) {
    public Field {
      values = List.copyOf(values);
    }
  }

  public record FieldValue(String value, long count) {}
}
