package io.devlogs.query.logs;

import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlSql;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logql.MetricSql;
import io.devlogs.query.logql.MinuteWindowSql;
import io.devlogs.query.logs.Facets.FacetCount;
import io.devlogs.query.logs.Fields.Field;
import io.devlogs.query.logs.Fields.FieldValue;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogSearch} over ClickHouse {@code devlogs.events} (statements in {@link EventSql}, run
 * with the reader's limits). Statements stay valid on ClickHouse 18.16 and current versions.
 */
public final class ClickHouseLogSearch implements LogSearch {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseLogSearch.class);

  private final ClickHouseReader reader;

  public ClickHouseLogSearch(ClickHouseReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public List<LogEvent> search(String projectId, LogSearchRequest request) {
    return reader.list(
        EventSql.searchPage(projectId, request), request.limit(), ClickHouseLogSearch::toEvent);
  }

  @Override
  public Histogram histogram(String projectId, LogQuery query, Duration step) {
    // One row per bucket at most; +1 for a bucket that only partly lies in the range.
    long maxBuckets = query.range().length().dividedBy(step) + 2;
    Map<Long, Histogram.Counts> counts =
        reader.query(
            EventSql.histogram(projectId, query, step.toSeconds()),
            maxBuckets,
            rows -> {
              Map<Long, Histogram.Counts> byStart = new HashMap<>();
              while (rows.next()) {
                byStart.put(
                    rows.getLong("bucket"),
                    new Histogram.Counts(rows.getLong("events"), rows.getLong("errors")));
              }
              return byStart;
            });
    return Histogram.zeroFilled(query.range(), step, counts);
  }

  @Override
  public Facets facets(String projectId, LogQuery query) {
    return new Facets(
        reader.list(EventSql.levelCounts(projectId, query), 6, ClickHouseLogSearch::facetCount),
        reader.list(
            EventSql.serviceCounts(projectId, query, Facets.TOP_SERVICES),
            Facets.TOP_SERVICES,
            ClickHouseLogSearch::facetCount));
  }

  @Override
  public Fields fields(String projectId, LogQuery query, int values) {
    record Key(int kind, String name) {}
    record Totals(long events, long distinct, long numbers) {}
    Map<Key, Totals> totals =
        reader.query(
            EventSql.fieldTotals(
                projectId, query, Fields.MAX_SAMPLE, LogqlSql.NUMBER_VALUE, Fields.MAX_FIELDS),
            Fields.MAX_FIELDS,
            rows -> {
              Map<Key, Totals> byField = new LinkedHashMap<>();
              while (rows.next()) {
                byField.put(
                    new Key(rows.getInt("kind"), rows.getString("name")),
                    new Totals(
                        rows.getLong("events"),
                        rows.getLong("distinct_values"),
                        rows.getLong("numbers")));
              }
              return byField;
            });
    Map<Key, List<FieldValue>> top = new HashMap<>();
    reader.query(
        EventSql.fieldValues(projectId, query, Fields.MAX_SAMPLE, values),
        (long) values * Fields.MAX_SAMPLE,
        rows -> {
          while (rows.next()) {
            top.computeIfAbsent(
                    new Key(rows.getInt("kind"), rows.getString("name")), k -> new ArrayList<>())
                .add(new FieldValue(rows.getString("value"), rows.getLong("n")));
          }
          return null;
        });
    List<Field> fields = new ArrayList<>();
    long sampled = 0;
    for (Map.Entry<Key, Totals> entry : totals.entrySet()) {
      Key key = entry.getKey();
      Totals t = entry.getValue();
      boolean label = key.kind() == 1;
      if (label && key.name().equals("service")) {
        sampled = t.events(); // every event has a service label
      }
      fields.add(
          new Field(
              key.name(),
              label ? Fields.Kind.label : Fields.Kind.attribute,
              t.events(),
              t.distinct(),
              t.events() > 0 && t.numbers() == t.events(),
              top.getOrDefault(key, List.of())));
    }
    return new Fields(sampled, fields);
  }

  @Override
  public List<MetricSeries> metric(
      String projectId,
      MetricExpr query,
      Instant start,
      Instant end,
      long stepNanos,
      int maxSeries) {
    Optional<MetricSql> windowed = MinuteWindowSql.metric(projectId, query, start, end, stepNanos);
    LOG.debug(
        "LogQL metric query of {} answered from {}",
        projectId,
        windowed.isPresent() ? MinuteWindowSql.MINUTE_WINDOWS : MinuteWindowSql.RAW_EVENTS);
    MetricSql sql =
        windowed.orElseGet(() -> LogqlSql.metric(projectId, query, start, end, stepNanos));
    return reader.query(
        sql.query(),
        sql.maxRows(maxSeries),
        rows -> {
          MetricSeries.Collector series = new MetricSeries.Collector(sql, maxSeries);
          List<String> labels = new ArrayList<>(sql.labels().size());
          while (rows.next()) {
            labels.clear();
            for (int i = 0; i < sql.labels().size(); i++) {
              labels.add(rows.getString(sql.labelColumn(i)));
            }
            series.add(labels, rows.getLong("k"), rows.getDouble("value"));
          }
          return series.series();
        });
  }

  @Override
  public void export(String projectId, LogQuery query, int limit, EventWriter writer) {
    reader.stream(
        EventSql.export(projectId, query, limit),
        limit,
        rows -> {
          writer.open();
          while (rows.next()) {
            writer.write(toEvent(rows));
          }
          writer.close();
          return null;
        });
  }

  @Override
  public Optional<LogEvent> event(String projectId, String eventId, TimeRange range) {
    return reader.query(
        EventSql.byId(projectId, eventId, range),
        1,
        rows -> rows.next() ? Optional.of(toEvent(rows)) : Optional.empty());
  }

  private static FacetCount facetCount(ResultSet row) throws SQLException {
    return new FacetCount(row.getString("value"), row.getLong("n"));
  }

  /** The API event of a row of {@link EventSql#COLUMNS}. */
  public static LogEvent toEvent(ResultSet rows) throws SQLException {
    return toEvent(
        rows.getString("event_id"),
        rows.getLong("ts_seconds"),
        rows.getLong("ts_nanos"),
        rows.getString("level"),
        rows.getString("service"),
        rows.getString("stream"),
        rows.getString("message"),
        strings(rows.getArray("attr_keys")),
        strings(rows.getArray("attr_values")));
  }

  /** Maps one row to the API event; attributes are zipped from the two arrays. Pure. */
  public static LogEvent toEvent(
      String eventId,
      long tsSeconds,
      long tsNanos,
      String level,
      String service,
      String stream,
      String message,
      String[] attrKeys,
      String[] attrValues) {
    Map<String, String> attributes = new LinkedHashMap<>();
    int pairs = Math.min(attrKeys.length, attrValues.length);
    for (int i = 0; i < pairs; i++) {
      attributes.put(attrKeys[i], attrValues[i]);
    }
    return new LogEvent(
        eventId,
        Instant.ofEpochSecond(tsSeconds, tsNanos),
        level,
        service,
        stream,
        message,
        Collections.unmodifiableMap(attributes));
  }

  private static String[] strings(Array array) throws SQLException {
    if (array == null) {
      return new String[0];
    }
    Object values = array.getArray();
    if (values instanceof String[] strings) {
      return strings;
    }
    Object[] objects = (Object[]) values;
    String[] out = new String[objects.length];
    for (int i = 0; i < objects.length; i++) {
      out[i] = objects[i] == null ? null : objects[i].toString();
    }
    return out;
  }
}
