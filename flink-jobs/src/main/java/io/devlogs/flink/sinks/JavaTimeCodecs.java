package io.devlogs.flink.sinks;

import com.datastax.driver.core.DataType;
import com.datastax.driver.core.ProtocolVersion;
import com.datastax.driver.core.TypeCodec;
import com.datastax.driver.core.exceptions.InvalidTypeException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

/**
 * Codecs for the DataStax 3.x driver bundled in the Cassandra connector, which only knows its own
 * {@code LocalDate} and {@link Date}: CQL {@code date} as {@link LocalDate}, {@code timestamp} as
 * {@link Instant}. They delegate to the driver's own codecs, so the wire format is the driver's.
 */
final class JavaTimeCodecs {

  private JavaTimeCodecs() {}

  /** CQL {@code date} as {@link LocalDate}. */
  static final class LocalDateCodec extends TypeCodec<LocalDate> {
    static final LocalDateCodec INSTANCE = new LocalDateCodec();
    private static final TypeCodec<com.datastax.driver.core.LocalDate> DRIVER = TypeCodec.date();

    private LocalDateCodec() {
      super(DataType.date(), LocalDate.class);
    }

    @Override
    public ByteBuffer serialize(LocalDate value, ProtocolVersion protocolVersion) {
      return value == null
          ? null
          : DRIVER.serialize(
              com.datastax.driver.core.LocalDate.fromDaysSinceEpoch(
                  Math.toIntExact(value.toEpochDay())),
              protocolVersion);
    }

    @Override
    public LocalDate deserialize(ByteBuffer bytes, ProtocolVersion protocolVersion) {
      com.datastax.driver.core.LocalDate d = DRIVER.deserialize(bytes, protocolVersion);
      return d == null ? null : LocalDate.ofEpochDay(d.getDaysSinceEpoch());
    }

    @Override
    public LocalDate parse(String value) {
      com.datastax.driver.core.LocalDate d = DRIVER.parse(value);
      return d == null ? null : LocalDate.ofEpochDay(d.getDaysSinceEpoch());
    }

    @Override
    public String format(LocalDate value) throws InvalidTypeException {
      return value == null ? "NULL" : "'" + value + "'";
    }
  }

  /** CQL {@code timestamp} as {@link Instant} (millisecond precision). */
  static final class InstantCodec extends TypeCodec<Instant> {
    static final InstantCodec INSTANCE = new InstantCodec();
    private static final TypeCodec<Date> DRIVER = TypeCodec.timestamp();

    private InstantCodec() {
      super(DataType.timestamp(), Instant.class);
    }

    @Override
    public ByteBuffer serialize(Instant value, ProtocolVersion protocolVersion) {
      return value == null ? null : DRIVER.serialize(Date.from(value), protocolVersion);
    }

    @Override
    public Instant deserialize(ByteBuffer bytes, ProtocolVersion protocolVersion) {
      Date d = DRIVER.deserialize(bytes, protocolVersion);
      return d == null ? null : d.toInstant();
    }

    @Override
    public Instant parse(String value) {
      Date d = DRIVER.parse(value);
      return d == null ? null : d.toInstant();
    }

    @Override
    public String format(Instant value) throws InvalidTypeException {
      return value == null ? "NULL" : Long.toString(value.toEpochMilli());
    }
  }
}
