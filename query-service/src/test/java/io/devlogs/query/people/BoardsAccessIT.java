package io.devlogs.query.people;

import static io.devlogs.query.people.BoardsAccessIT.Whose.GUESSED;
import static io.devlogs.query.people.BoardsAccessIT.Whose.OTHER;
import static io.devlogs.query.people.BoardsAccessIT.Whose.OWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.people.PeopleFixture.Org;
import io.devlogs.query.streams.CassandraStreamReader;
import io.devlogs.query.support.StreamRows;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
  private AccessFixture access;
  private PeopleApp app;
  private PeopleFixture fixture;
  private Instant now;
  private String stream;
  private StreamRows streamRows;

  BoardsAccessIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void setUp() {
    streamRows = new StreamRows(QueryOptions.from(stack.settings()));
    access =
        new AccessFixture(
            stack,
            PORT,
            Map.of("people.public-link.max-lifetime", "2h"),
            deps -> deps.withStreams(new CassandraStreamReader(streamRows.session())),
            "brd-api",
            List.of("brd-a1", "A1 board event"),
            List.of("brd-b1", "B1 board secret"));
    app = access.app;
    fixture = access.people;
    now = access.now;
    stream = stack.uniqueName("brd-run");
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
    if (access != null) {
      access.close();
    }
    if (streamRows != null) {
      streamRows.close();
    }
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

    String searches = "/v1/project/searches/";
    String dashboards = "/v1/project/dashboards/";
    String publicLinks = "/v1/project/public-links";
    Map<String, Object> streamLink = Map.of("kind", "stream", "stream", stream, "expiresIn", "1h");
    Map<String, Object> snapshotOfB =
        Map.of("kind", "search_snapshot", "savedSearchId", sharedOfB, "expiresIn", "1h");
    // Expected statuses of A's owner, admin, editor and viewer, in that order.
    List<RouteCase> cases =
        List.of(
            row(OWN, "GET", "/v1/project/searches", null, "200 200 200 200"),
            row(OWN, "POST", "/v1/project/searches", search("mine", false), "201 201 201 201"),
            row(OWN, "POST", "/v1/project/searches", search("ours", true), "201 201 201 403"),
            row(OWN, "GET", searches + sharedOfA, null, "200 200 200 200"),
            row(OWN, "PUT", searches + sharedOfA, search("A shared", true), "200 200 200 403"),
            row(OWN, "GET", searches + privateOfViewer, null, "404 404 404 200"),
            row(
                OWN,
                "PUT",
                searches + privateOfViewer,
                search("changed", false),
                "404 404 404 200"),
            row(OTHER, "GET", searches + sharedOfB, null, "404 404 404 404"),
            row(OTHER, "PUT", searches + sharedOfB, search("taken", true), "404 404 404 404"),
            row(OTHER, "DELETE", searches + sharedOfB, null, "404 404 404 404"),
            row(GUESSED, "GET", searches + guessed, null, "404 404 404 404"),
            row(GUESSED, "GET", searches + "1%27%20OR%201=1", null, "404 404 404 404"),
            row(OWN, "GET", "/v1/project/dashboards", null, "200 200 200 200"),
            row(OWN, "POST", "/v1/project/dashboards", dashboard("new"), "201 201 201 403"),
            row(OWN, "GET", dashboards + dashboardOfA, null, "200 200 200 200"),
            row(OWN, "PUT", dashboards + dashboardOfA, dashboard("A board"), "200 200 200 403"),
            row(OWN, "GET", dashboards + dashboardOfA + "/export", null, "200 200 200 200"),
            row(OTHER, "POST", dashboards + "import", export, "201 201 201 403"),
            row(OTHER, "GET", dashboards + dashboardOfB, null, "404 404 404 404"),
            row(OTHER, "GET", dashboards + dashboardOfB + "/export", null, "404 404 404 404"),
            row(OTHER, "PUT", dashboards + dashboardOfB, dashboard("taken"), "404 404 404 403"),
            row(OTHER, "DELETE", dashboards + dashboardOfB, null, "404 404 404 403"),
            row(GUESSED, "DELETE", dashboards + guessed, null, "404 404 404 403"),
            row(
                OWN,
                "POST",
                "/v1/project/links",
                page("/dashboards/" + dashboardOfA),
                "201 201 201 201"),
            row(
                OTHER,
                "POST",
                "/v1/project/links",
                page("/dashboards/" + dashboardOfB),
                "404 404 404 404"),
            row(
                OTHER,
                "POST",
                "/v1/project/links",
                page("/searches/" + sharedOfB),
                "404 404 404 404"),
            row(OWN, "GET", publicLinks, null, "200 200 200 200"),
            row(OWN, "POST", publicLinks, streamLink, "201 201 201 403"),
            row(OTHER, "POST", publicLinks, snapshotOfB, "404 404 404 403"),
            row(OTHER, "DELETE", publicLinks + "/" + publicLinkOfB, null, "404 404 404 403"));

    List<String> wrong = new ArrayList<>();
    List<AccessFixture.Caller> callers = access.callersOfA();
    for (RouteCase route : cases) {
      for (int i = 0; i < callers.size(); i++) {
        Browser.Answer answer = route.call(callers.get(i).browser());
        int want = route.expected().get(i);
        if (answer.status() != want) {
          wrong.add(
              callers.get(i).name() + " " + route + " -> " + answer + " (expected " + want + ")");
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

  /** Whose thing a route reaches: the caller's project's, the other organisation's, or none. */
  enum Whose {
    OWN,
    OTHER,
    GUESSED
  }

  /** One row of the matrix: a request and the status each of A's roles gets. */
  private record RouteCase(
      Whose whose, String method, String path, Object body, List<Integer> expected) {
    Browser.Answer call(Browser browser) {
      return switch (method) {
        case "GET" -> browser.get(path);
        case "POST" -> browser.post(path, body);
        case "PUT" -> browser.put(path, body);
        case "DELETE" -> browser.delete(path);
        default -> throw new IllegalArgumentException(method);
      };
    }

    @Override
    public String toString() {
      return method + " " + path + " (" + whose.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  /** {@code statuses}: A's owner's, admin's, editor's and viewer's, separated by spaces. */
  private static RouteCase row(
      Whose whose, String method, String path, Object body, String statuses) {
    return new RouteCase(
        whose,
        method,
        path,
        body,
        Arrays.stream(statuses.split(" ")).map(Integer::valueOf).toList());
  }

  private static Map<String, Object> page(String page) {
    return Map.of("page", page);
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
