package io.devlogs.query.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.devlogs.flink.records.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The query API's OpenAPI document, assembled from the classpath folder {@code /openapi}: {@code
 * base.yaml} plus the per-area files it lists under {@code x-devlogs-parts}. Each part contributes
 * {@code paths} and {@code components}; a name defined twice is a build error, not a silent
 * override. The {@code Level} schema is not written in YAML: it lists the contract's {@link Level}
 * constants.
 */
public final class OpenApiDocument {
  private static final String FOLDER = "/openapi/";
  private static final String PARTS = "x-devlogs-parts";

  private final ObjectNode document;

  private OpenApiDocument(ObjectNode document) {
    this.document = document;
  }

  /** Loads and merges the document; fails fast on a missing part or a duplicate name. */
  public static OpenApiDocument load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode base = (ObjectNode) read(yaml, "base.yaml");
    JsonNode parts = base.remove(PARTS);
    if (parts != null) {
      for (JsonNode part : parts) {
        merge(base, read(yaml, part.asText()), part.asText());
      }
    }
    addAll(
        base.with("components").with("schemas"),
        yaml.createObjectNode().set("Level", levelSchema(yaml)),
        "the contract's components.schemas");
    return new OpenApiDocument(base);
  }

  /** The whole document. */
  public JsonNode tree() {
    return document.deepCopy();
  }

  /** The document as JSON text, for {@code GET /openapi.json}. */
  public String json() {
    return document.toString();
  }

  private static ObjectNode levelSchema(ObjectMapper json) {
    ObjectNode schema = json.createObjectNode();
    schema.put("type", "string");
    schema.put("description", "Severity, lowest first.");
    ArrayNode names = schema.putArray("enum");
    for (Level level : Level.values()) {
      names.add(level.name());
    }
    return schema;
  }

  private static JsonNode read(ObjectMapper yaml, String name) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenAPI part " + FOLDER + name + " is not on the classpath");
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenAPI part " + name, e);
    }
  }

  private static void merge(ObjectNode base, JsonNode part, String partName) {
    addAll(base.with("paths"), part.path("paths"), partName + " paths");
    Iterator<Map.Entry<String, JsonNode>> sections = part.path("components").fields();
    while (sections.hasNext()) {
      Map.Entry<String, JsonNode> section = sections.next();
      addAll(
          base.with("components").with(section.getKey()),
          section.getValue(),
          partName + " components." + section.getKey());
    }
  }

  private static void addAll(ObjectNode target, JsonNode entries, String where) {
    Iterator<Map.Entry<String, JsonNode>> fields = entries.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (target.has(entry.getKey())) {
        throw new IllegalStateException(where + ": '" + entry.getKey() + "' is defined twice");
      }
      target.set(entry.getKey(), entry.getValue());
    }
  }
}
