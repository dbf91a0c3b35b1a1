package io.devlogs.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed-in people watching their organisation's shared dashboard, as the browser does it: each
 * signs in with a password (session cookie and CSRF token), chooses the dashboard's project, loads
 * the dashboard, and then on its auto-refresh period asks every panel's route at once with the
 * dashboard's range and variables (the web's {@code panelQuery.ts}). Everything goes through the
 * asynchronous {@link CrowdClients}: each person is a cookie and a token, not a thread.
 */
final class DashboardCrowd {
  static final String SIGN_IN = "/v1/auth/sign-in";
  static final String SESSION = "/v1/auth/session";
  static final String DASHBOARD = "/v1/project/dashboards/{id}";

  /** Each panel kind's route and the parameters it gets unless the panel sets them. */
  static final Map<String, String> ROUTES =
      Map.of(
          "series", "/v1/metrics/series",
          "top", "/v1/metrics/top",
          "number", "/v1/logs/histogram",
          "logs", "/v1/logs",
          "patterns", "/v1/patterns");

  private static final Map<String, Map<String, String>> DEFAULTS =
      Map.of(
          "logs", Map.of("limit", "20"),
          "top", Map.of("limit", "10"),
          "patterns", Map.of("limit", "10"),
          "number", Map.of("buckets", "10"));

  /** Sign-ins at once: each costs the service an Argon2id check, as many as it has cores. */
  private static final int SIGN_INS_IN_FLIGHT = 4;

  private static final Pattern SPAN = Pattern.compile("(\\d+)([mhd])");
  private static final Pattern VARIABLE = Pattern.compile("\\$(service|level)\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A signed-in person and the panels of their dashboard. */
  record Session(String cookie, String csrfToken, Duration span, List<PanelRequest> panels) {}

  /** What a panel asks, without the range. */
  record PanelRequest(String route, Map<String, String> params) {}

  /** The sessions that came up, and every request of signing in (sign-in, project, dashboard). */
  record SignedIn(List<Session> sessions, List<CrowdRun.Sample> samples) {}

  private final CrowdRequests requests;
  private final String baseUrl;

  DashboardCrowd(CrowdClients clients, String baseUrl) {
    this.requests = new CrowdRequests(clients);
    this.baseUrl = baseUrl;
  }

  /** Signs every viewer in, {@value #SIGN_INS_IN_FLIGHT} at a time; failures are left out. */
  SignedIn signIn(List<CrowdPeople.Viewer> viewers) throws InterruptedException {
    Queue<CrowdRun.Sample> samples = new ConcurrentLinkedQueue<>();
    Semaphore slots = new Semaphore(SIGN_INS_IN_FLIGHT);
    List<CompletableFuture<Session>> sessions = new ArrayList<>();
    for (CrowdPeople.Viewer viewer : viewers) {
      slots.acquire();
      CompletableFuture<Session> session = signIn(viewer, samples);
      session.whenComplete((s, failure) -> slots.release());
      sessions.add(session);
    }
    List<Session> up = new ArrayList<>();
    for (CompletableFuture<Session> session : sessions) {
      Session s = session.exceptionally(failure -> null).join();
      if (s != null) {
        up.add(s);
      }
    }
    return new SignedIn(up, List.copyOf(samples));
  }

  private CompletableFuture<Session> signIn(
      CrowdPeople.Viewer viewer, Queue<CrowdRun.Sample> samples) {
    String credentials = json(Map.of("email", viewer.email(), "password", CrowdPeople.PASSWORD));
    return requests
        .send(change("POST", SIGN_IN, credentials, null, null), SIGN_IN, samples)
        .thenCompose(
            answer -> {
              String cookie = sessionCookie(ok(answer, SIGN_IN));
              String csrf = answer.json().path("csrfToken").asText();
              String project = json(Map.of("projectId", viewer.board().projectId()));
              return requests
                  .send(change("PUT", SESSION, project, cookie, csrf), SESSION, samples)
                  .thenCompose(
                      chosen -> {
                        ok(chosen, SESSION);
                        return requests.send(
                            get("/v1/project/dashboards/" + viewer.board().dashboardId(), cookie),
                            DASHBOARD,
                            samples);
                      })
                  .thenApply(loaded -> session(cookie, csrf, ok(loaded, DASHBOARD).json()));
            });
  }

  /** Ends every session (not measured), so runs do not pile sessions up. */
  void signOut(List<Session> sessions) {
    CompletableFuture.allOf(
            sessions.stream()
                .map(
                    s ->
                        requests.send(
                            change("POST", "/v1/auth/sign-out", "{}", s.cookie(), s.csrfToken()),
                            "/v1/auth/sign-out",
                            null))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /** One auto-refresh of a dashboard: every panel's route at once over the range ending now. */
  CompletableFuture<?> refresh(Session session, Queue<CrowdRun.Sample> samples) {
    Instant now = Instant.now();
    String range =
        "from=" + encode(now.minus(session.span()).toString()) + "&to=" + encode(now.toString());
    return CompletableFuture.allOf(
        session.panels().stream()
            .map(
                panel ->
                    requests.send(
                        get(panel.route() + "?" + query(panel.params()) + range, session.cookie()),
                        panel.route(),
                        samples))
            .toArray(CompletableFuture[]::new));
  }

  /** A session on its dashboard's document (the answer of {@code GET .../dashboards/{id}}). */
  private static Session session(String cookie, String csrf, JsonNode view) {
    JsonNode doc = view.path("document");
    Map<String, String> variables = new LinkedHashMap<>();
    doc.path("variables")
        .fields()
        .forEachRemaining(v -> variables.put(v.getKey(), v.getValue().asText()));
    List<PanelRequest> panels = new ArrayList<>();
    for (JsonNode panel : doc.path("panels")) {
      String kind = panel.path("kind").asText();
      Map<String, String> params = new LinkedHashMap<>(DEFAULTS.getOrDefault(kind, Map.of()));
      panel
          .path("params")
          .fields()
          .forEachRemaining(
              p -> {
                String value = substitute(p.getValue().asText(), variables).trim();
                if (value.isEmpty()) {
                  params.remove(p.getKey());
                } else {
                  params.put(p.getKey(), value);
                }
              });
      panels.add(new PanelRequest(ROUTES.get(kind), params));
    }
    return new Session(cookie, csrf, span(doc.path("timeRange").path("last").asText("1h")), panels);
  }

  static String substitute(String value, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
    }
    return m.appendTail(out).toString();
  }

  static Duration span(String last) {
    Matcher m = SPAN.matcher(last);
    if (!m.matches()) {
      return Duration.ofHours(1);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private CrowdRequest get(String pathAndQuery, String cookie) {
    return CrowdRequest.get(baseUrl + pathAndQuery, "Cookie", cookie);
  }

  /** A state-changing request as the dashboard sends it: Origin, JSON, cookie and CSRF token. */
  private CrowdRequest change(String method, String path, String body, String cookie, String csrf) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Origin", baseUrl);
    if (cookie != null) {
      headers.put("Cookie", cookie);
      headers.put("X-CSRF-Token", csrf);
    }
    return new CrowdRequest(method, baseUrl + path, headers, body);
  }

  private static CrowdRequests.Answer ok(CrowdRequests.Answer answer, String step) {
    if (answer == null || answer.status() != 200) {
      throw new IllegalStateException(
          step + ": " + (answer == null ? "no answer" : answer.status() + " " + answer.body()));
    }
    return answer;
  }

  /** The {@code name=value} of the session cookie set by the answer. */
  private static String sessionCookie(CrowdRequests.Answer answer) {
    return answer.headers().getValuesList("Set-Cookie").stream()
        .map(c -> c.split(";", 2)[0].trim())
        .filter(c -> c.startsWith("devlogs_session="))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("sign-in set no session cookie"));
  }

  private static String query(Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> query.append(encode(k)).append('=').append(encode(v)).append('&'));
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
