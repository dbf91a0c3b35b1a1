package io.devlogs.flink.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LogEventStreamSerializerTest {

  private static final LogEventStreamSerializer SERIALIZER = LogEventStreamSerializer.INSTANCE;

  private static LogEvent event(String message, Map<String, String> attributes) {
    return new LogEvent(
        "p-1",
        "e-1",
        -1_234_567_891L,
        Level.FATAL,
        "checkout",
        "run-42",
        message,
        attributes,
        1_700_000_000_200L,
        321,
        365,
        "pattern-7");
  }

  private static LogEvent roundTrip(LogEvent event) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    SERIALIZER.serialize(event, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    LogEvent back = SERIALIZER.deserialize(in);
    assertThat(in.available()).isZero();
    return back;
  }

  @Test
  void everyFieldComesBackWithTheAttributesInTheirOrder() throws Exception {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String key : List.of("zeta", "alpha", "user.id", "mid", "b")) {
      attributes.put(key, key.toUpperCase() + "-value");
    }
    LogEvent event = event("payment failed", attributes);

    LogEvent back = roundTrip(event);

    assertThat(back).isEqualTo(event);
    assertThat(back.attributes().keySet()).containsExactly("zeta", "alpha", "user.id", "mid", "b");
  }

  @Test
  void textOutsideAsciiSurrogatesAndEmptyValuesComeBackExactly() throws Exception {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("empty", "");
    attributes.put("accents", "café, naïve, 日本語");
    attributes.put("emoji", "ok \uD83D\uDE80");
    attributes.put("lone", "half \uD800 of a pair \uDC00");
    for (LogEvent event :
        List.of(
            event("", Map.of()),
            event("\uDBFF", Map.of()),
            event("x".repeat(100_000) + "é", attributes))) {
      LogEvent back = roundTrip(event);
      assertThat(back).isEqualTo(event);
      assertThat(back.attributes()).containsExactlyEntriesOf(event.attributes());
    }
  }

  @Test
  void copyingTheBytesGivesTheSameEventAndTheSnapshotRestoresTheSerializer() throws Exception {
    LogEvent event = event("moved", Map.of("k", "v"));
    DataOutputSerializer first = new DataOutputSerializer(64);
    SERIALIZER.serialize(event, first);
    DataOutputSerializer copied = new DataOutputSerializer(64);
    SERIALIZER.copy(new DataInputDeserializer(first.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());

    TypeSerializerSnapshot<LogEvent> snapshot = SERIALIZER.snapshotConfiguration();
    DataOutputSerializer written = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(written, snapshot);
    TypeSerializerSnapshot<LogEvent> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(written.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isSameAs(SERIALIZER);
    assertThat(
            SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs())
        .isTrue();
    assertThat(
            LogEventStreamType.INSTANCE.createSerializer(
                new org.apache.flink.api.common.ExecutionConfig().getSerializerConfig()))
        .isSameAs(SERIALIZER);
  }
}
