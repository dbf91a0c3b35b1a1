package io.devlogs.streams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code block} of a Cassandra {@code stream_chunks} row: the chunk's events in stream order
 * ({@link StreamChunkEvent#ORDER}), in a compact binary form, and the chunk's id, a hash of that
 * block. Encoding sorts the events first, so the same events give the same block and the same id
 * whatever order they arrived in: a chunk written again after a replay overwrites itself.
 *
 * <p>Format 1: a format byte ({@value #FORMAT}), the number of events, then per event the time as a
 * zigzag varint delta from the previous event's (from 0 for the first), the event id, level,
 * service and message, the number of attributes and each name and value, the receive time as a
 * zigzag delta from the event time, the ingest lag (zigzag) and the size in bytes. Texts are a
 * varint byte length and UTF-8 bytes. Readers refuse another format byte, so a later format can be
 * told apart.
 */
public final class StreamChunkCodec {

  /** The format byte this codec writes. */
  public static final byte FORMAT = 1;

  /** Bytes of a chunk id: the first 16 bytes of the block's SHA-256. */
  public static final int ID_BYTES = 16;

  private StreamChunkCodec() {}

  /** The block of {@code events}, sorted into stream order. */
  public static byte[] encode(List<StreamChunkEvent> events) {
    StreamChunkEvent[] sorted = events.toArray(StreamChunkEvent[]::new);
    Arrays.sort(sorted, StreamChunkEvent.ORDER);
    Out out = new Out(64 + sorted.length * 256);
    out.write(FORMAT);
    out.varint(sorted.length);
    long previous = 0;
    for (StreamChunkEvent e : sorted) {
      out.zigzag(e.tsMillis() - previous);
      previous = e.tsMillis();
      out.text(e.eventId());
      out.text(e.level());
      out.text(e.service());
      out.text(e.message());
      out.varint(e.attributes().size());
      for (Map.Entry<String, String> a : e.attributes().entrySet()) {
        out.text(a.getKey());
        out.text(a.getValue());
      }
      out.zigzag(e.receivedAtMillis() - e.tsMillis());
      out.zigzag(e.ingestLagMs());
      out.zigzag(e.sizeBytes());
    }
    return out.toByteArray();
  }

  /** The chunk id of a block: the same block, the same id. */
  public static byte[] id(byte[] block) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(block), ID_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The events of a block, in stream order.
   *
   * @throws IllegalArgumentException if the block is not one this codec wrote
   */
  public static List<StreamChunkEvent> decode(byte[] block) {
    In in = new In(block);
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "stream chunk of format " + format + ", this reader knows format " + FORMAT);
    }
    int count = in.count();
    List<StreamChunkEvent> events = new ArrayList<>(count);
    long ts = 0;
    for (int i = 0; i < count; i++) {
      ts += in.zigzag();
      String eventId = in.text();
      String level = in.text();
      String service = in.text();
      String message = in.text();
      int attributeCount = in.count();
      Map<String, String> attributes = new LinkedHashMap<>(Math.max(4, attributeCount * 2));
      for (int a = 0; a < attributeCount; a++) {
        attributes.put(in.text(), in.text());
      }
      long receivedAt = ts + in.zigzag();
      long lag = in.zigzag();
      int size = Math.toIntExact(in.zigzag());
      events.add(
          new StreamChunkEvent(
              ts, eventId, level, service, message, attributes, receivedAt, lag, size));
    }
    if (in.position != block.length) {
      throw new IllegalArgumentException(
          "stream chunk has " + (block.length - in.position) + " bytes after its last event");
    }
    return events;
  }

  /**
   * A growing byte array. Not a {@code ByteArrayOutputStream}: its methods are synchronized, and a
   * block is written a byte at a time.
   */
  private static final class Out {
    private byte[] bytes;
    private int size;

    Out(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      room(1);
      bytes[size++] = (byte) b;
    }

    void varint(long value) {
      room(10);
      long v = value;
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void zigzag(long value) {
      varint((value << 1) ^ (value >> 63));
    }

    /** The text's UTF-8 length and bytes (unpaired surrogates become '?'). */
    void text(String s) {
      int start = size;
      int length = s.length();
      varint(length);
      room(length);
      for (int i = 0; i < length; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          size = start;
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          varint(utf8.length);
          room(utf8.length);
          System.arraycopy(utf8, 0, bytes, size, utf8.length);
          size += utf8.length;
          return;
        }
        bytes[size++] = (byte) c; // ASCII, as long as it lasts: one byte per char
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void room(int more) {
      if (bytes.length - size < more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  private static final class In {
    private final byte[] bytes;
    private int position;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    int read() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("stream chunk ends early at byte " + position);
      }
      return bytes[position++] & 0xFF;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("stream chunk has a varint over 64 bits");
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    /** A count or length, which cannot exceed the bytes left. */
    int count() {
      long n = varint();
      if (n < 0 || n > bytes.length - position) {
        throw new IllegalArgumentException("stream chunk has a length of " + n + " past its end");
      }
      return (int) n;
    }

    String text() {
      int length = count();
      String s = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return s;
    }
  }
}
