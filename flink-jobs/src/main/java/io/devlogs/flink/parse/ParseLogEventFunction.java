package io.devlogs.flink.parse;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.safety.StoreSafeEvents;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Flink wrapper around {@link LogEventParser} and {@link StoreSafeEvents}: events safe for every
 * store go to the main output; records that cannot be parsed, and events past a bound, go to {@link
 * #DEAD_LETTERS} with the reason. Nothing thrown by a bad record reaches Flink.
 */
public class ParseLogEventFunction extends ProcessFunction<RawLogRecord, LogEvent> {

  /** Side output of records that could not be parsed. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private transient LogEventParser parser;

  @Override
  public void processElement(RawLogRecord raw, Context ctx, Collector<LogEvent> out) {
    if (parser == null) {
      parser = new LogEventParser();
    }
    ParseResult result;
    try {
      result = parser.parse(raw);
    } catch (RuntimeException e) {
      // The parser reports bad input as Failed; this is a safety net so one record can never
      // fail the job over and over.
      result = new ParseResult.Failed("parser error: " + e);
    }
    if (result instanceof ParseResult.Parsed parsed) {
      StoreSafeEvents.Checked checked = StoreSafeEvents.check(parsed.event());
      if (checked.safe()) {
        out.collect(checked.event());
      } else {
        ctx.output(
            DEAD_LETTERS, new DeadLetter(raw, checked.problem(), DeadLetterCause.OUT_OF_BOUNDS));
      }
    } else if (result instanceof ParseResult.Failed failed) {
      ctx.output(DEAD_LETTERS, new DeadLetter(raw, failed.reason()));
    }
  }
}
