package io.devlogs.topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A record of the raw topic, as ingest writes it and the Flink job reads it back: key = the project
 * id, timestamp = when ingest received the request, value = one event's bytes in the format its
 * {@value #HEADER_FORMAT} header names, and the headers below, all UTF-8 text.
 *
 * <p>Kafka-free on purpose: ingest and the job use different Kafka clients (the job pins the one
 * its connector was built with), so both sides turn these name/value pairs into their client's
 * headers.
 */
public final class RawRecord {

  /** The project the event belongs to (also the record key). */
  public static final String HEADER_PROJECT = "devlogs-project";

  /** When ingest received the request, epoch millis as a decimal number. */
  public static final String HEADER_RECEIVED_MS = "devlogs-received-ms";

  /** How the job reads the value: {@value #FORMAT_JSON} or {@value #FORMAT_TEXT}. */
  public static final String HEADER_FORMAT = "devlogs-format";

  /** The stream of the request ({@code stream} query parameter), when the client named one. */
  public static final String HEADER_STREAM = "devlogs-stream";

  /** The service of the request ({@code service} query parameter), when the client named one. */
  public static final String HEADER_SERVICE = "devlogs-service";

  /** The event's position in its request, part of derived event ids. */
  public static final String HEADER_INDEX = "devlogs-index";

  /** The request's {@code Idempotency-Key}, when the client sent one. */
  public static final String HEADER_IDEMPOTENCY_KEY = "devlogs-idempotency-key";

  /** Value of {@value #HEADER_FORMAT}: one JSON object per record. */
  public static final String FORMAT_JSON = "json";

  /** Value of {@value #HEADER_FORMAT}: one text event per record (a line and its stack trace). */
  public static final String FORMAT_TEXT = "text";

  private RawRecord() {}

  /** One header: its name and UTF-8 value. */
  public record Header(String name, byte[] value) {}

  /**
   * The devlogs headers of a record as text, each null when the record has none.
   *
   * @param project {@value #HEADER_PROJECT}
   * @param receivedMs {@value #HEADER_RECEIVED_MS}
   * @param format {@value #HEADER_FORMAT}
   * @param stream {@value #HEADER_STREAM}
   * @param service {@value #HEADER_SERVICE}
   * @param index {@value #HEADER_INDEX}
   * @param idempotencyKey {@value #HEADER_IDEMPOTENCY_KEY}
   */
  public record Headers(
      String project,
      String receivedMs,
      String format,
      String stream,
      String service,
      String index,
      String idempotencyKey) {}

  /** The record key of a project's events. */
  public static byte[] key(String projectId) {
    return utf8(projectId);
  }

  /** The project id a record key holds, or null for a record without a key. */
  public static String projectOfKey(byte[] key) {
    return text(key);
  }

  /**
   * The headers every record of one request carries, in the order ingest writes them; the stream,
   * service and idempotency key only when given (null otherwise). {@link #indexHeader} completes
   * each record's headers.
   */
  public static List<Header> requestHeaders(
      String projectId,
      long receivedMillis,
      String format,
      String stream,
      String service,
      String idempotencyKey) {
    List<Header> headers = new ArrayList<>(6);
    headers.add(new Header(HEADER_PROJECT, utf8(projectId)));
    headers.add(new Header(HEADER_RECEIVED_MS, utf8(Long.toString(receivedMillis))));
    headers.add(new Header(HEADER_FORMAT, utf8(format)));
    if (stream != null) {
      headers.add(new Header(HEADER_STREAM, utf8(stream)));
    }
    if (service != null) {
      headers.add(new Header(HEADER_SERVICE, utf8(service)));
    }
    if (idempotencyKey != null) {
      headers.add(new Header(HEADER_IDEMPOTENCY_KEY, utf8(idempotencyKey)));
    }
    return headers;
  }

  /** The header with an event's position in its request. */
  public static Header indexHeader(int index) {
    return new Header(HEADER_INDEX, utf8(Integer.toString(index)));
  }

  /**
   * Reads the devlogs headers of a record.
   *
   * @param lastValue the value of the last header of a name, or null when there is none
   */
  public static Headers readHeaders(Function<String, byte[]> lastValue) {
    return new Headers(
        text(lastValue.apply(HEADER_PROJECT)),
        text(lastValue.apply(HEADER_RECEIVED_MS)),
        text(lastValue.apply(HEADER_FORMAT)),
        text(lastValue.apply(HEADER_STREAM)),
        text(lastValue.apply(HEADER_SERVICE)),
        text(lastValue.apply(HEADER_INDEX)),
        text(lastValue.apply(HEADER_IDEMPOTENCY_KEY)));
  }

  /**
   * When ingest received the record, epoch millis: the {@value #HEADER_RECEIVED_MS} header, else
   * (absent or not a number) the Kafka timestamp, which ingest sets to the same moment.
   */
  public static long receivedMillis(String receivedMsHeader, long kafkaTimestampMillis) {
    if (receivedMsHeader != null) {
      try {
        return Long.parseLong(receivedMsHeader.trim());
      } catch (NumberFormatException e) {
        // fall through to the Kafka timestamp
      }
    }
    return kafkaTimestampMillis;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
