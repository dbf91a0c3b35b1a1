package io.devlogs.query.tail;

/**
 * WebSocket close codes of the live tail (4000 + the HTTP status of the same problem, where there
 * is one).
 */
public final class TailClose {
  /** A filter parameter is invalid. */
  public static final int BAD_FILTER = 4400;

  /** No key, an unknown key, or no auth message within the time allowed. */
  public static final int BAD_KEY = 4401;

  /** The key lacks the query scope. */
  public static final int WRONG_SCOPE = 4403;

  /** Too many live tails open for the project or the service. */
  public static final int TOO_MANY = 4429;

  /** Kafka (the parsed-events topic) or the key store cannot be reached. */
  public static final int UNAVAILABLE = 4503;

  /** The client did not read its events fast enough and was dropped. */
  public static final int TOO_SLOW = 4008;

  private TailClose() {}
}
