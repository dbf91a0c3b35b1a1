package io.devlogs.query.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser as the people routes see it: its own cookie jar (every cookie of 127.0.0.1, whatever
 * the port, as a browser keeps them), the dashboard's Origin on every request, and the session's
 * CSRF token on changes once it has read it. Redirects are not followed, so tests see them.
 */
final class Browser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String origin;
  final Map<String, String> cookies = new LinkedHashMap<>();
  String csrfToken;

  Browser(String origin) {
    this.origin = origin;
  }

  /** A status, its headers and body. */
  record Answer(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + response.body(), e);
      }
    }

    String error() {
      return json().path("error").asText();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + response.body();
    }
  }

  Answer get(String path) {
    return send("GET", origin + path, null, Map.of());
  }

  Answer post(String path, Object body) {
    return send("POST", origin + path, body, csrf());
  }

  Answer put(String path, Object body) {
    return send("PUT", origin + path, body, csrf());
  }

  Answer delete(String path) {
    return send("DELETE", origin + path, null, csrf());
  }

  private Map<String, String> csrf() {
    return csrfToken == null ? Map.of() : Map.of("X-CSRF-Token", csrfToken);
  }

  /** Signs in with a password; keeps the session's CSRF token. */
  Answer signIn(String email, String password) {
    Answer answer = post("/v1/auth/sign-in", Map.of("email", email, "password", password));
    if (answer.status() == 200) {
      csrfToken = answer.json().path("csrfToken").asText();
    }
    return answer;
  }

  /** Accepts an invitation (its path {@code /invitations/<token>}) and keeps the session. */
  Answer accept(String invitationPath, String name, String password) {
    String token = invitationPath.substring(invitationPath.lastIndexOf('/') + 1);
    Answer answer =
        post("/v1/invitations/" + token + "/accept", Map.of("name", name, "password", password));
    if (answer.status() == 200) {
      csrfToken = answer.json().path("csrfToken").asText();
    }
    return answer;
  }

  /** Chooses the session's project; the answer must be 200. */
  void choose(String projectId) {
    Answer answer = put("/v1/auth/session", Map.of("projectId", projectId));
    if (answer.status() != 200) {
      throw new AssertionError("choosing " + projectId + " -> " + answer);
    }
  }

  /** Any request, with these headers and no automatic ones but the cookies. */
  Answer send(String method, String url, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    String text;
    try {
      text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    request.method(
        method,
        text == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header(
          "Content-Type",
          body instanceof String ? "application/x-www-form-urlencoded" : "application/json");
    }
    if (!method.equals("GET")
        && !headers.containsKey("Origin")
        && !headers.containsKey("No-Origin")) {
      request.header("Origin", origin);
    }
    headers.forEach(
        (name, value) -> {
          if (!name.equals("No-Origin")) {
            request.header(name, value);
          }
        });
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    keepCookies(response.headers().allValues("Set-Cookie"));
    return new Answer(response.statusCode(), response);
  }

  private void keepCookies(List<String> setCookies) {
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String name = pair.substring(0, equals).trim();
      String value = pair.substring(equals + 1).trim();
      boolean expired =
          setCookie.toLowerCase().contains("max-age=0")
              || setCookie.toLowerCase().contains("expires=thu, 01 jan 1970");
      if (expired || value.isEmpty()) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  /** Follows redirects by hand (GET), keeping cookies; returns the first answer that is none. */
  Answer follow(Answer answer) {
    Answer current = answer;
    for (int hops = 0; hops < 20 && current.status() / 100 == 3; hops++) {
      URI next = current.response().uri().resolve(current.header("Location"));
      current = send("GET", next.toString(), null, Map.of());
    }
    return current;
  }
}
