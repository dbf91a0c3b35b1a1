package io.devlogs.query.streams;

import io.devlogs.query.records.LogEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Walks day partitions oldest first and stops as soon as {@code limit} events are collected. */
final class DayPartitions {
  /** Reads at most {@code remaining} events of one day partition, in time order. */
  @FunctionalInterface
  interface DayFetch {
    List<LogEvent> fetch(LocalDate day, int remaining);
  }

  private DayPartitions() {}

  static List<LogEvent> collect(List<LocalDate> days, int limit, DayFetch fetch) {
    List<LogEvent> events = new ArrayList<>();
    for (LocalDate day : days) {
      int remaining = limit - events.size();
      if (remaining <= 0) {
        break;
      }
      List<LogEvent> page = fetch.fetch(day, remaining);
      events.addAll(page.size() > remaining ? page.subList(0, remaining) : page);
    }
    return events;
  }
}
