package io.devlogs.flink.recording;

import io.devlogs.flink.aggregate.EmitWindowRow;
import io.devlogs.recording.RecordingRule;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** The minute window of one recording rule: its values add up into a {@link RuleMinute}. */
public final class RecordMinutes
    implements AggregateFunction<RecordedValue, RuleMinute, RuleMinute> {

  private static final long serialVersionUID = 1L;

  @Override
  public RuleMinute createAccumulator() {
    return new RuleMinute();
  }

  @Override
  public RuleMinute add(RecordedValue value, RuleMinute minute) {
    return minute.add(value.group(), value.value(), value.maxGroups());
  }

  @Override
  public RuleMinute getResult(RuleMinute minute) {
    return minute;
  }

  @Override
  public RuleMinute merge(RuleMinute a, RuleMinute b) {
    return a.merge(b, RecordingRule.MAX_GROUPS);
  }

  /**
   * A rule's minute as one {@link RecordedMinute} per group (and one for the other group when it
   * holds events), every firing with the next version of the window ({@link
   * EmitWindowRow#nextVersion}, kept in per-window state), so a late event's firing replaces the
   * minute's rows.
   */
  public static final class Emit
      extends ProcessWindowFunction<RuleMinute, RecordedMinute, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(
        String key, Context context, Iterable<RuleMinute> minutes, Collector<RecordedMinute> out)
        throws Exception {
      ValueState<Long> last = context.windowState().getState(EmitWindowRow.LAST_VERSION);
      long version = EmitWindowRow.nextVersion(last.value(), context.currentProcessingTime());
      last.update(version);
      int split = key.indexOf('\u0000');
      String project = key.substring(0, split);
      String ruleId = key.substring(split + 1);
      long start = context.window().getStart();
      RuleMinute minute = minutes.iterator().next();
      for (Map.Entry<String, GroupStats> group : minute.groups().entrySet()) {
        out.collect(
            RecordedMinute.of(
                project, ruleId, start, group.getKey(), false, group.getValue(), version));
      }
      if (minute.other().events() > 0) {
        out.collect(RecordedMinute.of(project, ruleId, start, "{}", true, minute.other(), version));
      }
    }

    @Override
    public void clear(Context context) {
      context.windowState().getState(EmitWindowRow.LAST_VERSION).clear();
    }
  }
}
