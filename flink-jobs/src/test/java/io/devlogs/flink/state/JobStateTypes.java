package io.devlogs.flink.state;

import io.devlogs.flink.aggregate.EmitWindowRow;
import io.devlogs.flink.aggregate.WindowAccumulator;
import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.enrich.DeduplicateEvents;
import io.devlogs.flink.patterns.MinePatterns;
import io.devlogs.flink.patterns.PatternCluster;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * Every type the job keeps in operator or keyed state, with its serializer built the way the job
 * builds it and a sample value. The Kafka source and sinks keep their own state (splits,
 * transactions): the connector guards its compatibility, not this list.
 */
final class JobStateTypes {

  /**
   * One state type.
   *
   * @param name the file name of its snapshot and sample under {@code savepoint-compat/}
   * @param serializer today's serializer of the state's values
   * @param sample a value of the type, written with the serializer as a sample of stored state
   * @param grown {@code null} if the type is as its committed snapshot recorded it; else the fields
   *     added since, which Flink fills with their defaults when it restores the older state (the
   *     serializer is compatible after migration, and {@code sample} has those defaults)
   */
  record StateType<T>(String name, TypeSerializer<T> serializer, T sample, String grown) {
    StateType(String name, TypeSerializer<T> serializer, T sample) {
      this(name, serializer, sample, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private JobStateTypes() {}

  static List<StateType<?>> all() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("duration_ms", "12.5");
    attributes.put("region", "eu");
    LogEvent event =
        new LogEvent(
            "p-savepoint",
            "e-1",
            1_700_000_000_123_456_789L,
            Level.WARN,
            "checkout",
            "default",
            "payment slow",
            attributes,
            1_700_000_000_200L,
            321,
            30);
    return List.of(
        // CassandraStreamOperator: operator list state "pending-rows", rows not yet written.
        new StateType<>(
            "cassandra-pending-rows",
            elementSerializer(new ListStateDescriptor<>("pending-rows", LogEvent.class)),
            event,
            "LogEvent.patternId (empty when restored)"),
        // MinePatterns: keyed by project, map state "patterns" of pattern id -> PatternCluster. A
        // savepoint from before patterns has none of it: projects start without patterns.
        new StateType<>(
            "mine-patterns-values",
            serializer(MinePatterns.clusterType()),
            new PatternCluster(
                "0123456789abcdef",
                new String[] {"user", "<*>", "logged", "in"},
                1_700_000_000_123L,
                "user 42 logged in",
                3,
                1_700_000_100_000L)),
        // WindowAggregation: the window operator's key ...
        new StateType<>(
            "window-key",
            serializer(WindowAggregation.KEY_TYPE),
            Tuple3.of("p-savepoint", "checkout", Level.WARN.name())),
        // ... its accumulator ("window-contents") ...
        new StateType<>(
            "window-accumulator",
            serializer(TypeInformation.of(WindowAccumulator.class)),
            new WindowAccumulator().add(event)),
        // ... and EmitWindowRow's per-window state.
        new StateType<>("window-last-version", serializer(EmitWindowRow.LAST_VERSION), 7L),
        // DeduplicateEvents: keyed by String (project NUL event id), "seen" per key.
        new StateType<>(
            "dedup-seen", serializer(DeduplicateEvents.seenState(Duration.ofMinutes(10))), true),
        // ExactlyOnceClickHouseSink's operator: "unstaged-rows" and "pending-commits" are byte
        // arrays in formats of its own (rows as JSON lines, StagedBatchSerializer).
        new StateType<>(
            "clickhouse-sink-bytes",
            serializer(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO),
            "{\"project\":\"p\"}\n".getBytes(StandardCharsets.UTF_8)));
  }

  private static <T> TypeSerializer<T> serializer(TypeInformation<T> type) {
    return type.createSerializer(new ExecutionConfig().getSerializerConfig());
  }

  private static <T> TypeSerializer<T> serializer(StateDescriptor<?, T> descriptor) {
    descriptor.initializeSerializerUnlessSet(new ExecutionConfig());
    return descriptor.getSerializer();
  }

  private static <T> TypeSerializer<T> elementSerializer(ListStateDescriptor<T> descriptor) {
    descriptor.initializeSerializerUnlessSet(new ExecutionConfig());
    return descriptor.getElementSerializer();
  }
}
