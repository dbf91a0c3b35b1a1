package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the minute windows receive: the totals of one or more events of one (project, service,
 * level) and one minute, added up before the shuffle by a {@link MinuteCombiner} ({@link
 * #COMBINING}), so the window chain neither deserialises whole events nor updates its state once
 * per event.
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

  /** How the minute windows' events add up before the shuffle. */
  public static final MinuteCombiner.Combining<Key, WindowAccumulator, WindowInput> COMBINING =
      new Totals();

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

  /** The key of the minute windows. */
  public record Key(String project, String service, Level level) {}

  private static final class Totals
      implements MinuteCombiner.Combining<Key, WindowAccumulator, WindowInput> {
    private static final long serialVersionUID = 1L;

    @Override
    public Key key(LogEvent event) {
      return new Key(event.projectId(), event.service(), event.level());
    }

    @Override
    public WindowAccumulator add(WindowAccumulator sum, LogEvent event) {
      return (sum == null ? new WindowAccumulator() : sum).add(event);
    }

    @Override
    public WindowInput sum(Key key, WindowAccumulator sum) {
      return totals(key.project(), key.service(), key.level(), sum);
    }

    @Override
    public WindowInput alone(LogEvent event) {
      return of(event);
    }
  }
}
