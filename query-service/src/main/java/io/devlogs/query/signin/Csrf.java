package io.devlogs.query.signin;

import io.devlogs.query.people.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The CSRF token of a session: derived from the session's secret id, so it is bound to the session,
 * needs no storage and changes at every sign-in. A page reads it from {@code GET /v1/auth/session}
 * and sends it as {@value #HEADER}; another site can neither read it nor compute it.
 */
public final class Csrf {
  public static final String HEADER = "X-CSRF-Token";

  private Csrf() {}

  public static String tokenFor(String rawSessionId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("devlogs csrf\n" + rawSessionId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static boolean valid(String rawSessionId, String sentToken) {
    return rawSessionId != null && Secrets.sameText(tokenFor(rawSessionId), sentToken);
  }
}
