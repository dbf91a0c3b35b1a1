package io.devlogs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.generator.SyntheticLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  private static final List<String> WORDS =
      List.of(
          "request",
          "completed",
          "user",
          "session",
          "cache",
          "miss",
          "retry",
          "upstream",
          "latency",
          "order",
          "payment",
          "token",
          "refreshed",
          "queue",
          "depth",
          "worker",
          "shard",
          "replica",
          "timeout",
          "connection",
          "pool",
          "acquired",
          "released",
          "span",
          "trace",
          "status",
          "ok",
          "checksum",
          "region",
          "eu-west-1",
          "attempt",
          "batch");

  /** Events longer than the target by more than this (stack traces) are left out. */
  static final int MAX_EXTRA_BYTES = 50;

  /** {@code count} bodies of {@code eventsPerBody} events of at least {@code eventBytes} bytes. */
  public static NdjsonBodies build(int count, int eventsPerBody, int eventBytes, long seed) {
    SyntheticLogs logs = new SyntheticLogs(seed, Clock.systemUTC());
    Random random = new Random(seed);
    List<byte[]> plain = new ArrayList<>(count);
    List<byte[]> gzip = new ArrayList<>(count);
    long eventBytesTotal = 0;
    for (int b = 0; b < count; b++) {
      ByteArrayOutputStream body = new ByteArrayOutputStream(eventsPerBody * (eventBytes + 64));
      for (int e = 0; e < eventsPerBody; ) {
        byte[] line = padded(logs.next(), eventBytes, random);
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

  static byte[] padded(ObjectNode event, int eventBytes, Random random) {
    try {
      byte[] line = JSON.writeValueAsBytes(event);
      if (line.length >= eventBytes) {
        return line;
      }
      // ,"detail":"" adds 12 bytes plus the padding.
      event.put("detail", words(Math.max(0, eventBytes - line.length - 12), random));
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Exactly {@code length} characters of log-like words, so padding compresses like log text (a run
   * of one letter would flatter gzip and the producer's lz4).
   */
  static String words(int length, Random random) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(WORDS.get(random.nextInt(WORDS.size())));
      if (random.nextInt(4) == 0) {
        text.append('=').append(Integer.toHexString(random.nextInt()));
      }
    }
    return text.substring(0, length);
  }

  /** Every event of the plain bodies, one per line: the payload file of Kafka's perf tool. */
  public void writeEvents(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (byte[] body : plain) {
        out.write(body);
      }
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
