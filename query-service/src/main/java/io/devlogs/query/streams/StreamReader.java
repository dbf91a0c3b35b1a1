package io.devlogs.query.streams;

import io.devlogs.query.records.LogEvent;
import java.util.List;

/** Reads one named stream of a project in time order (oldest first). */
public interface StreamReader {
  /**
   * The events of {@code request}'s range after its position (if any), oldest first: at most {@code
   * request.limit() + 1}, the extra one telling the caller that another page follows.
   *
   * @throws io.devlogs.query.http.BackendException when the store cannot answer
   */
  List<LogEvent> read(String projectId, StreamRequest request);
}
