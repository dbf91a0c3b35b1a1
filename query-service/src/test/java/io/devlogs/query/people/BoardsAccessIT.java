package io.devlogs.query.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.people.PeopleFixture.Org;
import io.devlogs.query.streams.CassandraStreamReader;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.StreamRows;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saved searches, dashboards and links on the real stack (PostgreSQL, ClickHouse, Cassandra): the
 * matrix of A's roles (owner, admin, editor, viewer) on every route, on their project's things and
 * on organisation B's, with B's ids and guessed ids; then public links, which answer their one
 * stream or snapshot to anyone, and nothing once expired or revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class BoardsAccessIT {
  private static final int PORT = 26301;

  private final LocalStack stack;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private PeopleApp app;
  private PeopleFixture fixture;
  private String stream;
  private StreamRows streamRows;

  BoardsAccessIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void setUp() {
    streamRows = new StreamRows(QueryOptions.from(stack.settings()));
    app =
        new PeopleApp(
            stack,
            PORT,
            Map.of(
                "people.lockout.address-failures",
                "100000",
                "people.public-link.max-lifetime",
                "2h"),
            deps -> deps.withStreams(new CassandraStreamReader(streamRows.session())));
    fixture = new PeopleFixture(app);
    stream = stack.uniqueName("brd-run");
    new ClickHouseRows(stack.settings())
        .insert(
            List.of(
                event(fixture.a.first().id(), "brd-a1", "A1 board event"),
                event(fixture.b.first().id(), "brd-b1", "B1 board secret")));
    streamRows.insert(
        fixture.a.first().id(),
        stream,
        "brd-s-a1",
        now.minusSeconds(20),
        "INFO",
        "ci",
        "A1 step passed",
        Map.of());
    streamRows.insert(
        fixture.b.first().id(),
        stream,
        "brd-s-b1",
        now.minusSeconds(20),
        "INFO",
        "ci",
        "B1 stream secret",
        Map.of());
  }

  @AfterAll
  void tearDown() {
    if (app != null) {
      app.close();
    }
    if (streamRows != null) {
      streamRows.close();
    }
  }

  private EventRow event(String projectId, String id, String message) {
    return new EventRow(
        projectId, id, now.minusSeconds(30), "ERROR", "brd-api", "run", message, Map.of());
  }

  private record Caller(String name, Browser browser) {}

  private List<Caller> callersOfA() {
    Org a = fixture.a;
    return List.of(
        new Caller("owner", a.owner().browser()),
        new Caller("admin", a.admin().browser()),
        new Caller("editor", a.editor().browser()),
        new Caller("viewer", a.viewer().browser()));
  }

  private static Map<String, Object> search(String name, boolean shared) {
    return Map.of(
        "name",
        name,
        "query",
        Map.of("q", "{service=\"brd-api\"} |= \"board\"", "level", List.of("ERROR")),
        "range",
        Map.of("last", "1h"),
        "columns",
        List.of("timestamp", "level", "message"),
        "shared",
        shared);
  }

  private static Map<String, Object> dashboard(String name) {
    return Map.of(
        "name",
        name,
        "timeRange",
        Map.of("last", "6h"),
        "refreshSeconds",
        30,
        "variables",
        Map.of("service", "brd-api", "level", ""),
        "panels",
        List.of(
            Map.of(
                "kind",
                "series",
                "title",
                "Errors",
                "x",
                0,
                "y",
                0,
                "w",
                8,
                "h",
                4,
                "params",
                Map.of("service", "$service", "level", "ERROR")),
            Map.of("kind", "logs", "x", 8, "y", 0, "w", 4, "h", 4)));
  }

  private String created(Browser browser, String path, Object body) {
    Browser.Answer answer = browser.post(path, body);
    assertThat(answer.status()).as("POST %s: %s", path, answer).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  @Test
  void everyRoleOnEveryRouteOnItsOwnAndTheOtherOrganisationsThings() {
    Org a = fixture.a;
    Org b = fixture.b;
    Browser editorOfA = a.editor().browser();
    String sharedOfA = created(editorOfA, "/v1/project/searches", search("A shared", true));
    String privateOfViewer =
        created(a.viewer().browser(), "/v1/project/searches", search("viewer's own", false));
    String dashboardOfA = created(editorOfA, "/v1/project/dashboards", dashboard("A board"));
    Browser ownerOfB = b.owner().browser();
    String sharedOfB = created(ownerOfB, "/v1/project/searches", search("B shared", true));
    String dashboardOfB = created(ownerOfB, "/v1/project/dashboards", dashboard("B board"));
    Browser.Answer linkOfB =
        ownerOfB.post(
            "/v1/project/public-links",
            Map.of("kind", "stream", "stream", stream, "expiresIn", "1h"));
    assertThat(linkOfB.status()).as("B's public link: %s", linkOfB).isEqualTo(201);
    String publicLinkOfB = linkOfB.json().at("/link/id").asText();
    String guessed = UUID.randomUUID().toString();
    Object export = ownerOfB.get("/v1/project/dashboards/" + dashboardOfB + "/export").json();

    Map<String, Function<Browser, Browser.Answer>> routes = new LinkedHashMap<>();
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    // Expected status for owner, admin, editor, viewer of A, in that order.
    route(
        routes, expected, "GET searches", br -> br.get("/v1/project/searches"), 200, 200, 200, 200);
    route(
        routes,
        expected,
        "POST private search",
        br -> br.post("/v1/project/searches", search("mine", false)),
        201,
        201,
        201,
        201);
    route(
        routes,
        expected,
        "POST shared search",
        br -> br.post("/v1/project/searches", search("ours", true)),
        201,
        201,
        201,
        403);
    route(
        routes,
        expected,
        "GET A's shared search",
        br -> br.get("/v1/project/searches/" + sharedOfA),
        200,
        200,
        200,
        200);
    route(
        routes,
        expected,
        "PUT A's shared search",
        br -> br.put("/v1/project/searches/" + sharedOfA, search("A shared", true)),
        200,
        200,
        200,
        403);
    route(
        routes,
        expected,
        "GET viewer's private search",
        br -> br.get("/v1/project/searches/" + privateOfViewer),
        404,
        404,
        404,
        200);
    route(
        routes,
        expected,
        "PUT viewer's private search",
        br -> br.put("/v1/project/searches/" + privateOfViewer, search("changed", false)),
        404,
        404,
        404,
        200);
    route(
        routes,
        expected,
        "GET B's search",
        br -> br.get("/v1/project/searches/" + sharedOfB),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "PUT B's search",
        br -> br.put("/v1/project/searches/" + sharedOfB, search("taken", true)),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "DELETE B's search",
        br -> br.delete("/v1/project/searches/" + sharedOfB),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "GET guessed search",
        br -> br.get("/v1/project/searches/" + guessed),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "GET non-UUID search",
        br -> br.get("/v1/project/searches/1%27%20OR%201=1"),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "GET dashboards",
        br -> br.get("/v1/project/dashboards"),
        200,
        200,
        200,
        200);
    route(
        routes,
        expected,
        "POST dashboard",
        br -> br.post("/v1/project/dashboards", dashboard("new")),
        201,
        201,
        201,
        403);
    route(
        routes,
        expected,
        "GET A's dashboard",
        br -> br.get("/v1/project/dashboards/" + dashboardOfA),
        200,
        200,
        200,
        200);
    route(
        routes,
        expected,
        "PUT A's dashboard",
        br -> br.put("/v1/project/dashboards/" + dashboardOfA, dashboard("A board")),
        200,
        200,
        200,
        403);
    route(
        routes,
        expected,
        "export A's dashboard",
        br -> br.get("/v1/project/dashboards/" + dashboardOfA + "/export"),
        200,
        200,
        200,
        200);
    route(
        routes,
        expected,
        "import B's export",
        br -> br.post("/v1/project/dashboards/import", export),
        201,
        201,
        201,
        403);
    route(
        routes,
        expected,
        "GET B's dashboard",
        br -> br.get("/v1/project/dashboards/" + dashboardOfB),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "export B's dashboard",
        br -> br.get("/v1/project/dashboards/" + dashboardOfB + "/export"),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "PUT B's dashboard",
        br -> br.put("/v1/project/dashboards/" + dashboardOfB, dashboard("taken")),
        404,
        404,
        404,
        403);
    route(
        routes,
        expected,
        "DELETE B's dashboard",
        br -> br.delete("/v1/project/dashboards/" + dashboardOfB),
        404,
        404,
        404,
        403);
    route(
        routes,
        expected,
        "DELETE guessed dashboard",
        br -> br.delete("/v1/project/dashboards/" + guessed),
        404,
        404,
        404,
        403);
    route(
        routes,
        expected,
        "link to A's dashboard",
        br -> br.post("/v1/project/links", Map.of("page", "/dashboards/" + dashboardOfA)),
        201,
        201,
        201,
        201);
    route(
        routes,
        expected,
        "link to B's dashboard",
        br -> br.post("/v1/project/links", Map.of("page", "/dashboards/" + dashboardOfB)),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "link to B's search",
        br -> br.post("/v1/project/links", Map.of("page", "/searches/" + sharedOfB)),
        404,
        404,
        404,
        404);
    route(
        routes,
        expected,
        "GET public links",
        br -> br.get("/v1/project/public-links"),
        200,
        200,
        200,
        200);
    route(
        routes,
        expected,
        "POST public stream link",
        br ->
            br.post(
                "/v1/project/public-links",
                Map.of("kind", "stream", "stream", stream, "expiresIn", "1h")),
        201,
        201,
        201,
        403);
    route(
        routes,
        expected,
        "POST snapshot of B's search",
        br ->
            br.post(
                "/v1/project/public-links",
                Map.of("kind", "search_snapshot", "savedSearchId", sharedOfB, "expiresIn", "1h")),
        404,
        404,
        404,
        403);
    route(
        routes,
        expected,
        "DELETE B's public link",
        br -> br.delete("/v1/project/public-links/" + publicLinkOfB),
        404,
        404,
        404,
        403);

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
    // B's owner sees none of A's things; nobody and a query key reach none of these routes.
    for (String path :
        List.of("/v1/project/searches/" + sharedOfA, "/v1/project/dashboards/" + dashboardOfA)) {
      Browser.Answer answer = ownerOfB.get(path);
      if (answer.status() != 404) {
        wrong.add("owner of B GET " + path + " -> " + answer);
      }
    }
    if (app.browser().get("/v1/project/searches").status() != 401) {
      wrong.add("nobody GET searches is not 401");
    }
    Browser.Answer withKey =
        app.browser()
            .send(
                "GET",
                app.origin + "/v1/project/dashboards",
                null,
                Map.of("Authorization", "Bearer " + a.first().queryKey()));
    if (withKey.status() != 401) {
      wrong.add("query key GET dashboards -> " + withKey);
    }
    assertThat(wrong).isEmpty();

    // B's things are untouched, and B's list holds none of A's.
    assertThat(ownerOfB.get("/v1/project/searches/" + sharedOfB).json().path("name").asText())
        .isEqualTo("B shared");
    assertThat(ownerOfB.get("/v1/project/dashboards").body())
        .contains(dashboardOfB)
        .doesNotContain(dashboardOfA);
    assertThat(ownerOfB.get("/v1/project/public-links").body()).contains("\"active\"");
    // The viewer's private search is in their list only.
    assertThat(a.viewer().browser().get("/v1/project/searches").body()).contains(privateOfViewer);
    assertThat(a.owner().browser().get("/v1/project/searches").body())
        .contains(sharedOfA)
        .doesNotContain(privateOfViewer);
  }

  private static void route(
      Map<String, Function<Browser, Browser.Answer>> routes,
      Map<String, List<Integer>> expected,
      String name,
      Function<Browser, Browser.Answer> call,
      Integer... statuses) {
    routes.put(name, call);
    expected.put(name, List.of(statuses));
  }

  @Test
  void aSavedSearchKeepsItsQueryRangeAndColumnsAndRefusesWhatIsNotASearch() {
    Browser viewer = fixture.a.viewer().browser();
    Browser.Answer saved =
        viewer.post(
            "/v1/project/searches",
            Map.of(
                "name",
                "absolute",
                "query",
                Map.of("q", "{app=\"x\"} | json | status >= 500", "attr.region", "eu"),
                "range",
                Map.of("from", "2030-01-01T00:00:00Z", "to", "2030-01-02T00:00:00Z"),
                "columns",
                List.of("timestamp", "attr.region")));
    assertThat(saved.status()).as("%s", saved).isEqualTo(201);
    JsonNode read = viewer.get("/v1/project/searches/" + saved.json().path("id").asText()).json();
    assertThat(read.at("/query/q/0").asText()).isEqualTo("{app=\"x\"} | json | status >= 500");
    assertThat(read.at("/query/attr.region/0").asText()).isEqualTo("eu");
    assertThat(read.at("/range/from").asText()).startsWith("2030-01-01T00:00:00");
    assertThat(read.path("columns").toString()).isEqualTo("[\"timestamp\",\"attr.region\"]");
    assertThat(read.path("mine").asBoolean()).isTrue();
    assertThat(read.path("canEdit").asBoolean()).isTrue();

    Map<String, Object> unknownParameter = new LinkedHashMap<>(search("x", false));
    unknownParameter.put("query", Map.of("project", fixture.b.first().id()));
    Browser.Answer refused = viewer.post("/v1/project/searches", unknownParameter);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/detail/field").asText()).isEqualTo("query.project");
    Map<String, Object> badRange = new LinkedHashMap<>(search("x", false));
    badRange.put("range", Map.of("last", "90d"));
    assertThat(viewer.post("/v1/project/searches", badRange).json().at("/detail/field").asText())
        .isEqualTo("range.last");
  }

  @Test
  void aDashboardExportsAndImportsWithNewIdsAndRefusesAnotherVersion() {
    Browser editor = fixture.a.editor().browser();
    Browser.Answer created = editor.post("/v1/project/dashboards", dashboard("to export"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    JsonNode export = editor.get("/v1/project/dashboards/" + id + "/export").json();
    assertThat(export.path("format").asText()).isEqualTo("devlogs-dashboard");
    assertThat(export.path("version").asInt()).isEqualTo(1);
    assertThat(export.path("panels")).hasSize(2);
    assertThat(export.at("/panels/0/params/service").asText()).isEqualTo("$service");

    Browser.Answer imported = editor.post("/v1/project/dashboards/import", export);
    assertThat(imported.status()).isEqualTo(201);
    assertThat(imported.json().path("id").asText()).isNotEqualTo(id);
    JsonNode again = imported.json().path("document");
    assertThat(again.at("/panels/0/id").asText()).isNotEqualTo(export.at("/panels/0/id").asText());
    assertThat(again.at("/panels/0/w").asInt()).isEqualTo(8);
    assertThat(again.path("refreshSeconds").asInt()).isEqualTo(30);

    Map<String, Object> future = new LinkedHashMap<>(dashboard("future"));
    future.put("format", "devlogs-dashboard");
    future.put("version", 2);
    Browser.Answer refused = editor.post("/v1/project/dashboards/import", future);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/detail/field").asText()).isEqualTo("version");
    Map<String, Object> noFormat = new LinkedHashMap<>(dashboard("plain"));
    assertThat(editor.post("/v1/project/dashboards/import", noFormat).status()).isEqualTo(400);
    Map<String, Object> offGrid = new LinkedHashMap<>(dashboard("wide"));
    offGrid.put("panels", List.of(Map.of("kind", "number", "x", 6, "y", 0, "w", 7, "h", 2)));
    Browser.Answer wide = editor.post("/v1/project/dashboards", offGrid);
    assertThat(wide.status()).isEqualTo(400);
    assertThat(wide.json().at("/detail/field").asText()).isEqualTo("panels[0]");
  }

  @Test
  void publicLinksAnswerTheirOneThingUntilRevokedOrExpired() {
    Org a = fixture.a;
    Browser editor = a.editor().browser();
    Browser.Answer streamLink =
        editor.post(
            "/v1/project/public-links",
            Map.of("kind", "stream", "stream", stream, "expiresIn", "1h", "title", "CI run"));
    assertThat(streamLink.status()).as("%s", streamLink).isEqualTo(201);
    String streamPath = "/v1/public/" + streamLink.json().path("token").asText();
    assertThat(streamLink.json().path("path").asText())
        .isEqualTo("/p/" + streamLink.json().path("token").asText());

    Browser outsider = app.browser();
    Browser.Answer page = outsider.get(streamPath);
    assertThat(page.status()).as("%s", page).isEqualTo(200);
    assertThat(page.body()).contains("A1 step passed").doesNotContain("B1 stream secret");
    assertThat(page.body()).doesNotContain(a.first().id());
    assertThat(page.json().at("/link/title").asText()).isEqualTo("CI run");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    // Only the link's stream: no other parameter moves it.
    assertThat(outsider.get(streamPath + "?from=2020-01-01T00:00:00Z").status()).isEqualTo(400);
    // The token is no key and no session for anything else.
    String token = streamLink.json().path("token").asText();
    Browser.Answer asKey =
        outsider.send(
            "GET", app.origin + "/v1/logs", null, Map.of("Authorization", "Bearer " + token));
    assertThat(asKey.status()).isEqualTo(401);

    // Longer than people.public-link.max-lifetime (2h here): refused, naming the field.
    Browser.Answer tooLong =
        editor.post(
            "/v1/project/public-links",
            Map.of("kind", "stream", "stream", stream, "expiresIn", "3h", "title", "too long"));
    assertThat(tooLong.status()).as("%s", tooLong).isEqualTo(400);
    assertThat(tooLong.body()).contains("expiresIn");

    // Reads are audited once per address and window; the others are counted into the next entry.
    String streamLinkIdRead = streamLink.json().at("/link/id").asText();
    for (int i = 0; i < 3; i++) {
      assertThat(outsider.get(streamPath).status()).isEqualTo(200);
    }
    assertThat(reads(a, streamLinkIdRead))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("actor").asText()).isEqualTo("link:" + streamLinkIdRead);
              assertThat(e.path("sourceAddress").asText()).isEqualTo("127.0.0.1");
              assertThat(e.path("detail").asText()).startsWith("first read from this address");
            });
    app.clock.advance(Duration.ofMinutes(11));
    assertThat(outsider.get(streamPath).status()).isEqualTo(200);
    assertThat(reads(a, streamLinkIdRead))
        .hasSize(2)
        .anySatisfy(e -> assertThat(e.path("detail").asText()).contains("and 4 more reads since"));

    String searchId =
        created(
            editor,
            "/v1/project/searches",
            Map.of(
                "name",
                "board errors",
                "query",
                Map.of("service", "brd-api"),
                "range",
                Map.of("last", "1h"),
                "columns",
                List.of("message"),
                "shared",
                true));
    Browser.Answer snapshotLink =
        editor.post(
            "/v1/project/public-links",
            Map.of("kind", "search_snapshot", "savedSearchId", searchId, "expiresIn", "1m"));
    assertThat(snapshotLink.status()).as("%s", snapshotLink).isEqualTo(201);
    String snapshotPath = "/v1/public/" + snapshotLink.json().path("token").asText();
    Browser.Answer snapshot = outsider.get(snapshotPath);
    assertThat(snapshot.status()).isEqualTo(200);
    assertThat(snapshot.json().at("/snapshot/name").asText()).isEqualTo("board errors");
    assertThat(snapshot.body()).contains("A1 board event").doesNotContain("B1 board secret");

    // Revoked: the same 404 as a token that never existed.
    String streamLinkId = streamLink.json().at("/link/id").asText();
    Browser.Answer revoked = editor.delete("/v1/project/public-links/" + streamLinkId);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
    Browser.Answer afterRevoke = outsider.get(streamPath);
    Browser.Answer unknown = outsider.get("/v1/public/" + Secrets.newToken());
    assertThat(afterRevoke.status()).isEqualTo(404);
    assertThat(afterRevoke.body()).isEqualTo(unknown.body());

    // Expired: the clock passes the snapshot's minute.
    app.clock.advance(Duration.ofMinutes(2));
    Browser.Answer expired = outsider.get(snapshotPath);
    assertThat(expired.status()).isEqualTo(404);
    assertThat(expired.body()).isEqualTo(unknown.body());
    JsonNode links = editor.get("/v1/project/public-links").json().path("links");
    List<String> statuses = new ArrayList<>();
    links.forEach(l -> statuses.add(l.path("id").asText() + " " + l.path("status").asText()));
    assertThat(statuses)
        .contains(
            streamLinkId + " revoked", snapshotLink.json().at("/link/id").asText() + " expired");
    assertThat(editor.get("/v1/project/public-links").body()).doesNotContain(token);

    // Owners read who made and revoked links, and who shared member links.
    editor.post("/v1/project/links", Map.of("page", "/streams/" + stream));
    JsonNode audit =
        a.owner().browser().get("/v1/organisations/" + a.id() + "/audit?limit=1000").json();
    List<String> actions = new ArrayList<>();
    audit
        .path("entries")
        .forEach(e -> actions.add(e.path("action").asText() + " " + e.path("target").asText()));
    assertThat(actions)
        .contains(
            "public_link_created " + streamLinkId,
            "public_link_revoked " + streamLinkId,
            "link_shared /streams/" + stream);
  }

  /** The audit entries of reads of the public link, as the organisation's owner sees them. */
  private List<JsonNode> reads(Org org, String linkId) {
    JsonNode audit =
        org.owner().browser().get("/v1/organisations/" + org.id() + "/audit?limit=1000").json();
    List<JsonNode> reads = new ArrayList<>();
    audit
        .path("entries")
        .forEach(
            e -> {
              if (e.path("action").asText().equals("public_link_read")
                  && e.path("target").asText().equals(linkId)) {
                reads.add(e);
              }
            });
    return reads;
  }

  @Test
  void aMemberLinkNamesTheProjectAndThePage() {
    Browser viewer = fixture.a.viewer().browser();
    Browser.Answer link =
        viewer.post("/v1/project/links", Map.of("page", "/search?q=timeout&level=ERROR"));
    assertThat(link.status()).isEqualTo(201);
    assertThat(link.json().path("kind").asText()).isEqualTo("search");
    assertThat(link.json().path("path").asText())
        .isEqualTo(
            "/open?project="
                + fixture.a.first().id()
                + "&to=%2Fsearch%3Fq%3Dtimeout%26level%3DERROR");
    for (String page : List.of("https://evil.example/x", "//evil.example", "/keys", "/events/")) {
      assertThat(viewer.post("/v1/project/links", Map.of("page", page)).status())
          .as(page)
          .isEqualTo(400);
    }
  }
}
