package io.devlogs.query.ops;

import java.util.Locale;

/**
 * Why the query service refused a request before reading a store: the {@code reason} label of
 * {@code devlogs_query_rejections_total}. A closed set, so the metric's series stay bounded; a new
 * limit adds its reason here. Refused live tails are counted by {@code
 * devlogs_query_tail_refused_total}.
 */
public enum Rejection {
  /** 503: over the requests the process holds at once, refused before any other work. */
  FRONT_DOOR,
  /** 429: over the calling key's query rate. */
  KEY_RATE,
  /** 429: over the project's query rate, shared by all its keys. */
  PROJECT_RATE,
  /** 503: every store-query slot busy and the wait queue full. */
  OVERLOADED;

  /** The label value: the name in lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
