package io.devlogs.flink.sinks.clickhouse.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Batch ids that are unique forever: {@code <writer session>-<subtask>-<sequence>}. The session is
 * a random UUID drawn each time a writer is created, so a writer restored after a failure never
 * reuses an id of its previous life, and rows it staged before the failure (whose checkpoint never
 * completed) can never be mixed into a new batch. The sequence counts the chunks the session
 * staged.
 */
public final class BatchIds {

  /** What every batch id looks like; it is safe to put in SQL string literals and query ids. */
  public static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}-[0-9]{1,5}-[0-9]{1,19}");

  private final String prefix;
  private long next;

  /** Ids of a new writer session of {@code subtask}. */
  public BatchIds(int subtask) {
    this(UUID.randomUUID(), subtask);
  }

  BatchIds(UUID session, int subtask) {
    this.prefix = session.toString().replace("-", "") + "-" + subtask + "-";
  }

  /** A new id. */
  public String next() {
    return prefix + next++;
  }

  /** Throws unless {@code id} has the {@link #FORMAT}. */
  static String check(String id) {
    if (!FORMAT.matcher(id).matches()) {
      throw new IllegalArgumentException("not a sink batch id: '" + id + "'");
    }
    return id;
  }
}
