package io.devlogs.query.signin;

import io.devlogs.query.people.Role;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.PeopleKeys;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How people sign in, read once at start-up from {@link PeopleKeys}.
 *
 * @param publicOrigin the dashboard's origin as browsers see it; empty: each request's own
 * @param sso single sign-on, if an issuer is configured
 * @param publicLinks the bounds of public read-only links and of their read audit
 */
public record PeopleOptions(
    Duration sessionLifetime,
    Duration idleTimeout,
    Optional<String> publicOrigin,
    Lockout lockout,
    Duration invitationLifetime,
    Optional<Sso> sso,
    PublicLinkLimits publicLinks) {

  /**
   * Public read-only links: the longest expiry, a snapshot's events and bytes, and how reads are
   * audited (one entry per address and window, at most {@code auditAddresses} per link and window).
   */
  public record PublicLinkLimits(
      Duration maxLifetime,
      int snapshotEvents,
      int snapshotMaxBytes,
      Duration auditWindow,
      int auditAddresses) {}

  /** The lockout's bounds. */
  public record Lockout(
      int accountFailures, int addressFailures, Duration window, Duration duration) {}

  /** An organisation (by name) and the role a claim value gives on all its projects. */
  public record Grant(String organisation, Role role) {}

  /** OpenID Connect single sign-on. */
  public record Sso(
      URI issuer,
      String clientId,
      String clientSecret,
      String roleClaim,
      Map<String, Grant> roleMapping) {}

  public static PeopleOptions from(Settings settings) {
    Duration lifetime = positive(settings.get(PeopleKeys.SESSION_LIFETIME), "session-lifetime");
    Duration idle = positive(settings.get(PeopleKeys.SESSION_IDLE_TIMEOUT), "session-idle-timeout");
    String origin = settings.get(PeopleKeys.PUBLIC_ORIGIN).trim();
    String issuer = settings.get(PeopleKeys.OIDC_ISSUER).trim();
    Optional<Sso> sso =
        issuer.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Sso(
                    URI.create(issuer),
                    settings.get(PeopleKeys.OIDC_CLIENT_ID),
                    settings.get(PeopleKeys.OIDC_CLIENT_SECRET),
                    settings.get(PeopleKeys.OIDC_ROLE_CLAIM),
                    roleMapping(settings.get(PeopleKeys.OIDC_ROLE_MAPPING))));
    return new PeopleOptions(
        lifetime,
        idle,
        origin.isEmpty() ? Optional.empty() : Optional.of(checkedOrigin(origin)),
        new Lockout(
            settings.get(PeopleKeys.LOCKOUT_ACCOUNT_FAILURES),
            settings.get(PeopleKeys.LOCKOUT_ADDRESS_FAILURES),
            positive(settings.get(PeopleKeys.LOCKOUT_WINDOW), "lockout.window"),
            positive(settings.get(PeopleKeys.LOCKOUT_DURATION), "lockout.duration")),
        positive(settings.get(PeopleKeys.INVITATION_LIFETIME), "invitation-lifetime"),
        sso,
        new PublicLinkLimits(
            positive(settings.get(PeopleKeys.PUBLIC_LINK_MAX_LIFETIME), "public-link.max-lifetime"),
            settings.get(PeopleKeys.PUBLIC_LINK_SNAPSHOT_EVENTS),
            settings.get(PeopleKeys.PUBLIC_LINK_SNAPSHOT_MAX_BYTES),
            positive(settings.get(PeopleKeys.PUBLIC_LINK_AUDIT_WINDOW), "public-link.audit-window"),
            settings.get(PeopleKeys.PUBLIC_LINK_AUDIT_ADDRESSES)));
  }

  /** Whether session cookies are marked Secure whatever the request's scheme. */
  public boolean httpsOrigin() {
    return publicOrigin.map(o -> o.startsWith("https://")).orElse(false);
  }

  /**
   * Parses {@code group=organisation:role,...}.
   *
   * @throws IllegalArgumentException naming the setting and the bad entry
   */
  static Map<String, Grant> roleMapping(String text) {
    Map<String, Grant> mapping = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      int colon = entry.lastIndexOf(':');
      if (equals <= 0 || colon <= equals + 1 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            PeopleKeys.OIDC_ROLE_MAPPING.key()
                + ": '"
                + entry.trim()
                + "' is not claim-value=organisation:role");
      }
      mapping.put(
          entry.substring(0, equals).trim(),
          new Grant(
              entry.substring(equals + 1, colon).trim(),
              Role.parse(entry.substring(colon + 1).trim())));
    }
    return Map.copyOf(mapping);
  }

  private static String checkedOrigin(String origin) {
    URI uri = URI.create(origin);
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      throw new IllegalArgumentException(
          PeopleKeys.PUBLIC_ORIGIN.key() + " must be an origin such as https://logs.example.com");
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static Duration positive(Duration value, String name) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("people." + name + " must be positive");
    }
    return value;
  }
}
