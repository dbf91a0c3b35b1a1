package io.devlogs.query.loki;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.logql.LogqlAst.Expr;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlParser;
import io.devlogs.query.loki.LokiStore.DetectedField;
import io.devlogs.query.loki.LokiStore.IndexStats;
import io.devlogs.query.loki.LokiStore.Volume;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loki's metadata routes over the authenticated project's events: {@code labels}, {@code
 * label/<name>/values}, {@code series}, {@code index/stats}, {@code index/volume}, {@code
 * detected_fields}, {@code patterns} (always empty: devlogs mines no patterns for Loki) and {@code
 * status/buildinfo}, in the shapes Grafana's Loki data source reads.
 */
public final class LokiMetadataController {
  /** The Loki version devlogs answers as: its read API as far as this package implements it. */
  public static final String LOKI_VERSION = "2.9.0";

  /** Label names are bound as values, so any attribute key up to this length is one. */
  private static final int MAX_LABEL_NAME = 256;

  private static final LogExpr EVERYTHING = new LogExpr(List.of(), List.of());
  private static final int DEFAULT_VOLUME_LIMIT = 100;
  private static final int DEFAULT_FIELDS_LIMIT = 1000;

  private final LokiStore store;
  private final Clock clock;

  public LokiMetadataController(LokiStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void labels(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    Optional<LogExpr> selector = params.optional("query").map(q -> selector("query", q));
    ctx.json(LokiJson.success(store.labelNames(Authentication.projectId(ctx), range, selector)));
  }

  public void labelValues(Context ctx) {
    String name = ctx.pathParam("name");
    checkedLabel("name", name);
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    Optional<LogExpr> selector = params.optional("query").map(q -> selector("query", q));
    ctx.json(
        LokiJson.success(store.labelValues(Authentication.projectId(ctx), name, range, selector)));
  }

  public void series(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    List<String> matches = new ArrayList<>(params.all("match[]"));
    matches.addAll(params.all("match"));
    String projectId = Authentication.projectId(ctx);
    LinkedHashSet<Map<String, String>> series = new LinkedHashSet<>();
    if (matches.isEmpty()) {
      series.addAll(store.series(projectId, range, EVERYTHING));
    }
    for (String match : matches) {
      series.addAll(store.series(projectId, range, selector("match[]", match)));
    }
    ctx.json(LokiJson.success(List.copyOf(series)));
  }

  public void indexStats(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    LogExpr selector = selector("query", params.required("query"));
    IndexStats stats = store.stats(Authentication.projectId(ctx), range, selector);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("streams", stats.streams());
    body.put("chunks", stats.chunks());
    body.put("bytes", stats.bytes());
    body.put("entries", stats.entries());
    ctx.json(body);
  }

  /**
   * Bytes per value of {@code targetLabels} (comma-separated), or of the selector's labels, as a
   * {@code vector} at {@code end}, largest first.
   */
  public void indexVolume(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    LogExpr selector = selector("query", params.required("query"));
    int limit = params.limit(DEFAULT_VOLUME_LIMIT);
    List<String> labels = new ArrayList<>();
    params
        .optional("targetLabels")
        .ifPresent(
            t -> {
              for (String label : t.split(",")) {
                if (!label.isBlank()) {
                  labels.add(checkedLabel("targetLabels", label.strip()));
                }
              }
            });
    if (labels.isEmpty()) {
      for (LabelMatcher matcher : selector.selector()) {
        if (!labels.contains(matcher.name())) {
          labels.add(matcher.name());
        }
      }
    }
    List<Volume> volumes =
        store.volume(Authentication.projectId(ctx), range, selector, labels, limit);
    List<Map<String, Object>> result = new ArrayList<>();
    for (Volume volume : volumes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metric", new TreeMap<>(volume.labels()));
      entry.put("value", List.of(LokiJson.seconds(range.to()), Long.toString(volume.bytes())));
      result.add(entry);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultType", "vector");
    data.put("result", result);
    ctx.json(LokiJson.success(data));
  }

  /** Attribute keys with their cardinality, as Loki's {@code detected_fields}. */
  public void detectedFields(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    TimeRange range = params.range(clock.instant());
    LogExpr selector = selector("query", params.required("query"));
    int limit = params.limit(DEFAULT_FIELDS_LIMIT);
    List<Map<String, Object>> fields = new ArrayList<>();
    for (DetectedField field :
        store.detectedFields(Authentication.projectId(ctx), range, selector, limit)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", field.label());
      entry.put("type", "string");
      entry.put("cardinality", field.cardinality());
      // null: stored with the event (Loki's structured metadata), not parsed at query time.
      entry.put("parsers", null);
      fields.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fields", fields);
    body.put("limit", limit);
    ctx.json(body);
  }

  /** Loki's log patterns: none (devlogs mines no patterns for the Loki API). */
  public void patterns(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    params.range(clock.instant());
    selector("query", params.required("query"));
    ctx.json(LokiJson.success(List.of()));
  }

  public static void buildInfo(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", LOKI_VERSION);
    body.put("revision", "devlogs");
    body.put("branch", "devlogs");
    body.put("buildUser", "");
    body.put("buildDate", "");
    body.put("goVersion", "");
    ctx.json(body);
  }

  /** A parameter holding a log query (a stream selector and maybe a pipeline). */
  private static LogExpr selector(String parameter, String query) {
    Expr expr = LogqlParser.parse(query);
    if (expr instanceof LogExpr log) {
      return log;
    }
    throw ApiException.badParameter(
        parameter, "expected a stream selector such as {service=\"api\"}, got a metric query");
  }

  private static String checkedLabel(String parameter, String name) {
    if (name.isEmpty() || name.length() > MAX_LABEL_NAME) {
      throw ApiException.badParameter(
          parameter, "a label name has 1 to " + MAX_LABEL_NAME + " characters");
    }
    return name;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
