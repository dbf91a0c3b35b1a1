package io.devlogs.flink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * The events' ClickHouse rows, except that an event whose message holds {@link #MARK} gets a field
 * ClickHouse has no column for, so ClickHouse refuses its row (and only its row): a poison row that
 * passes every check of the job, as a store's unknown limit would.
 */
public final class PoisonedRows implements ClickHouseRowFormat<LogEvent> {

  private static final long serialVersionUID = 1L;

  public static final String MARK = "POISON ";
  static final int EVERY = 250;

  public PoisonedRows() {}

  private final ClickHouseEventFormat events = new ClickHouseEventFormat();

  /** Whether good event {@code i} of a partition is poisoned. */
  static boolean poisoned(int i) {
    return i % EVERY == 7;
  }

  @Override
  public List<String> columns() {
    return events.columns();
  }

  @Override
  public List<String> keyColumns() {
    return events.keyColumns();
  }

  @Override
  public String partitionExpression() {
    return events.partitionExpression();
  }

  @Override
  public long partitionOf(LogEvent event) {
    return events.partitionOf(event);
  }

  @Override
  public boolean expired(long partition, LocalDate today) {
    return events.expired(partition, today);
  }

  @Override
  public void writeFields(LogEvent event, JsonGenerator json) throws IOException {
    events.writeFields(event, json);
    if (event.message().contains(MARK)) {
      json.writeStringField("poison", "no such column");
    }
  }

  @Override
  public DeadLetter deadLetter(String fields, String error) {
    return events.deadLetter(fields, error);
  }
}
