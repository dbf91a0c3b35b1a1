package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the minute windows receive: the totals of one or more events of one (project, service,
 * level) and one minute, combined before the shuffle by {@link WindowInputCombiner}, so the window
 * chain neither deserialises whole events nor updates its state once per event.
 *
 * @param project the events' project
 * @param service the events' service
 * @param level the events' level
 * @param totals the events' totals (count, bytes, errors, latency)
 * @param event the one event these totals are of, when its window was already due where it was
 *     combined (its watermark had passed the window's end): the window may drop it as too late, and
 *     then the event itself becomes the dead letter; {@code null} for the totals of on-time events
 */
@TypeInfo(WindowInputTypeInfoFactory.class)
public record WindowInput(
    String project, String service, Level level, WindowAccumulator totals, LogEvent event) {

  public WindowInput {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(totals, "totals");
  }

  /** One event on its own, with the event (it may turn out too late for its window). */
  public static WindowInput of(LogEvent event) {
    return new WindowInput(
        event.projectId(),
        event.service(),
        event.level(),
        new WindowAccumulator().add(event),
        event);
  }

  /** The totals of on-time events of one key and minute (none of them can be too late). */
  public static WindowInput totals(
      String project, String service, Level level, WindowAccumulator totals) {
    return new WindowInput(project, service, level, totals, null);
  }
}
