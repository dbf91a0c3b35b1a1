package io.devlogs.ingest.formats;

import io.devlogs.ingest.formats.InvalidBodyException.Position;

/**
 * Why one event of a request was rejected while the others may be accepted.
 *
 * @param position what {@code number} counts
 * @param number the 1-based line, or the 0-based index or record
 * @param problem what is wrong, for the client
 * @param tooLarge whether the event exceeds the size limit (413 when nothing else is valid)
 */
public record EventProblem(Position position, int number, String problem, boolean tooLarge) {

  static EventProblem atLine(int line, String problem) {
    return new EventProblem(Position.LINE, line, problem, false);
  }

  static EventProblem atIndex(int index, String problem) {
    return new EventProblem(Position.INDEX, index, problem, false);
  }

  static EventProblem atRecord(int record, String problem) {
    return new EventProblem(Position.RECORD, record, problem, false);
  }

  EventProblem asTooLarge() {
    return new EventProblem(position, number, problem, true);
  }

  /** For example {@code line 3: malformed JSON ...}. */
  public String describe() {
    return InvalidBodyException.describe(position, number, problem);
  }
}
