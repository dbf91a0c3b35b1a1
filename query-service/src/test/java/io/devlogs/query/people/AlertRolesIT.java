package io.devlogs.query.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.people.PeopleFixture.Org;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerts routes follow the people's roles on the real stack: every role of organisation A reads
 * its project's rules, editors and above change rules and silences, admins and above receivers; B's
 * rule ids answer A's people as a missing id; a session's change without its CSRF token is refused.
 * Each cell's expected status is written out; the test reports every cell that differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class AlertRolesIT {
  /** A port of this work's range (26200-26299). */
  private static final int PORT = 26220;

  private static final Map<String, Object> RULE =
      Map.of(
          "name",
          "declines",
          "kind",
          "match_count",
          "definition",
          Map.of(
              "filter",
              Map.of("service", "pay"),
              "window_seconds",
              300,
              "op",
              ">",
              "threshold",
              10));

  private final LocalStack stack;
  private PeopleApp app;
  private PeopleFixture fixture;

  AlertRolesIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void setUp() {
    app = new PeopleApp(stack, PORT, Map.of("people.lockout.address-failures", "100000"));
    fixture = new PeopleFixture(app);
  }

  @AfterAll
  void tearDown() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void alertRoutesFollowTheRoles() {
    Org a = fixture.a;
    Browser ownerOfA = a.owner().browser();
    String ruleOfA = created(ownerOfA.post("/v1/alerts/rules", RULE));
    String ruleOfB = created(fixture.b.owner().browser().post("/v1/alerts/rules", RULE));

    Map<String, Function<Browser, Browser.Answer>> routes = new LinkedHashMap<>();
    routes.put("GET rules", br -> br.get("/v1/alerts/rules"));
    routes.put("GET A's rule", br -> br.get("/v1/alerts/rules/" + ruleOfA));
    routes.put("POST rule", br -> br.post("/v1/alerts/rules", RULE));
    routes.put("PUT A's rule", br -> br.put("/v1/alerts/rules/" + ruleOfA, RULE));
    routes.put("mute A's rule", br -> br.post("/v1/alerts/rules/" + ruleOfA + "/disable", null));
    routes.put("GET B's rule", br -> br.get("/v1/alerts/rules/" + ruleOfB));
    routes.put("PUT B's rule", br -> br.put("/v1/alerts/rules/" + ruleOfB, RULE));
    routes.put("DELETE B's rule", br -> br.delete("/v1/alerts/rules/" + ruleOfB));
    routes.put("GET B's history", br -> br.get("/v1/alerts/rules/" + ruleOfB + "/history"));
    routes.put(
        "POST silence",
        br -> br.post("/v1/alerts/silences", Map.of("ruleId", ruleOfA, "durationSeconds", 60)));
    routes.put(
        "POST receiver",
        br ->
            br.post(
                "/v1/alerts/receivers",
                Map.of("name", "hook", "kind", "webhook", "target", "http://127.0.0.1:9/")));
    routes.put("GET receivers", br -> br.get("/v1/alerts/receivers"));

    // Expected status per route, for owner, admin, editor, viewer of A (in that order).
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("GET rules", List.of(200, 200, 200, 200));
    expected.put("GET A's rule", List.of(200, 200, 200, 200));
    expected.put("POST rule", List.of(201, 201, 201, 403));
    expected.put("PUT A's rule", List.of(200, 200, 200, 403));
    expected.put("mute A's rule", List.of(200, 200, 200, 403));
    expected.put("GET B's rule", List.of(404, 404, 404, 404));
    expected.put("PUT B's rule", List.of(404, 404, 404, 403));
    expected.put("DELETE B's rule", List.of(404, 404, 404, 403));
    expected.put("GET B's history", List.of(404, 404, 404, 404));
    expected.put("POST silence", List.of(201, 201, 201, 403));
    expected.put("POST receiver", List.of(201, 201, 403, 403));
    expected.put("GET receivers", List.of(200, 200, 200, 200));

    List<String> wrong = new ArrayList<>();
    List<Browser> callers =
        List.of(
            a.owner().browser(), a.admin().browser(), a.editor().browser(), a.viewer().browser());
    List<String> names = List.of("owner", "admin", "editor", "viewer");
    for (Map.Entry<String, Function<Browser, Browser.Answer>> route : routes.entrySet()) {
      for (int i = 0; i < callers.size(); i++) {
        Browser.Answer answer = route.getValue().apply(callers.get(i));
        int want = expected.get(route.getKey()).get(i);
        if (answer.status() != want) {
          wrong.add(
              names.get(i) + " " + route.getKey() + " -> " + answer + " (expected " + want + ")");
        }
      }
    }
    assertThat(wrong).isEmpty();

    // The refusal names the role needed; B's rule is untouched.
    Browser.Answer refused = a.viewer().browser().post("/v1/alerts/rules", RULE);
    assertThat(refused.json().at("/detail/requiredRole").asText()).isEqualTo("editor");
    assertThat(refused.json().at("/detail/role").asText()).isEqualTo("viewer");
    Browser.Answer bRule = fixture.b.owner().browser().get("/v1/alerts/rules/" + ruleOfB);
    assertThat(bRule.status()).isEqualTo(200);
    assertThat(bRule.json().path("version").asLong()).isEqualTo(1);
  }

  @Test
  void aSessionsChangeWithoutItsCsrfTokenIsRefused() {
    Browser editor = fixture.a.editor().browser();
    Browser.Answer withoutToken =
        editor.send("POST", app.origin + "/v1/alerts/rules", RULE, Map.of());
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withoutToken.json().at("/detail/check").asText()).isEqualTo("csrfToken");
    Browser.Answer otherOrigin =
        editor.send(
            "POST", app.origin + "/v1/alerts/rules", RULE, Map.of("Origin", "https://evil.test"));
    assertThat(otherOrigin.status()).isEqualTo(403);
    assertThat(otherOrigin.json().at("/detail/check").asText()).isEqualTo("origin");
  }

  private static String created(Browser.Answer answer) {
    assertThat(answer.status()).as("rule created: %s", answer).isEqualTo(201);
    return answer.json().path("id").asText();
  }
}
