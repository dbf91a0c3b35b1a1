package io.devlogs.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of an {@code Authorization: Basic} header: Loki clients whose only option is basic
 * auth (log shippers pushing, Grafana's Loki data source reading; user = anything, password = the
 * key) can use it instead of a bearer token.
 */
public final class BasicCredentials {

  private BasicCredentials() {}

  /** The password, if the header is well-formed Basic credentials with a non-empty password. */
  public static Optional<String> password(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }
}
