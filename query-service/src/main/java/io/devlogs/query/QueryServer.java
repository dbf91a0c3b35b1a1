package io.devlogs.query;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.ErrorResponses;
import io.devlogs.http.Readiness;
import io.devlogs.http.ReadinessProbe;
import io.devlogs.ops.health.PipelineProbe;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.alerts.AlertsDeps;
import io.devlogs.query.alerts.AlertsRoutes;
import io.devlogs.query.alerts.notify.AlertNotifier;
import io.devlogs.query.alerts.notify.NotifierMetrics;
import io.devlogs.query.alerts.notify.NotifyOptions;
import io.devlogs.query.alerts.notify.TransitionNotifier;
import io.devlogs.query.boards.BoardsRoutes;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.deadletters.ClickHouseDeadLetters;
import io.devlogs.query.deadletters.DeadLettersController;
import io.devlogs.query.events.EventsController;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.DashboardFallback;
import io.devlogs.query.http.HealthController;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.http.SharedKeyLookups;
import io.devlogs.query.load.CachedRoute;
import io.devlogs.query.load.FrontDoor;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.load.RateLimitCheck;
import io.devlogs.query.load.ResultCache;
import io.devlogs.query.load.StoreGate;
import io.devlogs.query.logs.ClickHouseLogSearch;
import io.devlogs.query.logs.LogsController;
import io.devlogs.query.logs.SearchCursor;
import io.devlogs.query.loki.ClickHouseLokiStore;
import io.devlogs.query.loki.LokiRoutes;
import io.devlogs.query.members.MembersController;
import io.devlogs.query.members.OrganisationsController;
import io.devlogs.query.members.ProjectKeysController;
import io.devlogs.query.metrics.ClickHouseWindowTotals;
import io.devlogs.query.metrics.LogqlSeriesController;
import io.devlogs.query.metrics.MetricsController;
import io.devlogs.query.openapi.OpenApiController;
import io.devlogs.query.openapi.OpenApiDocument;
import io.devlogs.query.ops.MetricsEndpoint;
import io.devlogs.query.ops.QueryMetrics;
import io.devlogs.query.ops.Store;
import io.devlogs.query.patterns.ClickHousePatterns;
import io.devlogs.query.patterns.PatternsController;
import io.devlogs.query.recording.RecordingDeps;
import io.devlogs.query.recording.RecordingRoutes;
import io.devlogs.query.signin.CsrfCheck;
import io.devlogs.query.signin.InvitationsController;
import io.devlogs.query.signin.PeopleOptions;
import io.devlogs.query.signin.SignInController;
import io.devlogs.query.signin.SsoController;
import io.devlogs.query.status.CachedPipelineHealth;
import io.devlogs.query.status.ClickHouseProjectFreshness;
import io.devlogs.query.status.ProjectStatuses;
import io.devlogs.query.status.StatusController;
import io.devlogs.query.streams.CassandraStreamReader;
import io.devlogs.query.streams.MeasuredStreamReader;
import io.devlogs.query.streams.StreamCursors;
import io.devlogs.query.streams.StreamsController;
import io.devlogs.query.tail.TailEndpoint;
import io.devlogs.query.tail.TailHub;
import io.devlogs.query.tail.TailOptions;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query service: log search ({@code GET /v1/logs}, ClickHouse), stream retrieval ({@code GET
 * /v1/streams/{name}}, Cassandra), live tail ({@code WS /v1/tail}, Kafka), the project's dead
 * letters ({@code GET /v1/dead-letters}, ClickHouse), the project's data freshness and the
 * pipeline's health ({@code GET /v1/status}), Loki's read API for Grafana and logcli ({@code
 * /loki/api/v1/*}, {@link LokiRoutes}), {@code GET /healthz} (the process runs), {@code GET
 * /readyz} (ClickHouse and PostgreSQL answer), Prometheus metrics at {@code GET /metrics} ({@link
 * MetricsEndpoint}), and the dashboard at {@code /}.
 */
public final class QueryServer {
  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

  /** Classpath folder of the dashboard, packaged by the {@code web} module. */
  public static final String DASHBOARD_FOLDER = "/devlogs-web";

  /** How long the pipeline's health is reused across requests and projects. */
  static final Duration PIPELINE_HEALTH_MAX_AGE = Duration.ofSeconds(5);

  static final Duration PIPELINE_PROBE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READINESS_CACHE = Duration.ofSeconds(2);

  private static final String HANDLER_ERROR = "devlogs.handlerError";

  private QueryServer() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment(args);
    QueryOptions options = QueryOptions.from(settings);
    QueryMetrics metrics = new QueryMetrics();
    ProjectsDatabase projects = ProjectsDatabase.pooled(settings);
    ApiKeyStore keyStore = new ApiKeyStore(projects);
    KeyAuthenticator keys = KeyAuthenticator.fromSettings(keyStore, settings);
    PeopleDeps people =
        PeopleDeps.over(
            projects,
            keyStore,
            keys::invalidateAll,
            PeopleOptions.from(settings),
            Clock.systemUTC());
    ClickHouseReader clickHouse =
        new ClickHouseReader(
            ClickHouseReader.dataSource(
                options.clickhouseUrl(),
                options.clickhouseUser(),
                options.clickhousePassword(),
                options.clickhouseLimits()),
            options.clickhouseLimits(),
            metrics.storeTimer(Store.CLICKHOUSE));
    ClickHouseLogSearch logSearch = new ClickHouseLogSearch(clickHouse);
    CassandraStreamReader streams =
        new CassandraStreamReader(
            CassandraStreamReader.connector(
                options.cassandraContactPoints(),
                options.cassandraDatacenter(),
                options.cassandraKeyspace()));
    TailHub tail = TailHub.overKafka(TailOptions.from(settings));

    ClickHouseWindowTotals windowTotals = new ClickHouseWindowTotals(clickHouse);
    ResultCache resultCache = QueryLoad.cacheOf(options.load().cache());
    LOG.info("query results cache: {}", options.load().cache().kind());
    ClickHouseDeadLetters deadLetters = new ClickHouseDeadLetters(clickHouse);
    PipelineProbe pipelineProbe = PipelineProbe.fromSettings(settings, PIPELINE_PROBE_TIMEOUT);
    CachedPipelineHealth pipeline =
        new CachedPipelineHealth(pipelineProbe::probe, PIPELINE_HEALTH_MAX_AGE);

    NotifyOptions notify = NotifyOptions.from(settings);
    AlertsDeps alerts = AlertsDeps.over(projects::connection, notify.deliveries(Clock.systemUTC()));
    AlertNotifier notifier = notifier(notify, alerts, metrics);

    QueryLoad load = QueryLoad.of(options.load(), resultCache, Clock.systemUTC(), metrics);
    metrics.gauge(
        "devlogs_query_in_flight_requests",
        "Requests inside the process now, counted by the front door (query.max-in-flight-requests)",
        load.frontDoor()::inFlight);
    metrics.gauge(
        "devlogs_query_in_flight_limit",
        "The front door's adaptive limit of requests inside the process now, at most"
            + " query.max-in-flight-requests",
        load.frontDoor()::limit);
    metrics.gauge(
        "devlogs_query_store_queries_running",
        "Store queries running now (query.max-concurrent-store-queries)",
        load.storeGate()::running);
    metrics.gauge(
        "devlogs_query_store_queries_waiting",
        "Requests waiting for a store-query slot now (query.store-queue)",
        load.storeGate()::waiting);
    Javalin app =
        createApp(
            new QueryDeps(
                new SharedKeyLookups(keys::authenticate),
                logSearch,
                CursorSeal.fromSetting(options.cursorSecret()),
                new MeasuredStreamReader(streams, metrics.storeTimer(Store.CASSANDRA)),
                windowTotals,
                deadLetters,
                tail,
                Clock.systemUTC(),
                load,
                new ProjectStatuses(
                    pipeline,
                    new ClickHouseProjectFreshness(clickHouse),
                    deadLetters,
                    options.statusBounds(),
                    Clock.systemUTC()),
                readiness(clickHouse, keyStore),
                metrics,
                new ClickHousePatterns(clickHouse),
                new ClickHouseLokiStore(clickHouse)),
            people,
            alerts,
            RecordingDeps.over(projects::connection, clickHouse));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  if (notifier != null) {
                    notifier.close();
                  }
                  tail.close();
                  streams.close();
                  pipeline.close();
                  pipelineProbe.close();
                  projects.close();
                },
                "query-service-shutdown"));
    app.start(options.host(), options.port());
    LOG.info("query service listening on http://{}:{}/", options.host(), options.port());
  }

  /** The alert notifier, started; null when {@code notify.enabled} is false. */
  private static AlertNotifier notifier(
      NotifyOptions options, AlertsDeps alerts, QueryMetrics metrics) {
    if (!options.enabled()) {
      LOG.info("alert notifications are off on this instance (notify.enabled=false)");
      return null;
    }
    NotifierMetrics notifierMetrics = new NotifierMetrics(metrics.registry());
    return new AlertNotifier(
            options,
            new TransitionNotifier(
                alerts.notifications(),
                alerts.deliveries(),
                options.retries(),
                TransitionNotifier.Pause.SLEEP,
                notifierMetrics),
            notifierMetrics)
        .start();
  }

  /** Readiness: ClickHouse answers a query and the key store a lookup. */
  public static Readiness readiness(ClickHouseReader clickHouse, ApiKeyStore keyStore) {
    Map<String, ReadinessProbe> probes = new LinkedHashMap<>();
    probes.put("clickhouse", clickHouse::ping);
    probes.put("keyStore", () -> keyStore.authenticate("dl_readiness_probe"));
    return new Readiness(probes, READINESS_CACHE, () -> {});
  }

  /**
   * The HTTP app without people (sessions are never valid, people routes answer 503) and without a
   * database of alerts (its routes answer 503), not started; handler tests of the data routes run
   * it with {@code JavalinTest}.
   */
  public static Javalin createApp(QueryDeps deps) {
    return createApp(deps, PeopleDeps.unconfigured(), AlertsDeps.unavailable());
  }

  /** The HTTP app without a database of recording rules (its routes answer 503), not started. */
  public static Javalin createApp(QueryDeps deps, PeopleDeps people, AlertsDeps alerts) {
    return createApp(deps, people, alerts, RecordingDeps.unavailable());
  }

  /** The HTTP app, not started; tests run it with {@code JavalinTest}. */
  public static Javalin createApp(
      QueryDeps deps, PeopleDeps people, AlertsDeps alerts, RecordingDeps recording) {
    QueryMetrics operatorMetrics = deps.metrics();
    operatorMetrics.observeTail(deps.tail()::stats);
    FrontDoor frontDoor = deps.load().frontDoor();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              frontDoor.install(config);
              config.requestLogger.http(operatorMetrics::request);
              config.jsonMapper(new JavalinJackson(JsonMapping.objectMapper(), false));
              ErrorResponses.installJettyHandler(config);
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = DASHBOARD_FOLDER;
                    files.location = Location.CLASSPATH;
                  });
            });

    HealthController health = new HealthController();
    LogsController logs =
        new LogsController(deps.logSearch(), new SearchCursor(deps.cursorSeal()), deps.clock());
    EventsController events = new EventsController(deps.logSearch(), deps.clock());
    StreamsController streams =
        new StreamsController(deps.streams(), deps.clock(), new StreamCursors(deps.cursorSeal()));
    MetricsController metrics = new MetricsController(deps.windowTotals(), deps.clock());
    LogqlSeriesController logqlSeries = new LogqlSeriesController(deps.logSearch(), deps.clock());
    DeadLettersController deadLetters =
        new DeadLettersController(
            deps.deadLetters(), new SearchCursor(deps.cursorSeal()), deps.clock());
    OpenApiController openApi = new OpenApiController(OpenApiDocument.load());
    StatusController status = new StatusController(deps.status());

    QueryLoad load = deps.load();
    StoreGate gate = load.storeGate();
    CachedRoute cache = load.cache();
    app.beforeMatched("/v1/*", new CsrfCheck(people.options().publicOrigin()));
    app.beforeMatched("/v1/*", new Authentication(deps.keys(), people.sessionLookup()));
    DashboardFallback dashboardRoutes = new DashboardFallback(DASHBOARD_FOLDER);
    app.beforeMatched("/v1/*", new RateLimitCheck(load.rateLimiter(), "/v1/tail"));
    app.get("/healthz", health::health);
    app.get("/metrics", new MetricsEndpoint(operatorMetrics, dashboardRoutes)::serve);
    app.get("/readyz", deps.readiness()::handle);
    app.get("/openapi.json", openApi::serve);
    app.get("/v1/logs", cache.around(gate.around(logs::search)));
    app.get("/v1/logs/histogram", cache.around(gate.around(logs::histogram)));
    app.get("/v1/logs/facets", cache.around(gate.around(logs::facets)));
    app.get("/v1/logs/export", gate.around(logs::export));
    app.get("/v1/fields", cache.around(gate.around(logs::fields)));
    app.get("/v1/logql/series", cache.around(gate.around(logqlSeries::series)));
    app.get("/v1/events/{id}", gate.around(events::get));
    app.get("/v1/streams/{name}", gate.around(streams::read));
    app.get("/v1/metrics/series", cache.aroundWindows(gate.around(metrics::series)));
    app.get("/v1/metrics/top", cache.aroundWindows(gate.around(metrics::top)));
    app.get(
        "/v1/patterns",
        cache.around(gate.around(new PatternsController(deps.patterns(), deps.clock())::list)));
    app.get("/v1/dead-letters", gate.around(deadLetters::list));
    app.get("/v1/dead-letters/counts", cache.around(gate.around(deadLetters::counts)));
    // Not cached: the banner must see a stopped job at once; the pipeline's part is cached inside.
    app.get("/v1/status", gate.around(status::status));
    registerPeopleRoutes(app, people, deps.keys());
    AlertsRoutes.register(
        app, alerts, deps.logSearch(), recording.derivedMetrics(), gate, deps.clock());
    RecordingRoutes.register(app, recording, gate, deps.clock());
    BoardsRoutes.register(app, deps, people);
    app.ws(
        "/v1/tail", new TailEndpoint(deps.keys(), deps.tail(), people.sessionLookup())::configure);
    app.get("/v1/tail", TailEndpoint::upgradeRequired);
    LokiRoutes.register(app, deps);

    app.exception(
        BackendException.class,
        (e, ctx) -> {
          LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
          ErrorResponses.send(
              ctx,
              ApiException.unavailable(e.backend(), e.backend() + " did not answer; retry later"));
        });
    ErrorResponses.register(app, LOG, (ctx, e) -> {});
    // A 404 a handler answered (no such member, key, event...) keeps its own body.
    app.exception(
        ApiException.class,
        (e, ctx) -> {
          ErrorResponses.send(ctx, e);
          ctx.attribute(HANDLER_ERROR, e.error());
        });
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          if (ctx.attribute(HANDLER_ERROR) != null) {
            return;
          }
          if (ctx.path().startsWith("/v1/")) {
            ctx.json(ErrorBody.of(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.path()));
          } else if (ctx.path().startsWith("/loki/")) {
            LokiRoutes.notFound(ctx);
          } else {
            dashboardRoutes.serve(ctx);
          }
        });
    return app;
  }

  /** Sign-in, sessions, invitations, single sign-on, members, keys, organisations (issue 18). */
  private static void registerPeopleRoutes(Javalin app, PeopleDeps people, QueryKeys keys) {
    SignInController signIn = new SignInController(people);
    SsoController sso = new SsoController(people);
    InvitationsController invitations = new InvitationsController(people);
    MembersController members = new MembersController(people);
    ProjectKeysController projectKeys = new ProjectKeysController(people);
    OrganisationsController organisations = new OrganisationsController(people, keys);
    app.post("/v1/auth/sign-in", signIn::signIn);
    app.get("/v1/auth/session", signIn::session);
    app.put("/v1/auth/session", signIn::chooseProject);
    app.post("/v1/auth/sign-out", signIn::signOut);
    app.post("/v1/auth/sign-out-everywhere", signIn::signOutEverywhere);
    app.get("/v1/auth/sso/start", sso::start);
    app.get("/v1/auth/sso/callback", sso::callback);
    app.get("/v1/invitations/{token}", invitations::show);
    app.post("/v1/invitations/{token}/accept", invitations::accept);
    app.get("/v1/project/members", members::list);
    app.put("/v1/project/members/{userId}", members::setRole);
    app.delete("/v1/project/members/{userId}", members::remove);
    app.get("/v1/project/invitations", members::invitations);
    app.post("/v1/project/invitations", members::invite);
    app.get("/v1/project/keys", projectKeys::list);
    app.post("/v1/project/keys", projectKeys::issue);
    app.delete("/v1/project/keys/{keyId}", projectKeys::revoke);
    app.get("/v1/organisations", organisations::mine);
    app.get("/v1/organisations/{organisationId}/audit", organisations::audit);
    app.post("/v1/operator/organisations", organisations::create);
  }
}
