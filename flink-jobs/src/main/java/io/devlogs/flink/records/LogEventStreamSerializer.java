package io.devlogs.flink.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes {@link LogEvent}s between tasks ({@link LogEventStreamType}): fields in a fixed order,
 * text as UTF-8 (Java's intrinsic encoder and decoder, where Flink's string serializer goes char by
 * char), attributes in their order, and no reflection or boxing. Text with surrogates that UTF-8
 * would not give back exactly is written as Flink's string serializer writes it.
 *
 * <p>Only for records in flight: state keeps {@link LogEventTypeInfoFactory}'s POJO serializer,
 * which savepoints name.
 */
public final class LogEventStreamSerializer extends TypeSerializerSingleton<LogEvent> {

  private static final long serialVersionUID = 1L;

  public static final LogEventStreamSerializer INSTANCE = new LogEventStreamSerializer();

  private static final Level[] LEVELS = Level.values();

  /** A text's length field that says: written by {@link StringValue#writeString} instead. */
  private static final int NOT_UTF8 = -1;

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public LogEvent createInstance() {
    return null;
  }

  @Override
  public LogEvent copy(LogEvent from) {
    return from;
  }

  @Override
  public LogEvent copy(LogEvent from, LogEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(LogEvent event, DataOutputView out) throws IOException {
    writeText(event.projectId(), out);
    writeText(event.eventId(), out);
    out.writeLong(event.epochNanos());
    out.writeByte(event.level().ordinal());
    writeText(event.service(), out);
    writeText(event.stream(), out);
    writeText(event.message(), out);
    Map<String, String> attributes = event.attributes();
    out.writeInt(attributes.size());
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      writeText(a.getKey(), out);
      writeText(a.getValue(), out);
    }
    out.writeLong(event.receivedAtMillis());
    out.writeInt(event.sizeBytes());
    out.writeInt(event.retentionDays());
    writeText(event.patternId(), out);
  }

  @Override
  public LogEvent deserialize(DataInputView in) throws IOException {
    String project = readText(in);
    String id = readText(in);
    long epochNanos = in.readLong();
    Level level = LEVELS[in.readUnsignedByte()];
    String service = readText(in);
    String stream = readText(in);
    String message = readText(in);
    int count = in.readInt();
    Map<String, String> attributes = count == 0 ? Map.of() : new LinkedHashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      attributes.put(readText(in), readText(in));
    }
    return new LogEvent(
        project,
        id,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        in.readLong(),
        in.readInt(),
        in.readInt(),
        readText(in));
  }

  @Override
  public LogEvent deserialize(LogEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  static void writeText(String text, DataOutputView out) throws IOException {
    // UTF-8 writes a lone surrogate as '?', one byte as an ASCII char: only a scan tells.
    if (hasSurrogate(text)) {
      out.writeInt(NOT_UTF8);
      StringValue.writeString(text, out);
      return;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  static String readText(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length == NOT_UTF8) {
      return StringValue.readString(in);
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Whether UTF-8 might not give the text back (a pair or a lone half of one). */
  private static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public TypeSerializerSnapshot<LogEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: its snapshot only names it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<LogEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
