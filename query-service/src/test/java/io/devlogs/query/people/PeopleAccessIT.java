package io.devlogs.query.people;

import static io.devlogs.query.support.QueryApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.people.AccessFixture.Caller;
import io.devlogs.query.people.PeopleFixture.Org;
import io.devlogs.query.people.PeopleFixture.Person;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The access matrix on the real stack: every role of organisation A (owner, admin, editor, viewer),
 * B's owner, an API key and nobody, on every data route and every people route, on their own
 * project and organisation and on the other's, including ids of B's keys, members and audit log
 * guessed by A's people. Each cell's expected status is written out; the test reports every cell
 * that differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class PeopleAccessIT {
  private static final int PORT = 23001;

  private final LocalStack stack;
  private AccessFixture access;
  private PeopleApp app;
  private PeopleFixture fixture;
  private String range;

  PeopleAccessIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void setUp() {
    access =
        new AccessFixture(
            stack,
            PORT,
            Map.of(),
            UnaryOperator.identity(),
            "api",
            List.of("people-a1", "A1 event"),
            List.of("people-b1", "B1 secret"));
    app = access.app;
    fixture = access.people;
    Instant now = access.now;
    range = "from=" + enc(now.minusSeconds(3600)) + "&to=" + enc(now.plusSeconds(60));
  }

  @AfterAll
  void tearDown() {
    if (access != null) {
      access.close();
    }
  }

  private List<Caller> callersOfA() {
    return access.callersOfA();
  }

  @Test
  void everyRoleReadsItsProjectsDataAndNothingElse() {
    List<String> routes =
        List.of(
            "/v1/logs?" + range,
            "/v1/logs/histogram?" + range,
            "/v1/logs/facets?" + range,
            "/v1/metrics/series?" + range,
            "/v1/metrics/top?" + range,
            "/v1/dead-letters?" + range,
            "/v1/dead-letters/counts?" + range);
    List<String> wrong = new ArrayList<>();
    List<Caller> callers = new ArrayList<>(callersOfA());
    callers.add(new Caller("owner of B", fixture.b.owner().browser()));
    for (Caller caller : callers) {
      for (String route : routes) {
        Browser.Answer answer = caller.browser().get(route);
        if (answer.status() != 200) {
          wrong.add(caller.name() + " GET " + route + " -> " + answer);
        }
      }
    }
    Browser nobody = app.browser();
    for (String route : routes) {
      Browser.Answer answer = nobody.get(route);
      if (answer.status() != 401 || !answer.error().equals("missing_key")) {
        wrong.add("nobody GET " + route + " -> " + answer);
      }
    }
    assertThat(wrong).isEmpty();

    // The project is the session's: A's people see A1's event, B's owner B1's, never the other.
    assertThat(messages(fixture.a.viewer().browser()))
        .contains("A1 event")
        .doesNotContain("B1 secret");
    assertThat(messages(fixture.b.owner().browser()))
        .contains("B1 secret")
        .doesNotContain("A1 event");
  }

  private List<String> messages(Browser browser) {
    JsonNode events = browser.get("/v1/logs?" + range + "&service=api").json().path("events");
    List<String> messages = new ArrayList<>();
    events.forEach(e -> messages.add(e.path("message").asText()));
    return messages;
  }

  @Test
  void aProjectOfAnotherOrganisationCannotBeChosenNorOneWithoutARole() {
    Org a = fixture.a;
    Org b = fixture.b;
    for (Caller caller : callersOfA()) {
      Browser.Answer other =
          caller.browser().put("/v1/auth/session", Map.of("projectId", b.first().id()));
      assertThat(other.status()).as("%s choosing B1: %s", caller.name(), other).isEqualTo(404);
    }
    // The viewer has a role on A1 only; the owner's organisation-wide role covers A2.
    Browser.Answer viewerOnA2 =
        a.viewer().browser().put("/v1/auth/session", Map.of("projectId", a.second().id()));
    assertThat(viewerOnA2.status()).isEqualTo(404);
    Browser.Answer ownerOnA2 =
        a.owner().browser().put("/v1/auth/session", Map.of("projectId", a.second().id()));
    a.owner().browser().choose(a.first().id());
    assertThat(ownerOnA2.status()).isEqualTo(200);
    assertThat(ownerOnA2.json().at("/project/role").asText()).isEqualTo("owner");
    // A request body cannot name another project: the session's stays.
    Browser.Answer withBody =
        a.viewer().browser().get("/v1/logs?" + range + "&project=" + b.first().id());
    assertThat(withBody.status()).isEqualTo(400);
  }

  @Test
  void peopleRoutesFollowTheRoles() {
    Org a = fixture.a;
    Org b = fixture.b;
    String bKeyId = b.owner().browser().get("/v1/project/keys").json().at("/keys/0/id").asText();
    assertThat(bKeyId).isNotEmpty();
    Map<String, Function<Browser, Browser.Answer>> routes = new LinkedHashMap<>();
    routes.put("GET members", br -> br.get("/v1/project/members"));
    routes.put("GET keys", br -> br.get("/v1/project/keys"));
    routes.put("POST key", br -> br.post("/v1/project/keys", Map.of("scopes", List.of("query"))));
    routes.put("DELETE B's key", br -> br.delete("/v1/project/keys/" + bKeyId));
    routes.put(
        "DELETE unknown key",
        br -> br.delete("/v1/project/keys/00000000-0000-0000-0000-000000000000"));
    routes.put("GET invitations", br -> br.get("/v1/project/invitations"));
    routes.put(
        "invite viewer",
        br ->
            br.post(
                "/v1/project/invitations", Map.of("email", fixture.email("v"), "role", "viewer")));
    routes.put(
        "invite owner",
        br ->
            br.post(
                "/v1/project/invitations", Map.of("email", fixture.email("o"), "role", "owner")));
    routes.put(
        "set viewer's role",
        br -> br.put("/v1/project/members/" + a.viewer().userId(), Map.of("role", "viewer")));
    routes.put(
        "owner to viewer",
        br -> br.put("/v1/project/members/" + a.owner().userId(), Map.of("role", "viewer")));
    routes.put(
        "B's owner to viewer",
        br -> br.put("/v1/project/members/" + b.owner().userId(), Map.of("role", "viewer")));
    routes.put("GET A's audit", br -> br.get("/v1/organisations/" + a.id() + "/audit"));
    routes.put("GET B's audit", br -> br.get("/v1/organisations/" + b.id() + "/audit"));
    routes.put("GET organisations", br -> br.get("/v1/organisations"));

    // Expected status per route, for owner, admin, editor, viewer of A (in that order).
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("GET members", List.of(200, 200, 200, 200));
    expected.put("GET keys", List.of(200, 200, 403, 403));
    expected.put("POST key", List.of(201, 201, 403, 403));
    expected.put("DELETE B's key", List.of(404, 404, 403, 403));
    expected.put("DELETE unknown key", List.of(404, 404, 403, 403));
    expected.put("GET invitations", List.of(200, 200, 403, 403));
    expected.put("invite viewer", List.of(201, 201, 403, 403));
    expected.put("invite owner", List.of(201, 403, 403, 403));
    // The viewer's own change is refused as "self"; the owner's and admin's are allowed.
    expected.put("set viewer's role", List.of(200, 200, 403, 403));
    expected.put("owner to viewer", List.of(403, 403, 403, 403));
    expected.put("B's owner to viewer", List.of(404, 404, 403, 403));
    expected.put("GET A's audit", List.of(200, 404, 404, 404));
    expected.put("GET B's audit", List.of(404, 404, 404, 404));
    expected.put("GET organisations", List.of(200, 200, 200, 200));

    List<String> wrong = new ArrayList<>();
    List<Caller> callers = callersOfA();
    for (Map.Entry<String, Function<Browser, Browser.Answer>> route : routes.entrySet()) {
      for (int i = 0; i < callers.size(); i++) {
        Browser.Answer answer = route.getValue().apply(callers.get(i).browser());
        int want = expected.get(route.getKey()).get(i);
        if (answer.status() != want) {
          wrong.add(
              callers.get(i).name()
                  + " "
                  + route.getKey()
                  + " -> "
                  + answer
                  + " (expected "
                  + want
                  + ")");
        }
      }
    }
    // A key reaches no people route; nobody neither.
    Browser keyHolder = app.browser();
    Browser.Answer withKey =
        keyHolder.send(
            "GET",
            app.origin + "/v1/project/keys",
            null,
            Map.of("Authorization", "Bearer " + a.first().queryKey()));
    if (withKey.status() != 401) {
      wrong.add("query key GET keys -> " + withKey);
    }
    if (app.browser().get("/v1/project/members").status() != 401) {
      wrong.add("nobody GET members is not 401");
    }
    assertThat(wrong).isEmpty();

    // B's owner reads B's audit log, which holds no entry of A.
    JsonNode bAudit = b.owner().browser().get("/v1/organisations/" + b.id() + "/audit").json();
    assertThat(bAudit.path("entries")).isNotEmpty();
    bAudit
        .path("entries")
        .forEach(e -> assertThat(e.path("organisationId").asText()).isEqualTo(b.id()));
  }

  @Test
  void anAdminManagesKeysThatWorkAndStopWorking() {
    Person admin = fixture.a.admin();
    Browser.Answer issued =
        admin.browser().post("/v1/project/keys", Map.of("scopes", List.of("query")));
    assertThat(issued.status()).isEqualTo(201);
    String rawKey = issued.json().path("key").asText();
    String keyId = issued.json().at("/info/id").asText();
    Browser machine = app.browser();
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + rawKey);
    assertThat(machine.send("GET", app.origin + "/v1/logs?" + range, null, bearer).status())
        .isEqualTo(200);
    assertThat(admin.browser().get("/v1/project/keys").body()).contains(keyId);
    Browser.Answer revoked = admin.browser().delete("/v1/project/keys/" + keyId);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");

    JsonNode audit =
        fixture
            .a
            .owner()
            .browser()
            .get("/v1/organisations/" + fixture.a.id() + "/audit?limit=1000")
            .json();
    List<String> actions = new ArrayList<>();
    audit
        .path("entries")
        .forEach(e -> actions.add(e.path("action").asText() + " " + e.path("target").asText()));
    assertThat(actions).contains("key_issued " + keyId, "key_revoked " + keyId);
    assertThat(actions).anyMatch(a -> a.startsWith("invitation_accepted"));
    assertThat(actions)
        .anyMatch(a -> a.startsWith("sign_in") || a.startsWith("invitation_created"));
  }

  @Test
  void aViewerSeesTheMembersAndTheirRoles() {
    JsonNode members =
        fixture.a.viewer().browser().get("/v1/project/members").json().path("members");
    Map<String, String> roles = new LinkedHashMap<>();
    members.forEach(m -> roles.put(m.at("/user/email").asText(), m.path("role").asText()));
    assertThat(roles)
        .containsEntry(fixture.a.owner().email(), "owner")
        .containsEntry(fixture.a.admin().email(), "admin")
        .doesNotContainKey(fixture.b.owner().email());
  }
}
