package io.devlogs.topics;

import io.devlogs.deadletters.DeadLetterCause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A record of the dead-letter topic, as the Flink job writes it: the original record's key and
 * value, its devlogs headers {@value RawRecord#HEADER_PROJECT}, {@value
 * RawRecord#HEADER_RECEIVED_MS}, {@value RawRecord#HEADER_FORMAT}, {@value RawRecord#HEADER_STREAM}
 * and {@value RawRecord#HEADER_SERVICE} (those it had), then the three below, all UTF-8 text.
 * Kafka-free, as {@link RawRecord}.
 */
public final class DeadLetterRecord {

  /** Why the record is a dead letter, in words. */
  public static final String HEADER_REASON = "devlogs-error";

  /** Where the job read the record: {@code topic/partition/offset} (see {@link #source}). */
  public static final String HEADER_SOURCE = "devlogs-source";

  /** The class of the problem: {@link DeadLetterCause#code()}. */
  public static final String HEADER_CAUSE = "devlogs-error-cause";

  private DeadLetterRecord() {}

  /**
   * The dead-letter headers of a record, each null when the record has none.
   *
   * @param project {@value RawRecord#HEADER_PROJECT}
   * @param reason {@value #HEADER_REASON}
   * @param source {@value #HEADER_SOURCE}
   * @param cause {@value #HEADER_CAUSE}: a cause code
   */
  public record Headers(String project, String reason, String source, String cause) {}

  /**
   * {@code topic/partition/offset}: where the job read a record; for a dead letter made after
   * parsing, {@code <stage>/-1/-1}.
   */
  public static String source(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  /**
   * The headers of a dead letter, in the order the job writes them: the original record's devlogs
   * headers (except its index and idempotency key), the reason when there is one, the source and
   * the cause.
   */
  public static List<RawRecord.Header> headers(
      RawRecord.Headers original, String reason, String source, DeadLetterCause cause) {
    List<RawRecord.Header> headers = new ArrayList<>(8);
    add(headers, RawRecord.HEADER_PROJECT, original.project());
    add(headers, RawRecord.HEADER_RECEIVED_MS, original.receivedMs());
    add(headers, RawRecord.HEADER_FORMAT, original.format());
    add(headers, RawRecord.HEADER_STREAM, original.stream());
    add(headers, RawRecord.HEADER_SERVICE, original.service());
    add(headers, HEADER_REASON, reason);
    add(headers, HEADER_SOURCE, source);
    add(headers, HEADER_CAUSE, cause.code());
    return headers;
  }

  /**
   * Reads the dead-letter headers of a record.
   *
   * @param lastValue the value of the last header of a name, or null when there is none
   */
  public static Headers readHeaders(Function<String, byte[]> lastValue) {
    return new Headers(
        text(lastValue.apply(RawRecord.HEADER_PROJECT)),
        text(lastValue.apply(HEADER_REASON)),
        text(lastValue.apply(HEADER_SOURCE)),
        text(lastValue.apply(HEADER_CAUSE)));
  }

  private static void add(List<RawRecord.Header> headers, String name, String value) {
    if (value != null) {
      headers.add(new RawRecord.Header(name, value.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
