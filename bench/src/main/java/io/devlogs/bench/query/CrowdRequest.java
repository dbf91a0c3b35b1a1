package io.devlogs.bench.query;

import java.util.Map;

/**
 * One request of a crowd: its method, URL, headers and, for a state change, its JSON body (else
 * null).
 */
record CrowdRequest(String method, String url, Map<String, String> headers, String jsonBody) {

  /** A GET with one header (the key or the session cookie). */
  static CrowdRequest get(String url, String header, String value) {
    return new CrowdRequest("GET", url, Map.of(header, value), null);
  }
}
