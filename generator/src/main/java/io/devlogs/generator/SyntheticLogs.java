package io.devlogs.generator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic synthetic log events of a small web shop: HTTP requests through several services, batch
 * job runs and pod-level messages, each on a named stream ({@code checkout-7f9c/req-8123}, {@code
 * nightly-build-4412}, {@code pod/search-5d8b9-qx2lm}).
 *
 * <p>Levels are drawn with fixed weights (mostly INFO, some DEBUG and WARN, occasional ERROR with a
 * multi-line Java stack trace). Each event has an {@code id}, so a batch the generator re-sends
 * after a failed request is deduplicated downstream. Deterministic for a given seed and clock; not
 * thread-safe.
 */
public final class SyntheticLogs {

  /** Level weights in percent; they add up to 100. */
  static final int DEBUG_PERCENT = 14;

  static final int WARN_PERCENT = 9;
  static final int ERROR_PERCENT = 4;
  static final int INFO_PERCENT = 100 - DEBUG_PERCENT - WARN_PERCENT - ERROR_PERCENT;

  private static final int ACTIVE_STREAMS = 12;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Endpoint(String method, String path, int typicalMillis) {}

  private record Service(
      String name, String javaPackage, String podHash, List<Endpoint> endpoints) {}

  private static final List<Service> SERVICES =
      List.of(
          new Service(
              "api-gateway",
              "io.shop.gateway",
              "7c5d8",
              List.of(
                  new Endpoint("GET", "/api/products", 40),
                  new Endpoint("POST", "/api/cart/items", 60),
                  new Endpoint("GET", "/api/orders/{id}", 35))),
          new Service(
              "checkout",
              "io.shop.checkout",
              "7f9c",
              List.of(
                  new Endpoint("POST", "/checkout", 180),
                  new Endpoint("GET", "/checkout/{id}", 25))),
          new Service(
              "payments",
              "io.shop.payments",
              "5b2e1",
              List.of(
                  new Endpoint("POST", "/payments/authorize", 250),
                  new Endpoint("POST", "/payments/capture", 120),
                  new Endpoint("POST", "/payments/refund", 140))),
          new Service(
              "search",
              "io.shop.search",
              "5d8b9",
              List.of(
                  new Endpoint("GET", "/search", 70), new Endpoint("GET", "/search/suggest", 15))),
          new Service(
              "auth",
              "io.shop.auth",
              "66f4a",
              List.of(
                  new Endpoint("POST", "/oauth/token", 45),
                  new Endpoint("GET", "/userinfo", 10),
                  new Endpoint("POST", "/logout", 8))),
          new Service(
              "inventory",
              "io.shop.inventory",
              "9a1c3",
              List.of(
                  new Endpoint("GET", "/stock/{sku}", 12),
                  new Endpoint("PUT", "/stock/{sku}/reserve", 30))));

  private static final List<String> JOBS =
      List.of("nightly-build", "search-reindex", "invoice-export", "cache-warmup");

  private final Random random;
  private final Clock clock;
  private final List<Activity> active = new ArrayList<>();
  private Instant lastTimestamp = Instant.EPOCH;

  public SyntheticLogs(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = clock;
  }

  /** The next event, as a JSON object ready to be serialised as one NDJSON line. */
  public ObjectNode next() {
    while (active.size() < ACTIVE_STREAMS) {
      active.add(newActivity());
    }
    int index = random.nextInt(active.size());
    Activity activity = active.get(index);
    ObjectNode event = activity.emit(level());
    if (--activity.remaining <= 0) {
      active.remove(index);
    }
    return event;
  }

  /** The next {@code count} events. */
  public List<ObjectNode> next(int count) {
    List<ObjectNode> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(next());
    }
    return events;
  }

  private String level() {
    int roll = random.nextInt(100);
    if (roll < ERROR_PERCENT) {
      return "ERROR";
    }
    if (roll < ERROR_PERCENT + WARN_PERCENT) {
      return "WARN";
    }
    if (roll < ERROR_PERCENT + WARN_PERCENT + DEBUG_PERCENT) {
      return "DEBUG";
    }
    return "INFO";
  }

  private Activity newActivity() {
    int roll = random.nextInt(10);
    Service service = SERVICES.get(random.nextInt(SERVICES.size()));
    if (roll < 7) {
      return new RequestActivity(service);
    }
    if (roll < 9) {
      return new JobActivity(JOBS.get(random.nextInt(JOBS.size())));
    }
    return new PodActivity(service);
  }

  /** Base of an event: id, time (never going backwards), level, service, stream, message. */
  private ObjectNode base(String level, String service, String stream, String message) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!now.isAfter(lastTimestamp)) {
      now = lastTimestamp.plusMillis(1);
    }
    lastTimestamp = now;
    ObjectNode event = NODES.objectNode();
    event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
    event.put("ts", now.toString());
    event.put("level", level);
    event.put("service", service);
    event.put("stream", stream);
    event.put("msg", message);
    return event;
  }

  private String hex(int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String podName(Service service) {
    return service.name() + "-" + service.podHash() + "-" + hex(5);
  }

  private abstract static class Activity {
    int remaining;

    abstract ObjectNode emit(String level);
  }

  /** One HTTP request on one service: a few events on stream {@code <service>-<hash>/req-<n>}. */
  private final class RequestActivity extends Activity {
    final Service service;
    final Endpoint endpoint;
    final String stream;
    final String traceId = hex(32);
    final String userId = "u_" + (1000 + random.nextInt(90_000));
    final String pod;
    final String path;

    RequestActivity(Service service) {
      this.service = service;
      this.endpoint = service.endpoints().get(random.nextInt(service.endpoints().size()));
      this.stream = service.name() + "-" + service.podHash() + "/req-" + random.nextInt(100_000);
      this.pod = podName(service);
      this.path =
          endpoint
              .path()
              .replace("{id}", Integer.toString(100_000 + random.nextInt(900_000)))
              .replace("{sku}", "SKU-" + (1000 + random.nextInt(9000)));
      this.remaining = 2 + random.nextInt(5);
    }

    @Override
    ObjectNode emit(String level) {
      int status;
      long duration =
          Math.max(
              1, Math.round(endpoint.typicalMillis() * (0.3 + random.nextGaussian() * 0.4 + 1)));
      String message;
      switch (level) {
        case "DEBUG" -> {
          status = 0;
          message =
              switch (random.nextInt(4)) {
                case 0 -> "cache miss for key " + service.name() + ":" + hex(8);
                case 1 ->
                    "SQL executed in "
                        + (1 + random.nextInt(40))
                        + " ms: SELECT * FROM "
                        + table()
                        + " WHERE id = ?";
                case 2 -> "request headers parsed, content-length=" + random.nextInt(4096);
                default ->
                    "calling downstream " + SERVICES.get(random.nextInt(SERVICES.size())).name();
              };
        }
        case "WARN" -> {
          status = random.nextBoolean() ? 429 : 200;
          duration = duration * (5 + random.nextInt(10));
          message =
              status == 429
                  ? "rate limit exceeded for user " + userId
                  : "slow request " + endpoint.method() + " " + path + " took " + duration + " ms";
        }
        case "ERROR" -> {
          status = random.nextInt(4) == 0 ? 502 : 500;
          message = endpoint.method() + " " + path + " failed with " + status;
        }
        default -> {
          status = endpoint.method().equals("POST") && random.nextInt(5) == 0 ? 201 : 200;
          message = endpoint.method() + " " + path + " " + status + " in " + duration + " ms";
        }
      }
      ObjectNode event = base(level, service.name(), stream, message);
      event.put("trace_id", traceId);
      event.put("user_id", userId);
      event.put("pod", pod);
      ObjectNode http = event.putObject("http");
      http.put("method", endpoint.method());
      http.put("path", path);
      if (status > 0) {
        http.put("status", status);
        event.put("duration_ms", duration);
      }
      if (level.equals("ERROR")) {
        addFailure(event, service);
      }
      return event;
    }
  }

  /** One batch job run: steps on stream {@code <job>-<run>}. */
  private final class JobActivity extends Activity {
    final String job;
    final int run;
    final String stream;
    int step;

    JobActivity(String job) {
      this.job = job;
      this.run = 1000 + random.nextInt(9000);
      this.stream = job + "-" + run;
      this.remaining = 4 + random.nextInt(12);
    }

    @Override
    ObjectNode emit(String level) {
      step++;
      String message =
          switch (level) {
            case "DEBUG" ->
                "step " + step + ": worker heap used " + (200 + random.nextInt(800)) + " MB";
            case "WARN" ->
                "step "
                    + step
                    + ": retrying batch "
                    + random.nextInt(50)
                    + " after transient error (attempt "
                    + (2 + random.nextInt(3))
                    + "/5)";
            case "ERROR" -> "step " + step + " failed, job " + stream + " will be retried";
            default ->
                "step " + step + ": processed " + (500 + random.nextInt(20_000)) + " records";
          };
      ObjectNode event = base(level, "batch-jobs", stream, message);
      ObjectNode jobNode = event.putObject("job");
      jobNode.put("name", job);
      jobNode.put("run_id", run);
      jobNode.put("step", step);
      event.put("duration_ms", 100 + random.nextInt(30_000));
      if (level.equals("ERROR")) {
        addFailure(event, null);
      }
      return event;
    }
  }

  /** Container-level messages on stream {@code pod/<pod name>}. */
  private final class PodActivity extends Activity {
    final Service service;
    final String pod;

    PodActivity(Service service) {
      this.service = service;
      this.pod = podName(service);
      this.remaining = 3 + random.nextInt(8);
    }

    @Override
    ObjectNode emit(String level) {
      String message =
          switch (level) {
            case "DEBUG" -> "GC pause (G1 Young Generation) " + (2 + random.nextInt(30)) + " ms";
            case "WARN" ->
                "connection pool "
                    + service.name()
                    + "-db at "
                    + (85 + random.nextInt(15))
                    + "% capacity";
            case "ERROR" -> "liveness probe failed: HTTP probe failed with statuscode: 503";
            default ->
                random.nextBoolean()
                    ? "heartbeat ok, uptime " + random.nextInt(100_000) + " s"
                    : "config reloaded from configmap " + service.name() + "-config";
          };
      ObjectNode event = base(level, service.name(), "pod/" + pod, message);
      event.put("pod", pod);
      event.put("node", "node-" + (1 + random.nextInt(6)));
      if (level.equals("ERROR")) {
        addFailure(event, service);
      }
      return event;
    }
  }

  private String table() {
    String[] tables = {"orders", "carts", "users", "payments", "products", "sessions"};
    return tables[random.nextInt(tables.length)];
  }

  /**
   * Adds a multi-line Java stack trace: mostly in an {@code exception} field, sometimes appended to
   * the message the way a plain log appender writes it.
   */
  private void addFailure(ObjectNode event, Service service) {
    String pkg = service == null ? "io.shop.jobs" : service.javaPackage();
    String[][] failures = {
      {"java.lang.IllegalStateException", "upstream returned 503 Service Unavailable"},
      {"java.net.SocketTimeoutException", "Read timed out after 3000 ms"},
      {
        "java.sql.SQLTransientConnectionException",
        "HikariPool-1 - Connection is not available, request timed out after 30000ms"
      },
      {
        "java.lang.NullPointerException",
        "Cannot invoke \"String.length()\" because \"token\" is null"
      },
    };
    String[] failure = failures[random.nextInt(failures.length)];
    String component = pkg.substring(pkg.lastIndexOf('.') + 1);
    String cls = Character.toUpperCase(component.charAt(0)) + component.substring(1);
    StringBuilder trace = new StringBuilder();
    trace.append(failure[0]).append(": ").append(failure[1]).append('\n');
    trace
        .append("\tat ")
        .append(pkg)
        .append(".client.")
        .append(cls)
        .append("Client.call(")
        .append(cls)
        .append("Client.java:")
        .append(80 + random.nextInt(200))
        .append(")\n");
    trace
        .append("\tat ")
        .append(pkg)
        .append('.')
        .append(cls)
        .append("Service.handle(")
        .append(cls)
        .append("Service.java:")
        .append(40 + random.nextInt(100))
        .append(")\n");
    trace.append("\tat io.javalin.http.servlet.JavalinServlet.handle(JavalinServlet.kt:52)\n");
    trace.append(
        "\tat org.eclipse.jetty.server.handler.HandlerWrapper.handle(HandlerWrapper.java:122)\n");
    trace.append("\tat java.base/java.lang.Thread.run(Thread.java:840)\n");
    if (random.nextBoolean()) {
      trace.append("Caused by: java.io.IOException: Connection reset by peer\n");
      trace.append("\tat java.base/sun.nio.ch.SocketDispatcher.read0(Native Method)\n");
      trace.append("\t... 5 more");
    } else {
      trace.setLength(trace.length() - 1);
    }
    if (random.nextInt(3) == 0) {
      event.put("msg", event.get("msg").asText() + "\n" + trace);
    } else {
      event.put("exception", trace.toString());
    }
    event.put(
        "error_type",
        failure[0].substring(failure[0].lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
  }
}
