package io.devlogs.query.streams;

import io.devlogs.query.records.LogEvent;
import java.util.List;

/** Reads one named stream of a project in time order (oldest first). */
public interface StreamReader {
  /**
   * @throws io.devlogs.query.http.BackendException when the store cannot answer
   */
  List<LogEvent> read(String projectId, StreamRequest request);
}
