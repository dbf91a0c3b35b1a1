package io.devlogs.ingest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.CliFlags;
import io.devlogs.projects.IssuedKey;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/devlogs dead-letters replay --project <id> [--cause c[,c...]] [--since <instant|7d>]
 * [--until <instant>] [--id <dead letter id>]... [--limit N] [--dry-run]}: replays a project's dead
 * letters through the ingest service's admin route ({@link DeadLetterReplayApi}) and prints what
 * happened to each.
 *
 * <p>An operator names the project, not a key: the command issues the project an admin key that
 * expires in {@value #KEY_MINUTES} minutes (PostgreSQL, as {@code ProjectsCli} does; settings
 * {@code postgres.*}), calls ingest at {@code ingest.url} (default {@code http://127.0.0.1:18080})
 * with it, and revokes it. Exit status 0 when ingest answered 200, else 1 with ingest's error.
 */
public final class DeadLetterReplayCli {

  static final int KEY_MINUTES = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterReplayCli() {}

  public static void main(String[] args) {
    try {
      System.exit(run(List.of(args), Settings.fromEnvironment(new String[0]), System.out));
    } catch (IllegalArgumentException e) {
      System.err.println("dead-letters: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
    }
  }

  static String usage() {
    return "usage: dead-letters replay --project <id> [--cause <cause>[,<cause>...]]"
        + " [--since <ISO-8601 instant | 7d>] [--until <instant>] [--id <dead letter id>]..."
        + " [--limit N] [--dry-run]";
  }

  /** Runs the command; returns the exit status. */
  static int run(List<String> args, Settings settings, PrintStream out) {
    if (args.isEmpty() || !args.get(0).equals("replay")) {
      throw new IllegalArgumentException("the only command is 'replay'");
    }
    List<String> flags = args.subList(1, args.size());
    boolean dryRun = flags.contains("--dry-run");
    String projectId = null;
    ObjectNode body = JSON.createObjectNode();
    ArrayNode causes = body.putArray("cause");
    ArrayNode ids = body.putArray("ids");
    for (CliFlags.Flag flag :
        CliFlags.parse(flags.stream().filter(f -> !f.equals("--dry-run")).toList()).flags()) {
      switch (flag.name()) {
        case "--project" -> projectId = flag.value();
        case "--cause" ->
            Arrays.stream(flag.value().split(",")).map(String::strip).forEach(causes::add);
        case "--id" -> ids.add(flag.value());
        case "--since" -> body.put("since", flag.value());
        case "--until" -> body.put("until", flag.value());
        case "--limit" -> body.put("limit", limit(flag.value()));
        default -> throw CliFlags.unknown(flag);
      }
    }
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException("--project <id> is required");
    }
    body.put("dryRun", dryRun);
    String ingestUrl = settings.get(EndpointKeys.INGEST_URL);
    ApiKeyStore store = new ApiKeyStore(PostgresOptions.from(settings).connect());
    IssuedKey key =
        store.issueKey(
            projectId, Set.of(Scope.ADMIN), Instant.now().plus(Duration.ofMinutes(KEY_MINUTES)));
    try {
      return call(ingestUrl, key.rawKey(), body, out);
    } finally {
      store.revokeKey(projectId, key.info().id());
    }
  }

  private static int limit(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--limit must be a number, got '" + value + "'");
    }
  }

  private static int call(String ingestUrl, String key, JsonNode body, PrintStream out) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ingestUrl + DeadLetterReplayApi.PATH))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      out.println("dead-letters: ingest at " + ingestUrl + " did not answer: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      out.println(
          "dead-letters: ingest answered " + response.statusCode() + ": " + response.body());
      return 1;
    }
    if (response.statusCode() != 200) {
      out.println(
          "dead-letters: ingest answered "
              + response.statusCode()
              + ": "
              + answer.path("error").asText()
              + " "
              + answer.path("message").asText());
      return 1;
    }
    print(answer, out);
    return 0;
  }

  /** One line per dead letter, then the totals. */
  static void print(JsonNode answer, PrintStream out) {
    for (JsonNode letter : answer.path("letters")) {
      out.println(
          letter.path("id").asText()
              + "  "
              + letter.path("cause").asText()
              + "  "
              + letter.path("outcome").asText()
              + (letter.has("reason") ? ": " + letter.path("reason").asText() : ""));
    }
    boolean dryRun = answer.path("dryRun").asBoolean();
    out.println(
        "project "
            + answer.path("projectId").asText()
            + ": "
            + answer.path("selected").asInt()
            + " dead letters selected, "
            + (dryRun
                ? (answer.path("selected").asInt() - answer.path("skipped").asInt())
                    + " would be replayed (dry run)"
                : answer.path("replayed").asInt() + " replayed")
            + ", "
            + answer.path("skipped").asInt()
            + " skipped");
  }
}
