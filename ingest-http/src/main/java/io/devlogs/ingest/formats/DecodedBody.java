package io.devlogs.ingest.formats;

import io.devlogs.ingest.EventBatch;
import java.util.List;

/**
 * A request body split into the raw records the Flink job reads, and the events it rejected.
 *
 * @param recordFormat how the job reads each record (header {@code devlogs-format})
 * @param events the valid events, in request order: one JSON object or one text event each
 * @param problems the invalid events, in request order
 * @param total how many events the request held, valid or not
 */
public record DecodedBody(
    EventBatch.Format recordFormat, List<byte[]> events, List<EventProblem> problems, int total) {

  public DecodedBody {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }

  static DecodedBody of(
      EventBatch.Format recordFormat, List<byte[]> events, List<EventProblem> problems) {
    return new DecodedBody(recordFormat, events, problems, events.size() + problems.size());
  }
}
