package io.devlogs.query.boards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.query.http.JsonBody;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard as it is stored, exported and imported (format {@value #FORMAT}, version {@value
 * #VERSION}): its name, time range, auto-refresh period, the values of its variables ({@code
 * service}, {@code level}, written {@code $service} and {@code $level} in panel parameters), and
 * its panels on a grid of {@value #COLUMNS} columns. Each panel names its kind and the parameters
 * of the query route that feeds it; the dashboard's time range replaces any of its own. Reading
 * refuses anything else with 400 {@code invalid_body} naming the field.
 */
public record DashboardDocument(
    String name,
    TimeWindow timeRange,
    int refreshSeconds,
    Map<String, String> variables,
    List<Panel> panels) {
  public static final String FORMAT = "devlogs-dashboard";
  public static final int VERSION = 1;
  public static final int COLUMNS = 12;
  static final int MAX_ROWS = 1000;
  static final int MAX_HEIGHT = 24;
  static final int MAX_PANELS = 40;
  static final int MAX_PARAMS = 20;
  static final int MAX_TEXT = 200;
  static final int MAX_PARAM_VALUE = 4096;
  static final Set<Integer> REFRESH_SECONDS = Set.of(0, 10, 30, 60, 300, 900);
  static final Set<String> VARIABLES = Set.of("service", "level");
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,99}");
  private static final Pattern PANEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final Pattern RULE_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One panel: where it sits on the grid, what it shows, with which route parameters. */
  public record Panel(
      String id,
      String title,
      PanelKind kind,
      int x,
      int y,
      int w,
      int h,
      Map<String, String> params) {}

  /** How {@link #read} treats the format header and the panels' ids. */
  public enum Mode {
    /** Create or change: format and version may be left out; panels without an id get one. */
    EDIT,
    /** Import: format and version are required; every panel gets a new id. */
    IMPORT
  }

  public static DashboardDocument read(JsonNode root, Mode mode) {
    if (root == null || !root.isObject()) {
      throw JsonBody.invalid("document", "must be a JSON object");
    }
    JsonNode format = root.get("format");
    JsonNode version = root.get("version");
    if (mode == Mode.IMPORT || format != null) {
      if (format == null || !FORMAT.equals(format.asText())) {
        throw JsonBody.invalid("format", "must be \"" + FORMAT + "\" (a dashboard export)");
      }
    }
    if (mode == Mode.IMPORT || version != null) {
      if (version == null || !version.isInt()) {
        throw JsonBody.invalid("version", "must be the format's version, " + VERSION);
      }
      if (version.asInt() != VERSION) {
        throw JsonBody.invalid(
            "version",
            "is "
                + version.asInt()
                + "; this service reads version "
                + VERSION
                + " of the dashboard format");
      }
    }
    String name = text(root, "name", true);
    TimeWindow range =
        root.hasNonNull("timeRange")
            ? TimeWindow.parse(root.get("timeRange"), "timeRange")
            : TimeWindow.lastOf("1h");
    int refresh = 0;
    if (root.hasNonNull("refreshSeconds")) {
      JsonNode value = root.get("refreshSeconds");
      if (!value.isInt() || !REFRESH_SECONDS.contains(value.asInt())) {
        throw JsonBody.invalid("refreshSeconds", "must be one of 0 (off), 10, 30, 60, 300, 900");
      }
      refresh = value.asInt();
    }
    Map<String, String> variables = variables(root.get("variables"));
    List<Panel> panels = panels(root.get("panels"), mode);
    return new DashboardDocument(name, range, refresh, variables, panels);
  }

  /** The export: format and version first, then the dashboard. */
  public ObjectNode toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.put("format", FORMAT);
    json.put("version", VERSION);
    json.put("name", name);
    json.set("timeRange", timeRange.toJson());
    json.put("refreshSeconds", refreshSeconds);
    ObjectNode vars = json.putObject("variables");
    variables.forEach(vars::put);
    ArrayNode list = json.putArray("panels");
    for (Panel panel : panels) {
      ObjectNode p = list.addObject();
      p.put("id", panel.id());
      p.put("title", panel.title());
      p.put("kind", panel.kind().jsonName());
      p.put("x", panel.x());
      p.put("y", panel.y());
      p.put("w", panel.w());
      p.put("h", panel.h());
      ObjectNode params = p.putObject("params");
      panel.params().forEach(params::put);
    }
    return json;
  }

  private static Map<String, String> variables(JsonNode node) {
    Map<String, String> variables = new LinkedHashMap<>();
    VARIABLES.stream().sorted().forEach(v -> variables.put(v, ""));
    if (node == null || node.isNull()) {
      return variables;
    }
    if (!node.isObject()) {
      throw JsonBody.invalid("variables", "must be an object such as {\"service\": \"api\"}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!VARIABLES.contains(field.getKey())) {
        throw JsonBody.invalid(
            "variables." + field.getKey(), "is not a variable: expected service or level");
      }
      JsonNode value = field.getValue();
      if (!value.isTextual() || value.asText().length() > MAX_TEXT) {
        throw JsonBody.invalid(
            "variables." + field.getKey(), "must be text of at most " + MAX_TEXT + " characters");
      }
      variables.put(field.getKey(), value.asText());
    }
    return variables;
  }

  private static List<Panel> panels(JsonNode node, Mode mode) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw JsonBody.invalid("panels", "must be an array");
    }
    if (node.size() > MAX_PANELS) {
      throw JsonBody.invalid("panels", "has more than " + MAX_PANELS + " panels");
    }
    List<Panel> panels = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      Panel panel = panel(node.get(i), "panels[" + i + "]", mode);
      if (!ids.add(panel.id())) {
        throw JsonBody.invalid("panels[" + i + "].id", "repeats the id '" + panel.id() + "'");
      }
      panels.add(panel);
    }
    return List.copyOf(panels);
  }

  private static Panel panel(JsonNode node, String field, Mode mode) {
    if (!node.isObject()) {
      throw JsonBody.invalid(field, "must be an object");
    }
    String kindText = text(node, "kind", true, field + ".kind");
    PanelKind kind =
        PanelKind.of(kindText)
            .orElseThrow(
                () -> JsonBody.invalid(field + ".kind", "must be one of " + PanelKind.names()));
    String id = mode == Mode.IMPORT ? null : text(node, "id", false, field + ".id");
    if (id == null) {
      id = newPanelId();
    } else if (!PANEL_ID.matcher(id).matches()) {
      throw JsonBody.invalid(field + ".id", "must be 1 to 40 letters, digits, '-' or '_'");
    }
    String title = text(node, "title", false, field + ".title");
    int w = integer(node, "w", 1, COLUMNS, field);
    int x = integer(node, "x", 0, COLUMNS - 1, field);
    if (x + w > COLUMNS) {
      throw JsonBody.invalid(field, "reaches past the grid's " + COLUMNS + " columns (x + w)");
    }
    int y = integer(node, "y", 0, MAX_ROWS, field);
    int h = integer(node, "h", 1, MAX_HEIGHT, field);
    Map<String, String> params = params(node, field);
    if (kind == PanelKind.DERIVED) {
      requireRuleId(params, field);
    }
    return new Panel(id, title == null ? kind.jsonName() : title, kind, x, y, w, h, params);
  }

  /**
   * A derived panel names its recording rule by id. Which project's rule it is gets checked when
   * the panel reads it: the series route answers 404 for another project's or a deleted rule.
   */
  private static void requireRuleId(Map<String, String> params, String field) {
    String rule = params.get("rule");
    if (rule == null || !RULE_ID.matcher(rule).matches()) {
      throw JsonBody.invalid(
          field + ".params.rule", "must be the id of a recording rule (a derived metric)");
    }
  }

  private static Map<String, String> params(JsonNode panel, String field) {
    JsonNode node = panel.get("params");
    Map<String, String> params = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return params;
    }
    if (!node.isObject()) {
      throw JsonBody.invalid(field + ".params", "must be an object of route parameters");
    }
    if (node.size() > MAX_PARAMS) {
      throw JsonBody.invalid(field + ".params", "has more than " + MAX_PARAMS + " parameters");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> param = it.next();
      String name = param.getKey();
      String where = field + ".params." + name;
      if (!PARAM_NAME.matcher(name).matches()) {
        throw JsonBody.invalid(where, "is not a parameter name");
      }
      if (name.equals("from") || name.equals("to")) {
        throw JsonBody.invalid(where, "is the dashboard's: set timeRange instead");
      }
      JsonNode value = param.getValue();
      if (!value.isTextual() || value.asText().length() > MAX_PARAM_VALUE) {
        throw JsonBody.invalid(where, "must be text of at most " + MAX_PARAM_VALUE + " characters");
      }
      params.put(name, value.asText());
    }
    return params;
  }

  private static String text(JsonNode node, String name, boolean required) {
    return text(node, name, required, name);
  }

  private static String text(JsonNode node, String name, boolean required, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw JsonBody.invalid(field, "is required (text)");
      }
      return null;
    }
    String text = value.isTextual() ? value.asText().trim() : null;
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      throw JsonBody.invalid(field, "must be text of 1 to " + MAX_TEXT + " characters");
    }
    return text;
  }

  private static int integer(JsonNode node, String name, int min, int max, String field) {
    JsonNode value = node.get(name);
    if (value == null || !value.isInt() || value.asInt() < min || value.asInt() > max) {
      throw JsonBody.invalid(
          field + "." + name, "must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  private static String newPanelId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "p" + HexFormat.of().formatHex(bytes);
  }
}
