package io.devlogs.query.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.flink.records.Level;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.TestDeps;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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

/** Keeps the served OpenAPI document and the routes the app registers equal, in both directions. */
class OpenApiDocumentTest {
  private static final Set<String> OPERATIONS = Set.of("get", "post", "put", "delete", "patch");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

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
  void theLevelsAreTheContractsOnesInOrder() {
    List<String> documented = new ArrayList<>();
    document.at("/components/schemas/Level/enum").forEach(l -> documented.add(l.asText()));
    assertThat(documented)
        .containsExactly(Arrays.stream(Level.values()).map(Level::name).toArray(String[]::new));
    assertThat(document.at("/components/schemas/LogEvent/properties/level/$ref").asText())
        .isEqualTo("#/components/schemas/Level");
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
            // A redirect is the success of a route that sends the browser on (single sign-on).
            success |= codes.next().matches("2\\d\\d|101|302");
          }
          if (!success) {
            missing.add(method + " " + path);
          }
        });
    assertThat(missing).isEmpty();
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
