package io.devlogs.ingest.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.ingest.formats.DecodedBody;
import io.devlogs.ingest.formats.IngestFormats;
import io.devlogs.ingest.formats.InvalidBodyException;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Decides how a stored dead letter is sent again through ingest: as the one-event batch its request
 * first made (same project, receive time, stream and service defaults, format and position), read
 * by ingest's own format rules, with an {@code Idempotency-Key} so that the job derives the same
 * event id on every replay:
 *
 * <ul>
 *   <li>the request's own {@code Idempotency-Key} and position when it had one: the id the event
 *       would have had the first time;
 *   <li>otherwise {@value #KEY_PREFIX}{@code <dead letter id>} and the original position: a record
 *       without a key would otherwise get an id of its new Kafka position, a new event on every
 *       replay. A replayed record that fails again carries this key into its new dead letter, so
 *       replaying that one gives the same id too.
 * </ul>
 *
 * A record whose JSON carries an {@code id} keeps it: the job takes the client's id first (an event
 * refused by a store after parsing is stored as JSON with its id). Some dead letters are not
 * replayed: those {@code too_late} for the minute windows (already stored), those stored cut (not
 * the whole record), rows the job derived (a minute window a store refused: no {@code id}, made
 * after parsing; its events are stored), and those ingest itself refuses (the reason says why).
 */
public final class ReplayPlan {

  /** Prefix of the {@code Idempotency-Key} of a replayed dead letter whose request had none. */
  public static final String KEY_PREFIX = "dead-letter:";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IngestFormats formats;

  public ReplayPlan(IngestFormats formats) {
    this.formats = Objects.requireNonNull(formats, "formats");
  }

  /** A plan that reads records with ingest's formats under these limits. */
  public static ReplayPlan of(IngestLimits limits) {
    return new ReplayPlan(new IngestFormats(limits.maxEventBytes(), limits.maxDecodedBodyBytes()));
  }

  /** What to do with one dead letter. */
  public sealed interface Decision permits Replay, Skip {}

  /** Send {@code batch} (one event) to the raw topic. */
  public record Replay(DeadLetterRow letter, EventBatch batch) implements Decision {}

  /** Do not send it, because of {@code reason}. */
  public record Skip(DeadLetterRow letter, String reason) implements Decision {}

  public Decision decide(String projectId, DeadLetterRow letter) {
    if (DeadLetterCause.TOO_LATE.code().equals(letter.cause())) {
      return new Skip(
          letter,
          letter.cause() + ": the event is stored; it only missed its minute window, so it stays");
    }
    if (letter.valueTruncated()) {
      return new Skip(
          letter,
          "only the first "
              + letter.value().getBytes(StandardCharsets.UTF_8).length
              + " of "
              + letter.valueBytes()
              + " bytes are stored; replay it from the dead-letter topic");
    }
    if (letter.source().partition() < 0 && !hasId(letter.value())) {
      return new Skip(
          letter,
          "a row the job derived (e.g. a minute window), not a record: its events are stored");
    }
    EventBatch.Format format = format(letter.format());
    if (format == null) {
      return new Skip(letter, "unknown record format '" + letter.format() + "'");
    }
    byte[] value = letter.value().getBytes(StandardCharsets.UTF_8);
    DecodedBody decoded;
    try {
      String contentType = format == EventBatch.Format.JSON ? "application/json" : "text/plain";
      decoded = formats.forLogs(contentType, value).decode(value);
    } catch (InvalidBodyException e) {
      return new Skip(letter, "ingest refuses the record: " + e.getMessage());
    }
    if (!decoded.problems().isEmpty()) {
      return new Skip(letter, "ingest refuses the record: " + decoded.problems().get(0).problem());
    }
    if (decoded.events().size() != 1 || decoded.recordFormat() != format) {
      return new Skip(
          letter, "the record reads as " + decoded.events().size() + " events, not one");
    }
    String key =
        letter.idempotencyKey() != null ? letter.idempotencyKey() : KEY_PREFIX + letter.id();
    return new Replay(
        letter,
        new EventBatch(
            projectId,
            letter.receivedMillis(),
            letter.stream(),
            letter.service(),
            List.of(decoded.events().get(0)),
            key,
            format,
            List.of(position(letter.recordIndex()))));
  }

  /** Whether the value is a JSON object with a top-level {@code id}. */
  private static boolean hasId(String value) {
    try {
      JsonNode json = JSON.readTree(value);
      return json != null && json.isObject() && json.hasNonNull("id");
    } catch (IOException e) {
      return false;
    }
  }

  private static EventBatch.Format format(String header) {
    if (header == null) {
      return null;
    }
    for (EventBatch.Format format : EventBatch.Format.values()) {
      if (format.headerValue().equals(header)) {
        return format;
      }
    }
    return null;
  }

  /** The record's position in its request; 0 when ingest did not write one. */
  private static int position(String index) {
    if (index == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(index.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
