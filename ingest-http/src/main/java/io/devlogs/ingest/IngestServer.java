package io.devlogs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.ErrorResponses;
import io.devlogs.ingest.admin.AdminApi;
import io.devlogs.ingest.admin.DeadLetterReplayApi;
import io.devlogs.ingest.deadletters.ClickHouseDeadLetterStore;
import io.devlogs.ingest.deadletters.ReplayPlan;
import io.devlogs.ingest.limits.RateLimits;
import io.devlogs.ingest.ops.KafkaReadinessProbe;
import io.devlogs.ingest.ops.MeasuredEventSink;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.ingest.ops.Readiness;
import io.devlogs.ingest.ops.ReadinessProbe;
import io.devlogs.ingest.ops.RequestIds;
import io.devlogs.ingest.ops.RequestLog;
import io.devlogs.ingest.tls.TlsConnector;
import io.devlogs.ingest.tls.TlsSettings;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: {@code POST /v1/logs} writes events to Kafka; {@code GET /healthz}, {@code
 * /readyz} and {@code /metrics} for operators.
 *
 * <p>Settings: {@code ingest.port}, {@code kafka.bootstrap-servers}, {@code kafka.raw-topic},
 * {@code postgres.url|user|password}, and {@code ingest.host} (bind address, default {@code
 * 0.0.0.0}); {@code ingest.send-timeout-ms} (longest wait for Kafka, default 5000), {@code
 * ingest.readiness-timeout-ms} (2000) and {@code ingest.readiness-cache-ms} (5000); rate limits in
 * {@link RateLimits}; HTTPS and mutual TLS with {@code ingest.tls.*} ({@link TlsSettings}).
 *
 * <p>Keys: {@code auth.key-cache-ttl-ms} bounds revocation (see {@link KeyAuthenticator}); the
 * admin API ({@link AdminApi}, and {@link DeadLetterReplayApi} which reads ClickHouse with {@code
 * clickhouse.url} and {@code ingest.clickhouse-user|password}) is served under {@code /v1/admin}.
 */
public final class IngestServer {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

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

    /** Default limits, the default Kafka send timeout, the system clock. */
    public static Dependencies of(Authenticator authenticator, EventSink sink) {
      return new Dependencies(
          authenticator,
          sink,
          IngestLimits.DEFAULT,
          KafkaEventSink.DEFAULT_SEND_TIMEOUT,
          Clock.systemUTC());
    }
  }

  private IngestServer() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment(args);
    int port = settings.getInt("ingest.port", 18080);
    String bootstrap = settings.get("kafka.bootstrap-servers", "127.0.0.1:19092");
    String topic = settings.get("kafka.raw-topic", "devlogs-raw");

    Duration sendTimeout =
        Duration.ofMillis(
            settings.getInt(
                "ingest.send-timeout-ms", (int) KafkaEventSink.DEFAULT_SEND_TIMEOUT.toMillis()));

    ProjectsDatabase projectsDatabase = ProjectsDatabase.connect(settings);
    ApiKeyStore keyStore = new ApiKeyStore(projectsDatabase);
    KafkaEventSink sink = KafkaEventSink.create(bootstrap, topic, sendTimeout);
    KeyAuthenticator keys = KeyAuthenticator.fromSettings(keyStore, settings);
    Readiness readiness = readiness(settings, bootstrap, topic, keyStore);
    Javalin app =
        createApp(
            new Dependencies(
                keys::authenticate,
                sink,
                IngestLimits.fromSettings(settings),
                sendTimeout,
                Clock.systemUTC()),
            Operability.of(RateLimits.fromSettings(settings), readiness));
    new AdminApi(
            new ProjectStore(projectsDatabase),
            keyStore,
            keys::authenticate,
            keys::invalidateAll,
            Clock.systemUTC())
        .register(app);
    new DeadLetterReplayApi(
            keys::authenticate,
            ClickHouseDeadLetterStore.fromSettings(settings),
            ReplayPlan.of(IngestLimits.fromSettings(settings)),
            sink,
            sendTimeout,
            Clock.systemUTC())
        .register(app);
    String host = settings.get("ingest.host", "0.0.0.0");
    Optional<TlsSettings> tls = TlsSettings.from(settings);
    tls.ifPresent(t -> TlsConnector.install(app.unsafeConfig(), t, host, port));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping ingest");
                  app.stop();
                  readiness.close();
                  sink.close();
                },
                "ingest-shutdown"));
    app.start(host, port);
    LOG.info(
        "Ingest listening on port {} ({}), writing to topic {} at {}",
        port,
        tls.map(t -> "HTTPS, " + t).orElse("HTTP"),
        topic,
        bootstrap);
  }

  /** Readiness: the raw topic answers, and the key store answers a lookup. */
  static Readiness readiness(Settings settings, String bootstrap, String topic, ApiKeyStore store) {
    Duration timeout = Duration.ofMillis(settings.getInt("ingest.readiness-timeout-ms", 2000));
    Duration cacheFor = Duration.ofMillis(settings.getInt("ingest.readiness-cache-ms", 5000));
    KafkaReadinessProbe kafka = new KafkaReadinessProbe(bootstrap, topic, timeout);
    ReadinessProbe keyStore = () -> store.authenticate("dl_readiness_probe");
    Map<String, ReadinessProbe> probes = new LinkedHashMap<>();
    probes.put("kafka", kafka);
    probes.put("keyStore", keyStore);
    return new Readiness(probes, cacheFor, kafka::close);
  }

  /** The app without rate limits, always ready; not started. */
  public static Javalin createApp(Dependencies deps) {
    return createApp(deps, Operability.unlimited());
  }

  /** The app with its routes, error mapping, request log and metrics; not started. */
  public static Javalin createApp(Dependencies deps, Operability ops) {
    LogsController logs =
        new LogsController(
            deps.authenticator(),
            new MeasuredEventSink(deps.sink(), ops.metrics()),
            deps.limits(),
            deps.sendTimeout(),
            deps.clock(),
            ops.rateLimiter());
    ObjectMapper mapper = new ObjectMapper();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.http.maxRequestSize = deps.limits().maxBodyBytes();
              ErrorResponses.installJettyHandler(config);
              config.requestLogger.http(
                  (ctx, ms) -> {
                    ops.metrics().request(ctx);
                    ops.requestLog().write(ctx, ms);
                  });
            });
    app.before(RequestIds::assign);
    app.post("/v1/logs", logs::ingest);
    app.post("/loki/api/v1/push", logs::pushLoki);
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    app.get("/readyz", ops.readiness()::handle);
    app.get("/metrics", ops.metrics()::scrape);

    ErrorResponses.register(app, LOG, (ctx, e) -> RequestLog.error(ctx, e.getMessage()));
    app.error(
        404,
        ctx -> {
          // Only for unknown paths: a handler's own 404 (e.g. an unknown key id) keeps its body.
          if (ctx.resultInputStream() == null) {
            ctx.json(
                ErrorBody.of(
                    ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
          }
        });
    return app;
  }
}
