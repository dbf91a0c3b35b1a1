package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogWindow;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

/**
 * The row of an hour window of {@link HourRollup}, as {@link EmitWindowRow} writes a minute's, but
 * only for an hour whose every minute row reached the rollup.
 *
 * <p><b>Why an hour may be incomplete.</b> A job restored from a savepoint taken before the rollup
 * existed (an upgrade) has minute windows that already fired: their rows are in ClickHouse, but
 * never reached the new hour windows. So the rollup remembers, in operator state, the event time
 * from which it has seen every minute row: the watermark of its first firing when it starts without
 * state of its own in a restored job (every minute emitted before that ended at or before the
 * watermark the job was restored with, which is no later), and forever when the job starts from
 * nothing (no minute fired before). Hours starting earlier get no row; readers take them from the
 * minute rows, as they take an hour whose row is not yet written.
 */
public class EmitHourRow extends EmitWindowRow implements CheckpointedFunction {

  /**
   * Union operator state: each subtask's event time from which its hours are complete; after a
   * restore every subtask takes the latest (all started the rollup at the same restore).
   */
  static final ListStateDescriptor<Long> COMPLETE_FROM =
      new ListStateDescriptor<>("hours-complete-from", Types.LONG);

  private transient ListState<Long> completeFromState;

  /** Null until known: the first firing of a rollup that started in a restored job sets it. */
  private transient Long completeFrom;

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    completeFromState = context.getOperatorStateStore().getUnionListState(COMPLETE_FROM);
    completeFrom = context.isRestored() ? null : Long.MIN_VALUE;
    for (Long restored : completeFromState.get()) {
      completeFrom = completeFrom == null ? restored : Math.max(completeFrom, restored);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    completeFromState.clear();
    if (completeFrom != null) {
      completeFromState.add(completeFrom);
    }
  }

  @Override
  public void process(
      Tuple3<String, String, String> key,
      Context context,
      Iterable<WindowAccumulator> totals,
      Collector<LogWindow> out)
      throws Exception {
    if (completeFrom == null) {
      completeFrom = context.currentWatermark();
    }
    if (context.window().getStart() >= completeFrom) {
      super.process(key, context, totals, out);
    }
  }
}
