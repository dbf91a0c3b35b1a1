package io.devlogs.settings.keys;

/**
 * The local stack that {@code bin/devlogs up} runs: every store and service on the loopback
 * address, at the ports of the settings' defaults.
 */
public final class LocalStack {
  private LocalStack() {}

  /** Where every process of the local stack listens. */
  public static final String HOST = "127.0.0.1";
}
