package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;

/** The HTTP status a step of the request path answers with, by throwing {@link ApiException}. */
final class ApiStatus {
  private ApiStatus() {}

  /** The status of the {@link ApiException} the call throws; fails the test if it throws none. */
  static int of(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.status();
    }
    throw new AssertionError("no ApiException");
  }
}
