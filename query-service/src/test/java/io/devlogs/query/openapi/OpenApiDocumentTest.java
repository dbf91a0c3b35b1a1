package io.devlogs.query.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.TestDeps;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the served OpenAPI document and the routes the app registers equal, in both directions, and
 * the dashboard's copy of the document equal to the served one.
 */
class OpenApiDocumentTest {
  private static final Set<String> OPERATIONS = Set.of("get", "post", "put", "delete", "patch");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  /**
   * The dashboard generates its API types from this copy: the web module builds before this one
   * (this one serves its jar), so it cannot ask the service or this build for the document.
   */
  private static final Path DASHBOARD_COPY = Path.of("..", "web", "openapi.json");

  /** {@code -Dopenapi.write=true} rewrites the dashboard's copy instead of comparing it. */
  private static final String WRITE_PROPERTY = "openapi.write";

  private final JsonNode document = OpenApiDocument.load().tree();

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
    assertThat(documentedRoutes()).isEqualTo(registeredRoutes());
  }

  @Test
  void theErrorCodesAreTheSharedOnes() {
    Set<String> documented = new TreeSet<>();
    document
        .at("/components/schemas/Error/properties/error/enum")
        .forEach(c -> documented.add(c.asText()));
    Set<String> shared = new TreeSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      shared.add(code.code());
    }
    assertThat(documented).isEqualTo(shared);
  }

  @Test
  void everyReferenceResolves() {
    List<String> unresolved = new ArrayList<>();
    collectReferences(document, unresolved);
    assertThat(unresolved).isEmpty();
  }

  @Test
  void everyPathParameterIsDeclared() {
    List<String> problems = new ArrayList<>();
    forEachOperation(
        (method, path, operation) -> {
          Matcher names = PATH_PARAMETER.matcher(path);
          while (names.find()) {
            if (!declaresPathParameter(operation, names.group(1))) {
              problems.add(method + " " + path + ": " + names.group(1));
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyOperationDocumentsItsSuccessAnswer() {
    List<String> missing = new ArrayList<>();
    forEachOperation(
        (method, path, operation) -> {
          boolean success = false;
          for (Iterator<String> codes = operation.path("responses").fieldNames();
              codes.hasNext(); ) {
            success |= codes.next().matches("2\\d\\d|101");
          }
          if (!success) {
            missing.add(method + " " + path);
          }
        });
    assertThat(missing).isEmpty();
  }

  @Test
  void theDashboardsCopyIsTheServedDocument() throws IOException {
    String served = prettyJson(document);
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      Files.writeString(DASHBOARD_COPY, served, StandardCharsets.UTF_8);
    }
    String copy =
        Files.exists(DASHBOARD_COPY)
            ? Files.readString(DASHBOARD_COPY, StandardCharsets.UTF_8)
            : "(missing)";
    assertThat(copy)
        .withFailMessage(
            "%s differs from the served OpenAPI document; rewrite it with `mvn -B -o -pl"
                + " query-service -am test -Dtest=OpenApiDocumentTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D%s=true` and commit it (the web"
                + " build generates the dashboard's API types from it)",
            DASHBOARD_COPY.normalize(), WRITE_PROPERTY)
        .isEqualTo(served);
  }

  private static String prettyJson(JsonNode tree) throws IOException {
    return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
  }

  private Set<String> documentedRoutes() {
    Set<String> routes = new TreeSet<>();
    forEachOperation(
        (method, path, operation) -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path));
    return routes;
  }

  private interface OperationVisitor {
    void visit(String method, String path, JsonNode operation);
  }

  /** Visits every operation (get, post, …) of every documented path. */
  private void forEachOperation(OperationVisitor visitor) {
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (OPERATIONS.contains(operation.getKey())) {
                            visitor.visit(operation.getKey(), path.getKey(), operation.getValue());
                          }
                        }));
  }

  /** HTTP routes as "METHOD /path"; a WebSocket route is documented as its upgrade GET. */
  private static Set<String> registeredRoutes() {
    Javalin app = QueryServer.createApp(unusedDeps());
    Set<String> routes = new TreeSet<>();
    app.unsafeConfig()
        .pvt
        .internalRouter
        .allHttpHandlers()
        .forEach(
            parsed -> {
              HandlerType method = parsed.getEndpoint().getMethod();
              if (method.isHttpMethod()) {
                routes.add(method.name() + " " + parsed.getEndpoint().getPath());
              }
            });
    app.unsafeConfig()
        .pvt
        .internalRouter
        .allWsHandlers()
        .forEach(
            entry -> {
              if (entry.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET) {
                routes.add("GET " + entry.getPath());
              }
            });
    return routes;
  }

  private static QueryDeps unusedDeps() {
    return TestDeps.of(key -> Optional.empty(), Clock.systemUTC());
  }

  private static boolean declaresPathParameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (name.equals(parameter.path("name").asText())
          && "path".equals(parameter.path("in").asText())) {
        return true;
      }
    }
    return false;
  }

  private void collectReferences(JsonNode node, List<String> unresolved) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("$ref")) {
          String ref = field.getValue().asText();
          if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
            unresolved.add(ref);
          }
        } else {
          collectReferences(field.getValue(), unresolved);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collectReferences(element, unresolved));
    }
  }
}
