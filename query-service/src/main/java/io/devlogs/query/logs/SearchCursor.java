package io.devlogs.query.logs;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.records.TimeRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The opaque {@code cursor} of {@code GET /v1/logs}: the first page's resolved time range and the
 * last event's position, signed with HMAC-SHA256 over that payload, the project and the request's
 * filter parameters. A cursor that was altered, or is sent by another project or with other
 * filters, is refused with 400 naming {@code cursor}.
 *
 * <p>The range travels in the cursor because {@code to} defaults to "now": every page of one search
 * reads the same range as the first. A cursor is only valid on instances sharing the secret.
 */
public final class SearchCursor {
  private static final byte VERSION = 1;

  /** Parameters that may change between pages of one search. */
  private static final List<String> PAGE_PARAMETERS = List.of("cursor", "limit");

  private final CursorSeal seal;

  public SearchCursor(CursorSeal seal) {
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  /** What a cursor carries. */
  public record Page(TimeRange range, EventPosition after) {
    public Page {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The request's filters as signed text: every parameter but {@code cursor} and {@code limit},
   * sorted by name, values in order, each length-prefixed so no two requests share a text.
   */
  public static String filterText(Map<String, List<String>> params) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              if (!PAGE_PARAMETERS.contains(name)) {
                text.append(name.length()).append(':').append(name).append('=');
                values.forEach(v -> text.append(v.length()).append(':').append(v).append(';'));
                text.append('&');
              }
            });
    return text.toString();
  }

  public String encode(String projectId, String filterText, Page page) {
    return seal.seal(payload(page), List.of(projectId, filterText));
  }

  public Page decode(String token, String projectId, String filterText) {
    byte[] payload =
        seal.open(token, List.of(projectId, filterText)).orElseThrow(SearchCursor::invalid);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != VERSION) {
        throw invalid();
      }
      Instant from = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant to = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant last = Instant.ofEpochSecond(in.readLong(), in.readInt());
      String eventId = in.readUTF();
      return new Page(new TimeRange(from, to), new EventPosition(last, eventId));
    } catch (IOException | RuntimeException e) {
      // Only reachable with a valid signature over a malformed payload, i.e. a bug or a new format.
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.badParameter(
        "cursor",
        "not a cursor of this search: altered, expired with a restart, or sent with other"
            + " filters or by another project; search again without it");
  }

  private static byte[] payload(Page page) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeInstant(out, page.range().from());
      writeInstant(out, page.range().to());
      writeInstant(out, page.after().timestamp());
      out.writeUTF(page.after().eventId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }
}
