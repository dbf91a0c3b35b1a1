package io.devlogs.query.people;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.alerts.AlertsDeps;
import io.devlogs.query.signin.PeopleOptions;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The query service of this branch with people (and alerts), on the stack's PostgreSQL and
 * ClickHouse, started on a fixed port of this work's range (23000-23099: OIDC redirect URIs name
 * it), with a clock the test moves. Close it after the test.
 */
final class PeopleApp implements AutoCloseable {
  final LocalStack stack;
  final ProjectsDatabase database;
  final ApiKeyStore keyStore;
  final MutableClock clock = new MutableClock(Instant.now());
  final PeopleDeps people;
  final Javalin app;
  final String origin;

  /** {@code peopleSettings}: {@code people.*} keys over the defaults. */
  PeopleApp(LocalStack stack, int port, Map<String, String> peopleSettings) {
    this(stack, port, peopleSettings, UnaryOperator.identity());
  }

  /** {@code replaceDeps}: parts of the stack's deps to replace (a stream store, say). */
  PeopleApp(
      LocalStack stack,
      int port,
      Map<String, String> peopleSettings,
      UnaryOperator<QueryDeps> replaceDeps) {
    this.stack = stack;
    this.database = ProjectsDatabase.connect(stack.settings());
    this.keyStore = new ApiKeyStore(database);
    Map<String, String> values = new HashMap<>(peopleSettings);
    this.people =
        PeopleDeps.over(
            database, keyStore, () -> {}, PeopleOptions.from(Settings.of(values)), clock);
    this.app =
        QueryServer.createApp(
            replaceDeps.apply(LocalQueryApp.deps(stack.settings(), keyStore)),
            people,
            AlertsDeps.over(database::openConnection, Map.of()));
    app.start("127.0.0.1", port);
    this.origin = "http://127.0.0.1:" + port;
  }

  Browser browser() {
    return new Browser(origin);
  }

  @Override
  public void close() {
    app.stop();
  }
}
