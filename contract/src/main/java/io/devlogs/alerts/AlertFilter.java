package io.devlogs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.flink.records.Level;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which events a rule looks at, with the search's semantics: the service (exact), the levels (any
 * of them), the text (every term a case-insensitive substring of the message; blanks separate
 * terms, a {@code "quoted phrase"} is one term) and attribute equalities (all). An absent field
 * matches every event.
 *
 * <p>JSON: {@code {"service": "pay", "level": "error", "text": "declined", "attributes": {"k":
 * "v"}}}; {@code level} is one level name or an array of them.
 */
public record AlertFilter(
    Optional<String> service,
    Set<Level> levels,
    List<String> terms,
    Map<String, String> attributes) {

  public static final AlertFilter ANY =
      new AlertFilter(Optional.empty(), Set.of(), List.of(), Map.of());

  public static final int MAX_VALUE_LENGTH = 512;
  public static final int MAX_TERMS = 16;
  public static final int MAX_ATTRIBUTES = 16;
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  public AlertFilter {
    Objects.requireNonNull(service, "service");
    levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
    terms = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
    attributes = Map.copyOf(attributes);
  }

  /** Whether an event with these fields passes the filter. */
  public boolean matches(
      String eventService, Level level, String message, Map<String, String> eventAttributes) {
    if (service.isPresent() && !service.get().equals(eventService)) {
      return false;
    }
    if (!levels.isEmpty() && !levels.contains(level)) {
      return false;
    }
    if (!terms.isEmpty()) {
      String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
      for (String term : terms) {
        if (!text.contains(term)) {
          return false;
        }
      }
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (!a.getValue().equals(eventAttributes.get(a.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a filter object; {@code field} is its path for error messages ({@code
   * definition.filter}). A missing or null node is {@link #ANY}.
   */
  public static AlertFilter parse(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return ANY;
    }
    if (!node.isObject()) {
      throw new InvalidAlertRuleException(field, "must be an object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("service", "level", "text", "attributes").contains(name)) {
        throw new InvalidAlertRuleException(
            field + "." + name, "unknown filter field, expected service, level, text, attributes");
      }
    }
    Optional<String> service = optionalText(node.get("service"), field + ".service");
    EnumSet<Level> levels = EnumSet.noneOf(Level.class);
    JsonNode level = node.get("level");
    if (level != null && !level.isNull()) {
      List<JsonNode> names = new ArrayList<>();
      if (level.isArray()) {
        level.forEach(names::add);
      } else {
        names.add(level);
      }
      for (JsonNode name : names) {
        if (!name.isTextual()) {
          throw new InvalidAlertRuleException(field + ".level", "must be a level name or a list");
        }
        levels.add(
            Level.parse(name.asText())
                .orElseThrow(
                    () ->
                        new InvalidAlertRuleException(
                            field + ".level",
                            "unknown level '"
                                + abbreviate(name.asText())
                                + "', expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL")));
      }
    }
    List<String> terms =
        optionalText(node.get("text"), field + ".text")
            .map(AlertFilter::splitTerms)
            .orElse(List.of());
    if (terms.size() > MAX_TERMS) {
      throw new InvalidAlertRuleException(field + ".text", "more than " + MAX_TERMS + " terms");
    }
    Map<String, String> attributes = new TreeMap<>();
    JsonNode attrs = node.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      if (!attrs.isObject()) {
        throw new InvalidAlertRuleException(field + ".attributes", "must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        String path = field + ".attributes." + abbreviate(a.getKey());
        if (!ATTRIBUTE_KEY.matcher(a.getKey()).matches()) {
          throw new InvalidAlertRuleException(
              path, "attribute key must match [A-Za-z0-9_.-]{1,128}");
        }
        if (!a.getValue().isTextual() || a.getValue().asText().length() > MAX_VALUE_LENGTH) {
          throw new InvalidAlertRuleException(
              path, "must be a string of at most " + MAX_VALUE_LENGTH + " characters");
        }
        attributes.put(a.getKey(), a.getValue().asText());
      }
      if (attributes.size() > MAX_ATTRIBUTES) {
        throw new InvalidAlertRuleException(
            field + ".attributes", "more than " + MAX_ATTRIBUTES + " attributes");
      }
    }
    return new AlertFilter(service, levels, terms, attributes);
  }

  /** The filter as JSON, fields in a fixed order, absent ones left out. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    service.ifPresent(s -> json.put("service", s));
    if (levels.size() == 1) {
      json.put("level", levels.iterator().next().name().toLowerCase(Locale.ROOT));
    } else if (!levels.isEmpty()) {
      ArrayNode names = json.putArray("level");
      EnumSet.copyOf(levels).forEach(l -> names.add(l.name().toLowerCase(Locale.ROOT)));
    }
    if (!terms.isEmpty()) {
      json.put("text", String.join(" ", terms.stream().map(AlertFilter::quoted).toList()));
    }
    if (!attributes.isEmpty()) {
      ObjectNode attrs = json.putObject("attributes");
      new TreeMap<>(attributes).forEach(attrs::put);
    }
    return json;
  }

  /**
   * Splits free text into terms as search does: blanks separate terms, a {@code "quoted phrase"} is
   * one term (an unclosed quote runs to the end), duplicates kept once.
   */
  public static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        addTerm(terms, term);
        quoted = !quoted;
      } else if (!quoted && Character.isWhitespace(c)) {
        addTerm(terms, term);
      } else {
        term.append(c);
      }
    }
    addTerm(terms, term);
    return terms;
  }

  private static void addTerm(List<String> terms, StringBuilder term) {
    String text = term.toString().strip();
    term.setLength(0);
    if (!text.isEmpty() && !terms.contains(text)) {
      terms.add(text);
    }
  }

  private static String quoted(String term) {
    return term.chars().anyMatch(Character::isWhitespace) ? '"' + term + '"' : term;
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidAlertRuleException(field, "must be a string");
    }
    String text = node.asText();
    if (text.length() > MAX_VALUE_LENGTH) {
      throw new InvalidAlertRuleException(field, "longer than " + MAX_VALUE_LENGTH + " characters");
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
