package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.time.Duration;

/**
 * People in the dashboard: browser sessions, the sign-in lockout, invitations and single sign-on
 * with OpenID Connect (issue 18). Read by the query service.
 */
public final class PeopleKeys {
  private PeopleKeys() {}

  public static final Setting<Duration> SESSION_LIFETIME =
      Setting.of(
          "people.session-lifetime",
          ValueType.DURATION,
          "12h",
          "a browser session ends this long after sign-in, however active",
          QUERY);

  public static final Setting<Duration> SESSION_IDLE_TIMEOUT =
      Setting.of(
          "people.session-idle-timeout",
          ValueType.DURATION,
          "30min",
          "a browser session ends after this long without a request",
          QUERY);

  public static final Setting<String> PUBLIC_ORIGIN =
      Setting.of(
          "people.public-origin",
          ValueType.TEXT,
          "",
          "the dashboard's origin as browsers see it (https://logs.example.com): state-changing"
              + " requests must come from it, and an https origin makes session cookies Secure;"
              + " empty: the origin of each request's Host header",
          QUERY);

  public static final Setting<Integer> LOCKOUT_ACCOUNT_FAILURES =
      Setting.of(
          "people.lockout.account-failures",
          ValueType.integer(1, 1_000),
          "5",
          "failed sign-ins of one account within the window that lock it out (429)",
          QUERY);

  public static final Setting<Integer> LOCKOUT_ADDRESS_FAILURES =
      Setting.of(
          "people.lockout.address-failures",
          ValueType.integer(1, 100_000),
          "20",
          "failed sign-ins from one source address within the window that lock it out (429)",
          QUERY);

  public static final Setting<Duration> LOCKOUT_WINDOW =
      Setting.of(
          "people.lockout.window",
          ValueType.DURATION,
          "15min",
          "how long failed sign-ins are counted",
          QUERY);

  public static final Setting<Duration> LOCKOUT_DURATION =
      Setting.of(
          "people.lockout.duration",
          ValueType.DURATION,
          "15min",
          "how long a locked-out account or address is refused",
          QUERY);

  public static final Setting<Duration> PUBLIC_LINK_MAX_LIFETIME =
      Setting.of(
          "people.public-link.max-lifetime",
          ValueType.DURATION,
          "30d",
          "the longest a public read-only link may be made for (its expiresIn)",
          QUERY);

  public static final Setting<Integer> PUBLIC_LINK_SNAPSHOT_EVENTS =
      Setting.of(
          "people.public-link.snapshot-events",
          ValueType.integer(1, 10_000),
          "500",
          "the newest events of a saved search that its public link's snapshot keeps",
          QUERY);

  public static final Setting<Integer> PUBLIC_LINK_SNAPSHOT_MAX_BYTES =
      Setting.of(
          "people.public-link.snapshot-max-bytes",
          ValueType.integer(1024, 64 * 1024 * 1024),
          "4194304",
          "a saved search's snapshot larger than this as JSON is refused (413 query_too_large)",
          QUERY);

  public static final Setting<Duration> PUBLIC_LINK_AUDIT_WINDOW =
      Setting.of(
          "people.public-link.audit-window",
          ValueType.DURATION,
          "10min",
          "reads of a public link are audited once per source address in each such window;"
              + " later reads in it are counted into the link's next entry",
          QUERY);

  public static final Setting<Integer> PUBLIC_LINK_AUDIT_ADDRESSES =
      Setting.of(
          "people.public-link.audit-addresses",
          ValueType.integer(1, 10_000),
          "20",
          "source addresses of one public link audited in one audit window; reads from more are"
              + " counted into the link's next entry",
          QUERY);

  public static final Setting<Duration> INVITATION_LIFETIME =
      Setting.of(
          "people.invitation-lifetime",
          ValueType.DURATION,
          "7d",
          "how long an invitation link can be accepted (once)",
          QUERY);

  public static final Setting<String> OIDC_ISSUER =
      Setting.of(
              "people.oidc.issuer",
              ValueType.TEXT,
              "",
              "OpenID Connect issuer URL for single sign-on (its /.well-known/openid-configuration is"
                  + " read on first use); empty: no single sign-on. The local stack runs a provider"
                  + " there (component `oidc-provider`, on this URL's port)",
              QUERY)
          .inLocalStack("http://" + LocalStack.HOST + ":18095");

  public static final Setting<String> OIDC_CLIENT_ID =
      Setting.of(
              "people.oidc.client-id", ValueType.TEXT, "devlogs", "OpenID Connect client id", QUERY)
          .inLocalStack();

  public static final Setting<String> OIDC_CLIENT_SECRET =
      Setting.of(
              "people.oidc.client-secret",
              ValueType.TEXT,
              "",
              "OpenID Connect client secret (client_secret_basic)",
              QUERY)
          .asSecret()
          .inLocalStack("local-stack-oidc-secret");

  public static final Setting<String> OIDC_ROLE_CLAIM =
      Setting.of(
          "people.oidc.role-claim",
          ValueType.TEXT,
          "groups",
          "the ID token claim (a list of strings) mapped to organisation membership",
          QUERY);

  public static final Setting<String> OIDC_ROLE_MAPPING =
      Setting.of(
              "people.oidc.role-mapping",
              ValueType.TEXT,
              "",
              "claim value to organisation and role, comma-separated:"
                  + " `acme-admins=acme:admin,acme-devs=acme:viewer` (organisation by name; role on"
                  + " every project of it: viewer, editor, admin or owner); a person whose claim"
                  + " maps to no organisation is refused",
              QUERY)
          .inLocalStack("devlogs-demo-admins=demo:admin,devlogs-demo-viewers=demo:viewer");
}
