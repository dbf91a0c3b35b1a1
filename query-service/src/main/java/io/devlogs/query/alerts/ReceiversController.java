package io.devlogs.query.alerts;

import io.devlogs.alerts.AlertSeverity;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.query.alerts.notify.Delivery;
import io.devlogs.query.alerts.notify.DeliveryException;
import io.devlogs.query.alerts.notify.NotificationBody;
import io.devlogs.query.alerts.notify.NotificationStore;
import io.devlogs.query.alerts.notify.Receiver;
import io.devlogs.query.alerts.notify.ReceiverKind;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The project's receivers and failed notifications: {@code GET/POST /v1/alerts/receivers}, {@code
 * POST /v1/alerts/receivers/{id}/test} (sends a sample firing transition once, without retries, and
 * says how it went) and {@code GET /v1/alerts/failures} (the dead letters of notifications).
 *
 * <p>Body of a create: {@code {"name": "ops hook", "kind": "webhook|slack|pagerduty|email",
 * "target": "https://... or a@b.c", "routingKey": "(pagerduty)", "secret": "(optional)"}}. Without
 * a secret one is made; the create's answer is the only one that shows it.
 */
public final class ReceiversController {
  public static final Set<String> FIELDS = Set.of("name", "kind", "target", "routingKey", "secret");
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NotificationStore store;
  private final Map<ReceiverKind, Delivery> deliveries;
  private final Clock clock;

  public ReceiversController(
      NotificationStore store, Map<ReceiverKind, Delivery> deliveries, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.deliveries = Map.copyOf(deliveries);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A receiver as listed: never its secret. */
  public record ReceiverView(UUID id, String name, String kind, String target) {
    static ReceiverView of(Receiver r) {
      return new ReceiverView(r.id(), r.name(), r.kind().code(), r.target());
    }
  }

  /** The answer to a create: the receiver and, this once, its secret. */
  public record CreatedReceiver(UUID id, String name, String kind, String target, String secret) {}

  public record Receivers(List<ReceiverView> receivers) {}

  public record TestResult(boolean delivered, String error) {}

  public record Failures(List<NotificationStore.Failure> failures) {}

  public void list(Context ctx) {
    new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
    ctx.json(
        new Receivers(
            store.list(Authentication.projectId(ctx)).stream().map(ReceiverView::of).toList()));
  }

  public void create(Context ctx) {
    NotificationStore.NewReceiver request = parse(ctx.body());
    Receiver created = store.create(Authentication.projectId(ctx), request);
    ctx.status(HttpStatus.CREATED)
        .json(
            new CreatedReceiver(
                created.id(),
                created.name(),
                created.kind().code(),
                created.target(),
                created.secret()));
  }

  /** Sends a sample transition once; 200 either way, {@code delivered} says how it went. */
  public void test(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    UUID id = PathIds.of(ctx, "receiver");
    Receiver receiver =
        store.get(projectId, id).orElseThrow(() -> PathIds.notFound("receiver", id));
    AlertTransition sample = sample(projectId, clock);
    Delivery delivery = deliveries.get(receiver.kind());
    if (delivery == null) {
      ctx.json(new TestResult(false, "this server delivers no " + receiver.kind().code()));
      return;
    }
    try {
      delivery.send(receiver, sample, NotificationBody.of(receiver, sample));
      ctx.json(new TestResult(true, null));
    } catch (DeliveryException e) {
      ctx.json(new TestResult(false, e.getMessage()));
    }
  }

  public void failures(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("limit"));
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    ctx.json(new Failures(store.failures(Authentication.projectId(ctx), limit)));
  }

  /** A firing transition of a rule named "test notification", with a key of its own. */
  static AlertTransition sample(String projectId, Clock clock) {
    String ruleId = new UUID(0, 0).toString();
    String fingerprint = "0000000000000000";
    return new AlertTransition(
        projectId,
        ruleId,
        "test notification",
        1,
        fingerprint,
        AlertState.FIRING,
        AlertState.RESOLVED,
        AlertSeverity.INFO,
        new TreeMap<>(Map.of("test", "true")),
        "A test of this receiver from devlogs; no rule fired.",
        1,
        1,
        clock.instant(),
        null,
        null,
        projectId + "/test/" + UUID.randomUUID());
  }

  /** Reads and checks a create's body; 400 naming the field. Pure. */
  static NotificationStore.NewReceiver parse(String body) {
    JsonBody json = JsonBody.parse(body, FIELDS);
    String name = json.requiredText("name", 200);
    String kindText = json.requiredText("kind", 32);
    ReceiverKind kind =
        ReceiverKind.parse(kindText)
            .orElseThrow(
                () ->
                    JsonBody.badField(
                        "kind",
                        "unknown kind '"
                            + kindText
                            + "', expected one of "
                            + Arrays.stream(ReceiverKind.values())
                                .map(ReceiverKind::code)
                                .toList()));
    String target = json.requiredText("target", 2000).strip();
    if (kind.isHttp()) {
      checkUrl(target);
    } else {
      checkAddress(target);
    }
    String routingKey = json.text("routingKey", 200).orElse("");
    if (kind == ReceiverKind.PAGERDUTY && routingKey.isBlank()) {
      throw JsonBody.badField("routingKey", "a PagerDuty receiver needs its integration key");
    }
    String secret = json.text("secret", 200).orElseGet(ReceiversController::newSecret);
    if (secret.length() < 16) {
      throw JsonBody.badField("secret", "must have at least 16 characters");
    }
    return new NotificationStore.NewReceiver(name, kind, target, routingKey, secret);
  }

  private static void checkUrl(String target) {
    try {
      URI uri = new URI(target);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw JsonBody.badField("target", "must be an http or https URL with a host");
      }
    } catch (URISyntaxException e) {
      throw JsonBody.badField("target", "not a URL: " + e.getReason());
    }
  }

  private static void checkAddress(String target) {
    try {
      new InternetAddress(target, true);
    } catch (AddressException e) {
      throw JsonBody.badField("target", "not an e-mail address: " + e.getMessage());
    }
  }

  private static String newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
