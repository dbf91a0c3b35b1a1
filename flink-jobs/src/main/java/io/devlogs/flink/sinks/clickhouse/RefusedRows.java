package io.devlogs.flink.sinks.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads back rows ClickHouse refused, to turn them into dead letters (a rare path). */
public final class RefusedRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RefusedRows() {}

  /** The row's JSON object as a tree, or an empty object if it cannot be read. */
  public static JsonNode tree(String row) {
    try {
      return JSON.readTree(row);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The row's {@code project} field, or null. */
  static String project(String row) {
    JsonNode project = tree(row).get("project");
    return project == null ? null : project.asText();
  }
}
