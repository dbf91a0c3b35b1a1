package io.devlogs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.generator.SyntheticLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies for the ingest benchmark: NDJSON batches of realistic events ({@link
 * SyntheticLogs}), each padded with a {@code detail} attribute to at least {@code eventBytes} bytes
 * (longer events, such as stack traces, stay as they are), plain and gzip-compressed. Built once
 * before the clock runs, so the clients measure the server, not their own encoding.
 *
 * @param plain the NDJSON bodies
 * @param gzip the same bodies, gzip-compressed
 * @param meanEventBytes the mean size of one event (its JSON line without the newline)
 */
public record NdjsonBodies(List<byte[]> plain, List<byte[]> gzip, double meanEventBytes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Events longer than the target by more than this (stack traces) are left out. */
  static final int MAX_EXTRA_BYTES = 50;

  /** {@code count} bodies of {@code eventsPerBody} events of at least {@code eventBytes} bytes. */
  public static NdjsonBodies build(int count, int eventsPerBody, int eventBytes, long seed) {
    SyntheticLogs logs = new SyntheticLogs(seed, Clock.systemUTC());
    List<byte[]> plain = new ArrayList<>(count);
    List<byte[]> gzip = new ArrayList<>(count);
    long eventBytesTotal = 0;
    for (int b = 0; b < count; b++) {
      ByteArrayOutputStream body = new ByteArrayOutputStream(eventsPerBody * (eventBytes + 64));
      for (int e = 0; e < eventsPerBody; ) {
        byte[] line = padded(logs.next(), eventBytes);
        if (line.length > eventBytes + MAX_EXTRA_BYTES) {
          continue;
        }
        e++;
        eventBytesTotal += line.length;
        body.writeBytes(line);
        body.write('\n');
      }
      plain.add(body.toByteArray());
      gzip.add(gzip(body.toByteArray()));
    }
    return new NdjsonBodies(plain, gzip, eventBytesTotal / (double) ((long) count * eventsPerBody));
  }

  static byte[] padded(ObjectNode event, int eventBytes) {
    try {
      byte[] line = JSON.writeValueAsBytes(event);
      if (line.length >= eventBytes) {
        return line;
      }
      // ,"detail":"" adds 12 bytes plus the padding.
      event.put("detail", "x".repeat(Math.max(0, eventBytes - line.length - 12)));
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The total size of the plain bodies, for the MB/s figure. */
  public long plainBytes() {
    return plain.stream().mapToLong(b -> b.length).sum();
  }

  @Override
  public String toString() {
    return plain.size()
        + " bodies, mean event "
        + Math.round(meanEventBytes)
        + " bytes, "
        + new String(plain.get(0), 0, Math.min(80, plain.get(0).length), StandardCharsets.UTF_8);
  }
}
