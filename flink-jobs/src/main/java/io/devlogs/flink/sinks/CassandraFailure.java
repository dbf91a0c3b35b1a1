package io.devlogs.flink.sinks;

import com.datastax.driver.core.exceptions.BootstrappingException;
import com.datastax.driver.core.exceptions.BusyConnectionException;
import com.datastax.driver.core.exceptions.BusyPoolException;
import com.datastax.driver.core.exceptions.CodecNotFoundException;
import com.datastax.driver.core.exceptions.ConnectionException;
import com.datastax.driver.core.exceptions.InvalidTypeException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OverloadedException;
import com.datastax.driver.core.exceptions.QueryValidationException;
import com.datastax.driver.core.exceptions.UnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a failed write to Cassandra says about the rows it carried, by the driver's exception. */
enum CassandraFailure {
  /**
   * The request itself is invalid, and would be refused again (InvalidQueryException and the other
   * QueryValidationExceptions: a key over 64 KiB, a request over 4 MiB, a bad TTL; a value the
   * driver cannot encode).
   */
  REFUSED,
  /**
   * Cassandra cannot take writes now (no host reachable, not enough replicas, overloaded, starting,
   * connections busy or broken): the same request will succeed later.
   */
  UNAVAILABLE,
  /**
   * Anything else, timeouts first: Cassandra may be unavailable, or the row too heavy to write in
   * time. Retried; see {@link CassandraStreamWriter} for when a row is given up.
   */
  UNCERTAIN;

  /** The class of a failure (wrappers of the driver's exception are looked through). */
  static CassandraFailure of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof QueryValidationException
        || t instanceof InvalidTypeException
        || t instanceof CodecNotFoundException
        || t instanceof IllegalArgumentException) {
      return REFUSED;
    }
    if (t instanceof NoHostAvailableException
        || t instanceof UnavailableException
        || t instanceof OverloadedException
        || t instanceof BootstrappingException
        || t instanceof BusyPoolException
        || t instanceof BusyConnectionException
        || t instanceof ConnectionException
        || t instanceof NotConnected) {
      return UNAVAILABLE;
    }
    return UNCERTAIN;
  }

  /** The driver's exception inside completion and execution wrappers. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The store could not connect to Cassandra, or not prepare its statement, yet. */
  static final class NotConnected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotConnected(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
