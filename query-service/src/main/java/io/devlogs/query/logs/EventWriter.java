package io.devlogs.query.logs;

import io.devlogs.query.records.LogEvent;
import java.io.IOException;

/**
 * Receives an export's events as the store reads them. {@link #open} comes once the query has
 * started without error, so a rejected query can still answer with an error status.
 */
public interface EventWriter {
  void open() throws IOException;

  void write(LogEvent event) throws IOException;

  void close() throws IOException;
}
