package io.devlogs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.ErrorResponses;
import io.devlogs.http.Readiness;
import io.devlogs.http.ReadinessProbe;
import io.devlogs.ingest.admin.AdminApi;
import io.devlogs.ingest.admin.DeadLetterReplayApi;
import io.devlogs.ingest.deadletters.ClickHouseDeadLetterStore;
import io.devlogs.ingest.deadletters.ReplayPlan;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.ingest.logs.BatchSender;
import io.devlogs.ingest.logs.BodyReader;
import io.devlogs.ingest.logs.CallerAuthenticator;
import io.devlogs.ingest.logs.LogsRoute;
import io.devlogs.ingest.logs.PushDecoder;
import io.devlogs.ingest.logs.PushRateLimit;
import io.devlogs.ingest.ops.KafkaReadinessProbe;
import io.devlogs.ingest.ops.MeasuredEventSink;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.ingest.ops.RequestIds;
import io.devlogs.ingest.ops.RequestLog;
import io.devlogs.ingest.tls.TlsConnector;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.PostgresKeys;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: {@code POST /v1/logs} and {@code POST /loki/api/v1/push} write events to
 * Kafka; the admin API manages a project's keys and replays its dead letters; {@code GET /healthz},
 * {@code /readyz} and {@code /metrics} are for operators. Its settings are read once, into {@link
 * IngestOptions}; the key cache's ({@code auth.*}) by {@link KeyAuthenticator}.
 */
public final class IngestServer {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  private IngestServer() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment(args);
    IngestOptions options = IngestOptions.from(settings);
    ProjectsDatabase projects = options.postgres().pooled(settings.get(PostgresKeys.POOL_SIZE));
    ApiKeyStore keyStore = new ApiKeyStore(projects);
    KafkaEventSink sink = KafkaEventSink.create(options.kafka());
    KeyAuthenticator keys = KeyAuthenticator.fromSettings(keyStore, settings);
    Readiness readiness = readiness(options, keyStore, sink);
    Javalin app =
        createApp(
            options,
            new IngestDeps(
                keys::authenticate,
                keys::invalidateAll,
                projects,
                sink,
                new ClickHouseDeadLetterStore(options.deadLetters()),
                Operability.of(options.rateLimits(), readiness),
                Clock.systemUTC()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping ingest");
                  app.stop();
                  readiness.close();
                  sink.close();
                  projects.close();
                },
                "ingest-shutdown"));
    app.start(options.host(), options.port());
    LOG.info(
        "Ingest listening on port {} ({}), writing to topic {} at {}",
        options.port(),
        options.tls().map(t -> "HTTPS, " + t).orElse("HTTP"),
        options.kafka().rawTopic(),
        options.kafka().bootstrapServers());
  }

  /**
   * Readiness: the raw topic answers, the producer's latest send did not fail (it may have lost its
   * brokers or been fenced while the topic still answers), and the key store answers a lookup.
   */
  static Readiness readiness(IngestOptions options, ApiKeyStore store, KafkaEventSink sink) {
    KafkaReadinessProbe kafka =
        new KafkaReadinessProbe(
            options.kafka().bootstrapServers(),
            options.kafka().rawTopic(),
            options.readiness().timeout());
    ReadinessProbe keyStore = () -> store.authenticate("dl_readiness_probe");
    Map<String, ReadinessProbe> probes = new LinkedHashMap<>();
    probes.put("kafka", kafka);
    probes.put("kafkaProducer", sink::checkUsable);
    probes.put("keyStore", keyStore);
    return new Readiness(probes, options.readiness().cacheFor(), kafka::close);
  }

  /**
   * The app with every route, error mapping, request log and metrics, and the HTTPS connector when
   * the options have TLS; not started. Tests run it with {@code JavalinTest}.
   */
  public static Javalin createApp(IngestOptions options, IngestDeps deps) {
    Operability ops = deps.ops();
    LogsRoute logs =
        new LogsRoute(
            new CallerAuthenticator(deps.keys()),
            new BodyReader(options.limits().maxBodyBytes()),
            new PushDecoder(options.limits()),
            new PushRateLimit(ops.rateLimiter()),
            new BatchSender(
                new MeasuredEventSink(deps.sink(), ops.metrics()), options.sendTimeout()),
            deps.clock());
    AdminApi admin =
        new AdminApi(
            new ProjectStore(deps.projects()),
            new ApiKeyStore(deps.projects(), options.maxLiveKeysPerProject()),
            deps.keys(),
            deps.onKeyRevoked(),
            deps.clock());
    // Replays are not client traffic: they bypass the ingest metrics.
    DeadLetterReplayApi replay =
        new DeadLetterReplayApi(
            deps.keys(),
            deps.deadLetters(),
            ReplayPlan.of(options.limits()),
            deps.sink(),
            options.sendTimeout(),
            deps.clock());
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
              config.http.maxRequestSize = options.limits().maxBodyBytes();
              ErrorResponses.installJettyHandler(config);
              config.requestLogger.http(
                  (ctx, ms) -> {
                    ops.metrics().request(ctx);
                    ops.requestLog().write(ctx, ms);
                  });
              options
                  .tls()
                  .ifPresent(
                      tls -> TlsConnector.install(config, tls, options.host(), options.port()));
            });
    app.before(RequestIds::assign);
    app.post("/v1/logs", logs::pushLogs);
    app.post("/loki/api/v1/push", logs::pushLoki);
    app.post("/v1/admin/projects", admin::createProject);
    app.post("/v1/admin/keys", admin::issueKey);
    app.get("/v1/admin/keys", admin::listKeys);
    app.delete("/v1/admin/keys/{id}", admin::revokeKey);
    app.post(DeadLetterReplayApi.PATH, replay::replay);
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
