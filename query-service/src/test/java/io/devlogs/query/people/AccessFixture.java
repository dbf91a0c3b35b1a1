package io.devlogs.query.people;

import io.devlogs.query.QueryDeps;
import io.devlogs.query.people.PeopleFixture.Org;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.testing.LocalStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the access ITs share: this branch's service with people on the stack ({@link PeopleApp}, no
 * address lockout so the matrix's many refusals lock nobody out), organisations A and B made as
 * people make them ({@link PeopleFixture}), one ERROR event in each one's first project, and A's
 * people by role. Close it after the tests.
 */
final class AccessFixture implements AutoCloseable {
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final PeopleApp app;
  final PeopleFixture people;

  /** A caller of the matrix: a person's browser, named by role. */
  record Caller(String name, Browser browser) {}

  /**
   * @param settings {@code people.*} keys over the defaults and the lockout's
   * @param service the service of the two events
   * @param eventOfA the id and message of A's event; {@code eventOfB} B's
   */
  AccessFixture(
      LocalStack stack,
      int port,
      Map<String, String> settings,
      UnaryOperator<QueryDeps> replaceDeps,
      String service,
      List<String> eventOfA,
      List<String> eventOfB) {
    Map<String, String> values = new HashMap<>(settings);
    values.putIfAbsent("people.lockout.address-failures", "100000");
    this.app = new PeopleApp(stack, port, values, replaceDeps);
    this.people = new PeopleFixture(app);
    new ClickHouseRows(stack.settings())
        .insert(
            List.of(
                event(people.a.first().id(), service, eventOfA),
                event(people.b.first().id(), service, eventOfB)));
  }

  private EventRow event(String projectId, String service, List<String> idAndMessage) {
    return new EventRow(
        projectId,
        idAndMessage.get(0),
        now.minusSeconds(30),
        "ERROR",
        service,
        "run",
        idAndMessage.get(1),
        Map.of());
  }

  /** Owner, admin, editor and viewer of A, in that order. */
  List<Caller> callersOfA() {
    Org a = people.a;
    return List.of(
        new Caller("owner", a.owner().browser()),
        new Caller("admin", a.admin().browser()),
        new Caller("editor", a.editor().browser()),
        new Caller("viewer", a.viewer().browser()));
  }

  @Override
  public void close() {
    app.close();
  }
}
