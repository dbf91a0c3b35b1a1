package io.devlogs.flink.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A name-based UUID of a list of fields, each written length-prefixed so that no two different
 * lists give the same name: how the job derives the ids that a replay of the same records derives
 * again (event ids, dead-letter ids). The bytes are part of stored ids: never change them.
 */
public final class NameBasedId {
  private final ByteArrayOutputStream name;

  /** A name of about {@code expectedBytes} bytes. */
  public NameBasedId(int expectedBytes) {
    this.name = new ByteArrayOutputStream(expectedBytes);
  }

  /** A one-byte marker that keeps ids of different kinds apart. */
  public NameBasedId kind(char marker) {
    name.write(marker);
    return this;
  }

  /** A UTF-8 text field; null is a field of its own, unlike the empty text. */
  public NameBasedId field(String value) {
    return field(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field: its length (-1 for null) as four big-endian bytes, then the bytes. */
  public NameBasedId field(byte[] value) {
    int length = value == null ? -1 : value.length;
    name.write(length >>> 24);
    name.write(length >>> 16);
    name.write(length >>> 8);
    name.write(length);
    if (value != null) {
      name.write(value, 0, value.length);
    }
    return this;
  }

  /** The UUID of the fields so far. */
  public String uuid() {
    return UUID.nameUUIDFromBytes(name.toByteArray()).toString();
  }
}
