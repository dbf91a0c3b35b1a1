package io.devlogs.query.tail;

import io.devlogs.query.records.LogEvent;
import io.devlogs.topics.ParsedEvent;
import io.devlogs.topics.ParsedEventJson;

/**
 * Reads one record value of the parsed-events topic ({@link ParsedEventJson}, the contract the job
 * writes) as the event the API shows.
 */
final class ParsedEventDecoder {

  private ParsedEventDecoder() {}

  /**
   * @throws IllegalArgumentException naming the problem when the value is not such an event
   */
  static LogEvent decode(byte[] value) {
    ParsedEvent event = ParsedEventJson.read(value);
    return new LogEvent(
        event.id(),
        event.timestamp(),
        event.level().name(),
        event.service(),
        event.stream(),
        event.message(),
        event.attributes());
  }
}
