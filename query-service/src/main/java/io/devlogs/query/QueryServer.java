package io.devlogs.query;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.ErrorResponses;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectsDatabase;
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
import io.devlogs.query.logs.ClickHouseLogSearch;
import io.devlogs.query.logs.LogsController;
import io.devlogs.query.logs.SearchCursor;
import io.devlogs.query.metrics.ClickHouseWindowTotals;
import io.devlogs.query.metrics.MetricsController;
import io.devlogs.query.openapi.OpenApiController;
import io.devlogs.query.openapi.OpenApiDocument;
import io.devlogs.query.patterns.ClickHousePatterns;
import io.devlogs.query.patterns.PatternsController;
import io.devlogs.query.streams.CassandraStreamReader;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query service: log search ({@code GET /v1/logs}, ClickHouse), stream retrieval ({@code GET
 * /v1/streams/{name}}, Cassandra), live tail ({@code WS /v1/tail}, Kafka), the project's dead
 * letters ({@code GET /v1/dead-letters}, ClickHouse), {@code GET /healthz}, and the dashboard at
 * {@code /}.
 */
public final class QueryServer {
  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

  /** Classpath folder of the dashboard, packaged by the {@code web} module. */
  public static final String DASHBOARD_FOLDER = "/devlogs-web";

  private QueryServer() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment(args);
    QueryOptions options = QueryOptions.from(settings);
    KeyAuthenticator keys =
        KeyAuthenticator.fromSettings(
            new ApiKeyStore(ProjectsDatabase.connect(settings)), settings);
    ClickHouseReader clickHouse =
        new ClickHouseReader(
            ClickHouseReader.dataSource(
                options.clickhouseUrl(),
                options.clickhouseUser(),
                options.clickhousePassword(),
                options.clickhouseLimits()),
            options.clickhouseLimits());
    ClickHouseLogSearch logSearch = new ClickHouseLogSearch(clickHouse);
    CassandraStreamReader streams =
        new CassandraStreamReader(
            CassandraStreamReader.connector(
                options.cassandraContactPoints(),
                options.cassandraDatacenter(),
                options.cassandraKeyspace()));
    TailHub tail = TailHub.overKafka(TailOptions.from(settings));

    ClickHouseWindowTotals windowTotals = new ClickHouseWindowTotals(clickHouse);

    Javalin app =
        createApp(
            new QueryDeps(
                keys::authenticate,
                logSearch,
                CursorSeal.fromSetting(options.cursorSecret()),
                streams,
                windowTotals,
                new ClickHouseDeadLetters(clickHouse),
                tail,
                Clock.systemUTC(),
                new ClickHousePatterns(clickHouse)));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  tail.close();
                  streams.close();
                },
                "query-service-shutdown"));
    app.start(options.host(), options.port());
    LOG.info("query service listening on http://{}:{}/", options.host(), options.port());
  }

  /** The HTTP app, not started; tests run it with {@code JavalinTest}. */
  public static Javalin createApp(QueryDeps deps) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
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
    DeadLettersController deadLetters =
        new DeadLettersController(
            deps.deadLetters(), new SearchCursor(deps.cursorSeal()), deps.clock());
    OpenApiController openApi = new OpenApiController(OpenApiDocument.load());

    app.beforeMatched("/v1/*", new Authentication(deps.keys()));
    app.get("/healthz", health::health);
    app.get("/openapi.json", openApi::serve);
    app.get("/v1/logs", logs::search);
    app.get("/v1/logs/histogram", logs::histogram);
    app.get("/v1/logs/facets", logs::facets);
    app.get("/v1/logs/export", logs::export);
    app.get("/v1/events/{id}", events::get);
    app.get("/v1/streams/{name}", streams::read);
    app.get("/v1/metrics/series", metrics::series);
    app.get("/v1/metrics/top", metrics::top);
    app.get("/v1/patterns", new PatternsController(deps.patterns(), deps.clock())::list);
    app.get("/v1/dead-letters", deadLetters::list);
    app.get("/v1/dead-letters/counts", deadLetters::counts);
    app.ws("/v1/tail", new TailEndpoint(deps.keys(), deps.tail())::configure);
    app.get("/v1/tail", TailEndpoint::upgradeRequired);

    app.exception(
        BackendException.class,
        (e, ctx) -> {
          LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
          ErrorResponses.send(
              ctx,
              ApiException.unavailable(e.backend(), e.backend() + " did not answer; retry later"));
        });
    ErrorResponses.register(app, LOG, (ctx, e) -> {});
    DashboardFallback dashboardRoutes = new DashboardFallback(DASHBOARD_FOLDER);
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          if (ctx.path().startsWith("/v1/")) {
            ctx.json(ErrorBody.of(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.path()));
          } else {
            dashboardRoutes.serve(ctx);
          }
        });
    return app;
  }
}
