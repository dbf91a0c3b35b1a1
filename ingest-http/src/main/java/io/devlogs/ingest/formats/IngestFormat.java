package io.devlogs.ingest.formats;

import io.javalin.http.Context;

/** One wire format of log events: how to split a body into records and how to answer. */
public interface IngestFormat {

  /**
   * The body's events as raw records for the Flink job, and the events it rejected.
   *
   * @throws InvalidBodyException if the body as a whole cannot be read
   */
  DecodedBody decode(byte[] body);

  /**
   * Answers a request whose valid events Kafka acknowledged; {@code body.problems()} may name
   * rejected events.
   */
  void answerAccepted(Context ctx, DecodedBody body);
}
