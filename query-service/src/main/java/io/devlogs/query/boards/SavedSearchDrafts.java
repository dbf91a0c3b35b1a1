package io.devlogs.query.boards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.JsonBody;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a saved search from a request body: {@code name}, {@code query} (an object of the search
 * route's filter parameters, each a string or an array of strings; {@code q} is not interpreted),
 * {@code range} ({@link TimeWindow}), {@code columns} and {@code shared}. Refusals are 400 {@code
 * invalid_body} naming the field.
 */
final class SavedSearchDrafts {
  static final int MAX_NAME = 200;
  static final int MAX_VALUE = 8 * 1024;
  static final int MAX_VALUES = 50;
  static final int MAX_COLUMNS = 40;
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z0-9_.:@-]{1,100}");

  private SavedSearchDrafts() {}

  static SavedSearch.Draft read(JsonBody body) {
    String name = name(body, MAX_NAME);
    Map<String, List<String>> query =
        query(body.optionalNode("query").orElseGet(JsonNodeFactory.instance::objectNode));
    TimeWindow window = TimeWindow.parse(body.optionalNode("range").orElse(null), "range");
    List<String> columns = body.texts("columns");
    if (columns.size() > MAX_COLUMNS) {
      throw JsonBody.invalid("columns", "has more than " + MAX_COLUMNS + " columns");
    }
    for (String column : columns) {
      if (!COLUMN.matcher(column).matches()) {
        throw JsonBody.invalid("columns", "has a column name that is not a field name: " + column);
      }
    }
    return new SavedSearch.Draft(name, query, window, List.copyOf(columns), flag(body, "shared"));
  }

  static String name(JsonBody body, int max) {
    String name = body.text("name").trim();
    if (name.isEmpty() || name.length() > max) {
      throw JsonBody.invalid("name", "must have 1 to " + max + " characters");
    }
    return name;
  }

  static boolean flag(JsonBody body, String field) {
    JsonNode value = body.optionalNode(field).orElse(null);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw JsonBody.invalid(field, "must be true or false");
    }
    return value.asBoolean();
  }

  private static Map<String, List<String>> query(JsonNode node) {
    if (!node.isObject()) {
      throw JsonBody.invalid("query", "must be an object of search parameters");
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    int count = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (!SearchFilters.PARAMETERS.contains(name)
          && !(name.startsWith(SearchFilters.ATTRIBUTE_PREFIX)
              && name.length() > SearchFilters.ATTRIBUTE_PREFIX.length()
              && name.length() <= 200)) {
        throw JsonBody.invalid(
            "query." + name,
            "is not a search parameter: expected "
                + String.join(", ", new java.util.TreeSet<>(SearchFilters.PARAMETERS))
                + " or attr.<name>");
      }
      List<String> values = new ArrayList<>();
      JsonNode value = field.getValue();
      if (value.isTextual()) {
        values.add(value.asText());
      } else if (value.isArray()) {
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            throw JsonBody.invalid("query." + name, "must be a string or an array of strings");
          }
          values.add(item.asText());
        }
      } else {
        throw JsonBody.invalid("query." + name, "must be a string or an array of strings");
      }
      for (String text : values) {
        if (text.length() > MAX_VALUE) {
          throw JsonBody.invalid("query." + name, "has a value over " + MAX_VALUE + " characters");
        }
      }
      count += values.size();
      if (count > MAX_VALUES) {
        throw JsonBody.invalid("query", "has more than " + MAX_VALUES + " values");
      }
      if (!values.isEmpty()) {
        query.put(name, List.copyOf(values));
      }
    }
    return query;
  }
}
