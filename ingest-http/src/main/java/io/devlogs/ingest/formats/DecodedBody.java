package io.devlogs.ingest.formats;

import io.devlogs.ingest.kafka.EventBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body split into the raw records the Flink job reads, and the events it rejected.
 *
 * @param recordFormat how the job reads each record (header {@code devlogs-format})
 * @param events the valid events, in request order: one JSON object or one text event each
 * @param positions each valid event's 0-based position among all events of the request, rejected
 *     ones included, so a retry with the bad events fixed gives the good ones the same ids
 * @param problems the invalid events, in request order
 */
public record DecodedBody(
    EventBatch.Format recordFormat,
    List<byte[]> events,
    List<Integer> positions,
    List<EventProblem> problems) {

  public DecodedBody {
    events = List.copyOf(events);
    positions = List.copyOf(positions);
    problems = List.copyOf(problems);
    if (positions.size() != events.size()) {
      throw new IllegalArgumentException("one position per event");
    }
  }

  /** How many events the request held, valid or not. */
  public int total() {
    return events.size() + problems.size();
  }

  /** Collects events and problems in request order, numbering positions. */
  static final class Builder {
    private final EventBatch.Format recordFormat;
    private final List<byte[]> events = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private final List<EventProblem> problems = new ArrayList<>();

    Builder(EventBatch.Format recordFormat) {
      this.recordFormat = recordFormat;
    }

    void event(byte[] event) {
      positions.add(count());
      events.add(event);
    }

    void problem(EventProblem problem) {
      problems.add(problem);
    }

    /** Events and problems so far: the position of the next one. */
    int count() {
      return events.size() + problems.size();
    }

    DecodedBody build() {
      return new DecodedBody(recordFormat, events, positions, problems);
    }
  }
}
