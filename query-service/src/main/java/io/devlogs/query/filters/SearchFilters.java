package io.devlogs.query.filters;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logql.LogqlFilter;
import io.devlogs.query.logql.LogqlParameter;
import io.devlogs.query.records.LogEvent;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The filters shared by search, histogram, facets, export and live tail: levels (any), services
 * (any, exact), stream (exact), free-text terms (all, case-insensitive substrings of the message),
 * attribute equalities (all), a log pattern (exact id; not in live tail, which refuses it) and a
 * LogQL log query ({@code q} starting with <code>{</code>, instead of terms). Empty collections
 * mean "no filter". Parsing is strict: every problem is a 400 naming the parameter.
 */
public record SearchFilters(
    Set<Level> levels,
    Set<String> services,
    Optional<String> stream,
    List<String> terms,
    Map<String, String> attributes,
    Optional<String> pattern,
    Optional<LogqlFilter> logql) {

  /** Filters without a pattern or a LogQL query. */
  public SearchFilters(
      Set<Level> levels,
      Set<String> services,
      Optional<String> stream,
      List<String> terms,
      Map<String, String> attributes) {
    this(levels, services, stream, terms, attributes, Optional.empty(), Optional.empty());
  }

  /** Filters without a LogQL query. */
  public SearchFilters(
      Set<Level> levels,
      Set<String> services,
      Optional<String> stream,
      List<String> terms,
      Map<String, String> attributes,
      Optional<String> pattern) {
    this(levels, services, stream, terms, attributes, pattern, Optional.empty());
  }

  /** Prefix of attribute filter parameters: {@code attr.http.status=500}. */
  public static final String ATTRIBUTE_PREFIX = "attr.";

  /** Names of the parameters {@link #parse} reads, besides {@code attr.*}. */
  public static final Set<String> PARAMETERS = Set.of("level", "service", "stream", "q", "pattern");

  private static final Pattern PATTERN_ID = Pattern.compile("[0-9a-f]{16}");

  public static final int MAX_VALUE_LENGTH = 512;
  public static final int MAX_TERMS = 16;
  public static final int MAX_SERVICES = 50;
  public static final int MAX_ATTRIBUTES = 16;
  private static final String LEVEL_NAMES =
      String.join(", ", EnumSet.allOf(Level.class).stream().map(Level::name).toList());
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  public static final SearchFilters NONE =
      new SearchFilters(Set.of(), Set.of(), Optional.empty(), List.of(), Map.of());

  /** Only a LogQL log query (Loki's live tail). */
  public static SearchFilters logqlOnly(LogqlFilter logql) {
    return new SearchFilters(
        Set.of(),
        Set.of(),
        Optional.empty(),
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.of(logql));
  }

  public SearchFilters {
    levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
    services = Set.copyOf(services);
    Objects.requireNonNull(stream, "stream");
    terms = List.copyOf(terms);
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(logql, "logql");
  }

  /**
   * Reads {@code level, service, stream, q, pattern} and {@code attr.<key>}; other parameters are
   * ignored. A {@code q} that starts with <code>{</code> is a LogQL log query (a parse error is a
   * 400 naming its position), any other keeps its meaning of free-text terms.
   */
  public static SearchFilters parse(RequestParams params) {
    EnumSet<Level> levels = EnumSet.noneOf(Level.class);
    for (String name : params.list("level")) {
      levels.add(
          Level.parse(name)
              .orElseThrow(
                  () ->
                      ApiException.badParameter(
                          "level",
                          "unknown level '"
                              + abbreviate(name)
                              + "', expected one of "
                              + LEVEL_NAMES)));
    }
    Set<String> services = new LinkedHashSet<>();
    for (String service : params.list("service")) {
      services.add(checkLength("service", service));
    }
    if (services.size() > MAX_SERVICES) {
      throw ApiException.badParameter("service", "more than " + MAX_SERVICES + " services");
    }
    Optional<String> stream = params.text("stream", MAX_VALUE_LENGTH);
    Optional<LogqlFilter> logql =
        params.single("q").filter(LogqlParameter::isLogql).map(q -> LogqlFilter.parse("q", q));
    List<String> terms =
        logql.isPresent()
            ? List.of()
            : params.text("q", MAX_VALUE_LENGTH).map(FreeText::terms).orElse(List.of());
    if (terms.size() > MAX_TERMS) {
      throw ApiException.badParameter("q", "more than " + MAX_TERMS + " terms");
    }
    Map<String, String> attributes = new TreeMap<>();
    for (String name : params.names()) {
      if (name.startsWith(ATTRIBUTE_PREFIX)) {
        String key = name.substring(ATTRIBUTE_PREFIX.length());
        if (!ATTRIBUTE_KEY.matcher(key).matches()) {
          throw ApiException.badParameter(
              abbreviate(name), "attribute key must match [A-Za-z0-9_.-]{1,128}");
        }
        String value =
            params.singleRaw(name).orElseThrow(() -> ApiException.badParameter(name, "no value"));
        attributes.put(key, checkLength(name, value));
      }
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw ApiException.badParameter(
          "attr.*", "more than " + MAX_ATTRIBUTES + " attribute filters");
    }
    Optional<String> pattern = params.text("pattern", MAX_VALUE_LENGTH);
    if (pattern.isPresent() && !PATTERN_ID.matcher(pattern.get()).matches()) {
      throw ApiException.badParameter(
          "pattern", "a pattern id is 16 hex digits, as GET /v1/patterns lists them");
    }
    return new SearchFilters(levels, services, stream, terms, attributes, pattern, logql);
  }

  /** Whether an event passes every filter; the in-memory twin of the SQL conditions (live tail). */
  public boolean matches(LogEvent event) {
    if (!levels.isEmpty() && Level.parse(event.level()).filter(levels::contains).isEmpty()) {
      return false;
    }
    if (!services.isEmpty() && !services.contains(event.service())) {
      return false;
    }
    if (stream.isPresent() && !stream.get().equals(event.stream())) {
      return false;
    }
    if (!terms.isEmpty()) {
      String message = event.message() == null ? "" : event.message().toLowerCase(Locale.ROOT);
      for (String term : terms) {
        if (!message.contains(term.toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
    }
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (!attribute.getValue().equals(event.attributes().get(attribute.getKey()))) {
        return false;
      }
    }
    return logql.isEmpty() || logql.get().matches(event);
  }

  private static String checkLength(String name, String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw ApiException.badParameter(name, "longer than " + MAX_VALUE_LENGTH + " characters");
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
