package io.devlogs.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.projects.Scope;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A JSON API called with one project key in a {@code JavalinTest}: each call names the status it
 * expects and fails with the method, path, status and body when another comes.
 */
public record KeyedApi(HttpClient client, String key) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A key with the query and admin scopes: its project's admin, who may change its rules. */
  public static String adminKey(TestProjects projects, TestProject project) {
    return projects
        .keyStore()
        .issueKey(project.id(), Set.of(Scope.QUERY, Scope.ADMIN), null)
        .rawKey();
  }

  /** The answer's JSON (a JSON null when it has no body), or an assertion error. */
  public JsonNode expect(int status, String method, String path, String body) {
    RequestBody requestBody =
        body == null && (method.equals("GET") || method.equals("DELETE"))
            ? null
            : RequestBody.create(body == null ? "" : body, MediaType.get("application/json"));
    Request.Builder builder =
        new Request.Builder()
            .url(client.getOrigin() + path)
            .header("Authorization", "Bearer " + key)
            .method(method, requestBody);
    try (Response response = client.request(builder.build())) {
      String text = response.body() == null ? "" : response.body().string();
      if (response.code() != status) {
        throw new AssertionError(
            method + " " + path + " -> " + response.code() + " (expected " + status + ") " + text);
      }
      return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
