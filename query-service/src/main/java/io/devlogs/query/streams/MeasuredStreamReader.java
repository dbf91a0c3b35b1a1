package io.devlogs.query.streams;

import io.devlogs.query.ops.StoreOutcome;
import io.devlogs.query.ops.StoreTimer;
import io.devlogs.query.records.LogEvent;
import java.util.List;
import java.util.Objects;

/**
 * Wraps a {@link StreamReader} to record each read's time, {@code ok} or {@code error}; the answers
 * are the wrapped reader's.
 */
public final class MeasuredStreamReader implements StreamReader {
  private final StreamReader reader;
  private final StoreTimer timer;

  public MeasuredStreamReader(StreamReader reader, StoreTimer timer) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  @Override
  public List<LogEvent> read(String projectId, StreamRequest request) {
    long start = System.nanoTime();
    StoreOutcome outcome = StoreOutcome.ERROR;
    try {
      List<LogEvent> events = reader.read(projectId, request);
      outcome = StoreOutcome.OK;
      return events;
    } finally {
      timer.record((System.nanoTime() - start) / 1e9, outcome);
    }
  }
}
