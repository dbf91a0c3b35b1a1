package io.devlogs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectStore;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: {@code POST /v1/logs} writes events to Kafka, {@code GET /healthz}.
 *
 * <p>Settings: {@code ingest.port}, {@code kafka.bootstrap-servers}, {@code kafka.raw-topic},
 * {@code postgres.url|user|password}, and {@code ingest.host} (bind address, default {@code
 * 0.0.0.0}).
 */
public final class IngestServer {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);
  private static final Logger REQUEST_LOG = LoggerFactory.getLogger("io.devlogs.ingest.requests");

  /** How long key lookups (hits and misses) are cached. */
  static final Duration KEY_CACHE_TTL = Duration.ofSeconds(10);

  /**
   * What the app needs.
   *
   * @param authenticator resolves API keys
   * @param sink where accepted events go
   * @param limits request size limits
   * @param sendTimeout upper bound on waiting for the sink's acknowledgement
   * @param clock source of received-at times
   */
  public record Dependencies(
      Authenticator authenticator,
      EventSink sink,
      IngestLimits limits,
      Duration sendTimeout,
      Clock clock) {
    public Dependencies {
      Objects.requireNonNull(authenticator, "authenticator");
      Objects.requireNonNull(sink, "sink");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(sendTimeout, "sendTimeout");
      Objects.requireNonNull(clock, "clock");
    }

    /** Default limits, the Kafka delivery timeout plus a margin, the system clock. */
    public static Dependencies of(Authenticator authenticator, EventSink sink) {
      return new Dependencies(
          authenticator,
          sink,
          IngestLimits.DEFAULT,
          KafkaEventSink.DELIVERY_TIMEOUT.plusSeconds(5),
          Clock.systemUTC());
    }
  }

  private IngestServer() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment(args);
    int port = settings.getInt("ingest.port", 18080);
    String bootstrap = settings.get("kafka.bootstrap-servers", "127.0.0.1:19092");
    String topic = settings.get("kafka.raw-topic", "devlogs-raw");

    ProjectStore store = ProjectStore.connect(settings);
    KafkaEventSink sink = KafkaEventSink.create(bootstrap, topic);
    KeyAuthenticator keys = new KeyAuthenticator(store, KEY_CACHE_TTL);
    Javalin app = createApp(Dependencies.of(keys::authenticate, sink));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping ingest");
                  app.stop();
                  sink.close();
                  store.close();
                },
                "ingest-shutdown"));
    app.start(settings.get("ingest.host", "0.0.0.0"), port);
    LOG.info("Ingest listening on port {}, writing to topic {} at {}", port, topic, bootstrap);
  }

  /** The app with its routes, error mapping and request log; not started. */
  public static Javalin createApp(Dependencies deps) {
    LogsController logs =
        new LogsController(
            deps.authenticator(), deps.sink(), deps.limits(), deps.sendTimeout(), deps.clock());
    ObjectMapper mapper = new ObjectMapper();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.http.maxRequestSize = deps.limits().maxBodyBytes();
              config.requestLogger.http(
                  (ctx, ms) ->
                      REQUEST_LOG.info(
                          "{} {} {} {}ms events={}",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          Math.round(ms),
                          Objects.requireNonNullElse(
                              ctx.attribute(LogsController.EVENTS_ATTRIBUTE), 0)));
            });
    app.post("/v1/logs", logs::ingest);
    app.post("/loki/api/v1/push", logs::pushLoki);
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));

    app.exception(
        ApiError.class,
        (e, ctx) -> {
          e.headers().forEach(ctx::header);
          ctx.status(e.status()).json(errorBody(e.getMessage(), e.detail()));
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) ->
            ctx.status(e.getStatus())
                .json(errorBody(e.getMessage(), e.getDetails().isEmpty() ? null : e.getDetails())));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
          ctx.status(500).json(errorBody("internal error", null));
        });
    app.error(
        404, ctx -> ctx.json(errorBody("not found: " + ctx.method() + " " + ctx.path(), null)));
    return app;
  }

  static Map<String, Object> errorBody(String error, Object detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return body;
  }
}
