package io.devlogs.query.logs;

import io.devlogs.query.records.LogEvent;
import java.util.List;

/** Searches one project's events, newest first. */
public interface LogSearch {
  /**
   * @throws io.devlogs.query.http.BackendException when the store cannot answer
   */
  List<LogEvent> search(String projectId, LogSearchRequest request);
}
