package io.devlogs.query.http;

/** A storage backend (ClickHouse, Cassandra) failed; the client gets 503 without internals. */
public final class BackendException extends RuntimeException {
  private final String backend;

  public BackendException(String backend, Throwable cause) {
    super(backend + " request failed: " + cause.getMessage(), cause);
    this.backend = backend;
  }

  public String backend() {
    return backend;
  }
}
