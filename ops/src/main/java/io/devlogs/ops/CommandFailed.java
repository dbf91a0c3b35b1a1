package io.devlogs.ops;

/**
 * A launcher command cannot go on; {@link #getMessage()} is printed as {@code devlogs: error: ...}
 * and the command exits with 1, as bin/devlogs' {@code die} does.
 */
public final class CommandFailed extends RuntimeException {
  public CommandFailed(String message) {
    super(message);
  }

  public CommandFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
