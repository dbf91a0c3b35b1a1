package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.topics.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RowMappingTest {

  private static LogEvent event(String time) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("user.id", "17");
    attrs.put("region", "eu");
    return new LogEvent(
        "p_1",
        "e-1",
        LogEvent.toEpochNanos(Instant.parse(time)),
        Level.WARN,
        "api",
        "run-1",
        "slow",
        attrs,
        Instant.parse("2024-05-02T00:00:01.999Z").toEpochMilli(),
        99,
        7);
  }

  @Test
  void cassandraRowUsesUtcDayAndMillis() {
    CassandraStreamRow row = CassandraStreamRow.of(event("2024-05-01T23:59:59.123456789Z"));
    assertThat(row.day()).isEqualTo(LocalDate.of(2024, 5, 1));
    assertThat(row.ts()).isEqualTo(Instant.parse("2024-05-01T23:59:59.123Z"));
    assertThat(row.attributes()).containsEntry("user.id", "17");
    assertThat(row.eventId()).isEqualTo("e-1");
    assertThat(row.receivedAt()).isEqualTo(Instant.parse("2024-05-02T00:00:01.999Z"));
    assertThat(row.ingestLagMs()).isEqualTo(2_876L);
    assertThat(row.sizeBytes()).isEqualTo(99);
    assertThat(row.ttlSeconds()).isEqualTo(7 * 86_400); // TTL: 7 days
    assertThat(CassandraStreamSink.insertCql("devlogs"))
        .isEqualTo(
            "INSERT INTO devlogs.stream_chunks (project, stream, day, slice, chunk, events, block)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    assertThat(row.slice()).isEqualTo(Instant.parse("2024-05-01T23:59:50Z"));
    assertThat(row.chunkEvent().tsMillis()).isEqualTo(row.ts().toEpochMilli());
  }

  @Test
  void cassandraTimeCodecsRoundTrip() {
    var v = com.datastax.driver.core.ProtocolVersion.V4;
    LocalDate day = LocalDate.of(2024, 5, 1);
    assertThat(
            JavaTimeCodecs.LocalDateCodec.INSTANCE.deserialize(
                JavaTimeCodecs.LocalDateCodec.INSTANCE.serialize(day, v), v))
        .isEqualTo(day);
    Instant ts = Instant.parse("2024-05-01T23:59:59.123Z");
    assertThat(
            JavaTimeCodecs.InstantCodec.INSTANCE.deserialize(
                JavaTimeCodecs.InstantCodec.INSTANCE.serialize(ts, v), v))
        .isEqualTo(ts);
  }

  @Test
  void deadLetterKeepsRecordAndAddsReasonAndSource() {
    RawLogRecord raw =
        new RawLogRecord(
            "p_1",
            "{broken".getBytes(StandardCharsets.UTF_8),
            "p_1",
            "1714564800000",
            "json",
            null,
            "api",
            "devlogs-raw",
            0,
            9L,
            1L);
    ProducerRecord<byte[], byte[]> record =
        DeadLetterSink.toProducerRecord(
            "devlogs-dead-letter", new DeadLetter(raw, "invalid JSON: x"));
    assertThat(record.topic()).isEqualTo("devlogs-dead-letter");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("p_1");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{broken");
    assertThat(header(record, DeadLetterRecord.HEADER_REASON)).isEqualTo("invalid JSON: x");
    assertThat(header(record, DeadLetterRecord.HEADER_SOURCE)).isEqualTo("devlogs-raw/0/9");
    assertThat(header(record, "devlogs-service")).isEqualTo("api");
    assertThat(record.headers().lastHeader("devlogs-stream")).isNull();
    assertThat(header(record, DeadLetterRecord.HEADER_CAUSE)).isEqualTo("unparseable");
    assertThat(List.of(record.headers().toArray())).hasSize(7);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
