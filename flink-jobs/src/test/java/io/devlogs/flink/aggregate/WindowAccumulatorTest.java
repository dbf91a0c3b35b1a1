package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

  static LogEvent event(Level level, String message, Map<String, String> attributes) {
    return new LogEvent("p_1", "e", 0, level, "api", "default", message, attributes, 0);
  }

  @Test
  void countsEventsBytesErrorsAndDurations() {
    WindowAccumulator acc = new WindowAccumulator();
    acc.add(event(Level.INFO, "ok", Map.of("duration_ms", "12.5", "route", "/a")));
    acc.add(event(Level.ERROR, "héllo", Map.of()));
    acc.add(event(Level.FATAL, "€", Map.of("took_ms", "3")));
    acc.add(event(Level.WARN, "😀", Map.of("duration", "oops")));

    assertThat(acc.events()).isEqualTo(4);
    assertThat(acc.errors()).isEqualTo(2);
    long expectedBytes =
        utf8("ok")
            + utf8("duration_ms")
            + utf8("12.5")
            + utf8("route")
            + utf8("/a")
            + utf8("héllo")
            + utf8("€")
            + utf8("took_ms")
            + utf8("3")
            + utf8("😀")
            + utf8("duration")
            + utf8("oops");
    assertThat(acc.bytes()).isEqualTo(expectedBytes);
    assertThat(acc.latency().count()).isEqualTo(2);
    assertThat(acc.latency().sum()).isEqualTo(15.5);
    assertThat(acc.latency().min()).isEqualTo(3);
    assertThat(acc.latency().max()).isEqualTo(12.5);
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    for (String s : new String[] {"", "abc", "é", "€", "😀x", "a\uD800b", "\uDC00", "日本語"}) {
      assertThat(WindowAccumulator.utf8Length(s)).as(s).isEqualTo(utf8(s));
    }
  }

  @Test
  void durationUnitRules() {
    assertThat(WindowAccumulator.parseMillis("12.5")).isEqualTo(12.5);
    assertThat(WindowAccumulator.parseMillis(" 7 ")).isEqualTo(7);
    assertThat(WindowAccumulator.parseMillis("250ms")).isEqualTo(250);
    assertThat(WindowAccumulator.parseMillis("1.5s")).isEqualTo(1500);
    assertThat(WindowAccumulator.parseMillis("2m")).isEqualTo(120_000);
    assertThat(WindowAccumulator.parseMillis("300us")).isEqualTo(0.3);
    assertThat(WindowAccumulator.parseMillis("300µs")).isEqualTo(0.3);
    assertThat(WindowAccumulator.parseMillis("2000000ns")).isEqualTo(2);
    assertThat(WindowAccumulator.parseMillis("1e3")).isEqualTo(1000);
    for (String bad : new String[] {"", "-5", "abc", "5h", "1m30s", "NaN", "Infinity", "1e999"}) {
      assertThat(WindowAccumulator.parseMillis(bad)).as(bad).isNaN();
    }
  }

  @Test
  void firstValidDurationAttributeWins() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("took_ms", "9");
    attrs.put("latency_ms", "4");
    attrs.put("duration", "n/a");
    assertThat(WindowAccumulator.durationMillis(attrs)).isEqualTo(4);
    attrs.put("duration_ms", "1");
    assertThat(WindowAccumulator.durationMillis(attrs)).isEqualTo(1);
    assertThat(WindowAccumulator.durationMillis(Map.of("elapsed_ms", "2s"))).isEqualTo(2000);
    assertThat(WindowAccumulator.durationMillis(Map.of("other", "1"))).isNaN();
  }

  @Test
  void mergeEqualsAddingEverythingToOne() {
    Random r = new Random(3);
    WindowAccumulator all = new WindowAccumulator();
    WindowAccumulator a = new WindowAccumulator();
    WindowAccumulator b = new WindowAccumulator();
    for (int i = 0; i < 2000; i++) {
      Level level = Level.values()[r.nextInt(Level.values().length)];
      Map<String, String> attrs =
          r.nextBoolean() ? Map.of("duration_ms", Integer.toString(r.nextInt(1000))) : Map.of();
      LogEvent e = event(level, "m" + r.nextInt(100), attrs);
      all.add(e);
      (r.nextBoolean() ? a : b).add(e);
    }
    assertThat(a.merge(b)).isEqualTo(all);
  }

  @Test
  void flinkSerializesItAsAPojoWithoutKryo() throws Exception {
    TypeInformation<WindowAccumulator> type = TypeInformation.of(WindowAccumulator.class);
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false); // fails if any field would need Kryo
    TypeSerializer<WindowAccumulator> serializer = type.createSerializer(config);

    WindowAccumulator acc = new WindowAccumulator();
    acc.add(event(Level.ERROR, "x", Map.of("duration_ms", "42")));
    acc.add(event(Level.INFO, "y", Map.of("duration_ms", "0.5")));
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(acc, out);
    WindowAccumulator back =
        serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).isEqualTo(acc);
    assertThat(serializer.copy(acc)).isEqualTo(acc).isNotSameAs(acc);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
