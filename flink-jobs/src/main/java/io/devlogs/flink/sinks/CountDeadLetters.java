package io.devlogs.flink.sinks;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Passes dead letters through unchanged and counts them by cause: the counter {@value #METRIC} in
 * the group {@code cause=<code>} of each {@link DeadLetterCause} (the Prometheus reporter makes the
 * group a {@code cause} label). Every cause is registered at start, so its series exists at 0 and a
 * rate over it never starts from nothing; the causes are a closed set, so the series are bounded.
 */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "Count dead letters by cause";
  public static final String UID = "count-dead-letters";
  public static final String METRIC = "deadLetters";
  public static final String CAUSE_GROUP = "cause";

  private transient Map<DeadLetterCause, Counter> byCause;

  @Override
  public void open(OpenContext context) {
    byCause = new EnumMap<>(DeadLetterCause.class);
    for (DeadLetterCause cause : DeadLetterCause.values()) {
      byCause.put(
          cause,
          getRuntimeContext().getMetricGroup().addGroup(CAUSE_GROUP, cause.code()).counter(METRIC));
    }
  }

  @Override
  public DeadLetter map(DeadLetter letter) {
    byCause.get(letter.cause()).inc();
    return letter;
  }
}
