package io.devlogs.flink.records;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the job's streams of {@link LogEvent}s: serialized by {@link
 * LogEventStreamSerializer} where events cross from one task to another (the shuffle to
 * de-duplication). State of events keeps {@code TypeInformation.of(LogEvent.class)}.
 */
public final class LogEventStreamType extends TypeInformation<LogEvent> {

  private static final long serialVersionUID = 1L;

  public static final LogEventStreamType INSTANCE = new LogEventStreamType();

  private LogEventStreamType() {}

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<LogEvent> getTypeClass() {
    return LogEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<LogEvent> createSerializer(SerializerConfig config) {
    return LogEventStreamSerializer.INSTANCE;
  }

  /** Flink 1.20 still declares the former way in; both give the same serializer. */
  @Override
  @Deprecated
  public TypeSerializer<LogEvent> createSerializer(
      org.apache.flink.api.common.ExecutionConfig config) {
    return LogEventStreamSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "LogEvent (stream)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEventStreamType;
  }

  @Override
  public int hashCode() {
    return LogEventStreamType.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof LogEventStreamType;
  }
}
