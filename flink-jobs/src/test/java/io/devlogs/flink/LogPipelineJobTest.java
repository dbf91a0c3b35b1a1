package io.devlogs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.Enrichment;
import io.devlogs.flink.patterns.PatternMining;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job graph on a MiniCluster with an in-memory source and collecting sinks. */
class LogPipelineJobTest {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private static RawLogRecord raw(long offset, String format, String value) {
    return new RawLogRecord(
        "p_job",
        value.getBytes(StandardCharsets.UTF_8),
        "p_job",
        "1714564800000",
        format,
        "s-1",
        null,
        "devlogs-raw",
        0,
        offset,
        1714564800000L);
  }

  @Test
  void eventsReachBothSinksAndBadRecordsBecomeDeadLetters() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    PipelineOptions options = PipelineOptions.from(Settings.of(Map.of()));
    env.getConfig().disableGenericTypes(); // every record type must have a Flink serializer

    List<RawLogRecord> input =
        List.of(
            raw(0, "json", "{\"id\":\"a\",\"level\":\"error\",\"msg\":\"boom\",\"ctx\":{\"k\":1}}"),
            raw(1, "text", "plain line"),
            raw(2, "json", "{broken"),
            raw(3, "json", "{\"ts\":\"not a time\"}"));
    CollectingSink<LogEvent> clickhouse = new CollectingSink<>();
    CollectingSink<LogEvent> cassandra = new CollectingSink<>();
    CollectingSink<LogEvent> parsed = new CollectingSink<>();
    CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    CollectingSink<LogWindow> windows = new CollectingSink<>();

    TypeInformation<RawLogRecord> type = TypeInformation.of(RawLogRecord.class);
    new LogPipeline(
            new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, env.getConfig(), input),
                input.size(),
                type),
            new PipelineSinks(
                PipelineSinks.refusesNothing(s -> s.addSink(clickhouse).name("ch").uid("ch")),
                PipelineSinks.refusesNothing(s -> s.addSink(cassandra).name("cass").uid("cass")),
                s -> s.addSink(parsed).name("parsed").uid("parsed"),
                s -> s.addSink(deadLetters).name("dlq").uid("dlq"),
                PipelineSinks.refusesNothing(
                    s -> s.addSink(windows).name("windows").uid("windows"))),
            options.checkpoints(),
            options.windows(),
            Enrichment.defaultSettings())
        .addTo(env);
    assertThat(
            env.getStreamGraph(false).getStreamNodes().stream()
                .map(StreamNode::getTransformationUID))
        .contains(LogPipeline.PARSE_UID, WindowAggregation.WINDOWS_UID);
    env.execute("test");

    assertThat(clickhouse.values())
        .extracting(LogEvent::eventId, LogEvent::level, LogEvent::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", Level.ERROR, "boom"),
            org.assertj.core.groups.Tuple.tuple(
                java.util
                    .UUID
                    .nameUUIDFromBytes("devlogs-raw/0/1".getBytes(StandardCharsets.UTF_8))
                    .toString(),
                Level.INFO,
                "plain line"));
    assertThat(clickhouse.values())
        .filteredOn(e -> e.eventId().equals("a"))
        .singleElement()
        .satisfies(e -> assertThat(e.attributes()).isEqualTo(Map.of("ctx.k", "1")));
    assertThat(cassandra.values()).hasSameElementsAs(clickhouse.values());
    assertThat(parsed.values()).hasSameElementsAs(clickhouse.values());
    assertThat(deadLetters.values())
        .extracting(d -> d.raw().offset(), d -> d.reason().split(":")[0])
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(2L, "invalid JSON"),
            org.assertj.core.groups.Tuple.tuple(3L, "field 'ts'"));
    // The end of the bounded input fires every window once: one row per (service, level, minute).
    assertThat(windows.values())
        .extracting(
            LogWindow::project,
            LogWindow::service,
            LogWindow::level,
            LogWindow::minute,
            LogWindow::events,
            LogWindow::errors)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "p_job", "unknown", Level.ERROR, Instant.parse("2024-05-01T12:00:00Z"), 1L, 1L),
            org.assertj.core.groups.Tuple.tuple(
                "p_job", "unknown", Level.INFO, Instant.parse("2024-05-01T12:00:00Z"), 1L, 0L));
  }

  /**
   * The pattern miner is keyed by project, yet one project's events are written by every subtask:
   * the sinks take them from the miner round-robin.
   */
  @Test
  void oneProjectsEventsAreWrittenByEverySubtask() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    PipelineOptions options = PipelineOptions.from(Settings.of(Map.of()));
    List<RawLogRecord> input = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      input.add(raw(i, "json", "{\"id\":\"e" + i + "\",\"msg\":\"request " + i + " done\"}"));
    }
    CollectingSink<String> written = new CollectingSink<>();
    TypeInformation<RawLogRecord> type = TypeInformation.of(RawLogRecord.class);
    new LogPipeline(
            new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, env.getConfig(), input),
                input.size(),
                type),
            new PipelineSinks(
                PipelineSinks.refusesNothing(
                    s -> s.map(new BySubtask()).name("subtask").uid("subtask").addSink(written)),
                PipelineSinks.discard(),
                s -> {},
                s -> {},
                PipelineSinks.discard()),
            options.checkpoints(),
            options.windows(),
            Enrichment.defaultSettings())
        .addTo(env);
    env.execute("one project");

    List<String> values = written.values();
    assertThat(values).hasSize(40);
    assertThat(values.stream().map(v -> v.substring(v.indexOf('/') + 1)).distinct()).hasSize(40);
    assertThat(values.stream().map(v -> v.substring(0, v.indexOf('/'))).distinct())
        .containsExactlyInAnyOrder("0", "1");
  }

  /** An event as "subtask/event id". */
  private static final class BySubtask extends RichMapFunction<LogEvent, String> {
    @Override
    public String map(LogEvent event) {
      return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "/" + event.eventId();
    }
  }

  /**
   * Every stream of the production graph has a Flink serializer of its own (no Kryo, which is
   * slower and cannot copy the records' unmodifiable maps), and chained operators share objects
   * instead of deep-copying each event once per consumer.
   */
  @Test
  void theRealGraphNeedsNoGenericSerializerAndReusesObjects() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.getConfig().disableGenericTypes();
    PipelineOptions options = PipelineOptions.from(Settings.of(Map.of()));
    LogPipeline.of(
            io.devlogs.flink.sources.RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    // Building the job graph creates the serializer of every edge; a generic type throws here.
    assertThat(env.getStreamGraph(false).getJobGraph().getNumberOfVertices()).isPositive();
    assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
  }

  /**
   * Events reach de-duplication and leave the pattern miner in their compact stream form, and the
   * minute windows get only the combined totals (never a whole event's fields, but for events of a
   * window already due).
   */
  @Test
  void theShufflesCarryCompactEventsAndCombinedWindowTotals() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineOptions options = PipelineOptions.from(Settings.of(Map.of()));
    LogPipeline.of(
            io.devlogs.flink.sources.RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    var nodes = env.getStreamGraph(false).getStreamNodes();
    StreamNode dedup =
        nodes.stream()
            .filter(n -> LogPipeline.DEDUP_UID.equals(n.getTransformationUID()))
            .findFirst()
            .orElseThrow();
    StreamNode windows =
        nodes.stream()
            .filter(n -> WindowAggregation.WINDOWS_UID.equals(n.getTransformationUID()))
            .findFirst()
            .orElseThrow();
    assertThat(dedup.getTypeSerializersIn()[0])
        .isSameAs(io.devlogs.flink.records.LogEventStreamSerializer.INSTANCE);
    StreamNode miner =
        nodes.stream()
            .filter(n -> PatternMining.UID.equals(n.getTransformationUID()))
            .findFirst()
            .orElseThrow();
    assertThat(miner.getTypeSerializerOut())
        .isSameAs(io.devlogs.flink.records.LogEventStreamSerializer.INSTANCE);
    // The sinks and windows share one shuffle after the miner: they chain to the one operator
    // that takes its events in turn.
    assertThat(env.getStreamGraph(false).getJobGraph().getVertices())
        .filteredOn(v -> v.getName().startsWith(LogPipeline.IN_TURN_NAME))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getName())
                    .contains(
                        io.devlogs.flink.sinks.ClickHouseEventSink.NAME,
                        io.devlogs.flink.sinks.CassandraStreamSink.NAME,
                        io.devlogs.flink.sinks.ParsedEventSink.NAME,
                        WindowAggregation.WATERMARKS_NAME));
    assertThat(windows.getTypeSerializersIn()[0])
        .isEqualTo(
            org.apache.flink.api.common.typeinfo.TypeInformation.of(
                    io.devlogs.flink.aggregate.WindowInput.class)
                .createSerializer(env.getConfig().getSerializerConfig()));
  }

  @Test
  void everyOperatorOfTheRealGraphHasANameAndUid() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineOptions options = PipelineOptions.from(Settings.of(Map.of()));
    LogPipeline.of(
            io.devlogs.flink.sources.RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    var graph = env.getStreamGraph(false);
    assertThat(graph.getStreamNodes())
        .allSatisfy(n -> assertThat(n.getTransformationUID()).as(n.getOperatorName()).isNotBlank());
    assertThat(graph.getStreamNodes().stream().map(StreamNode::getTransformationUID))
        .contains(
            LogPipeline.SOURCE_UID,
            LogPipeline.PARSE_UID,
            LogPipeline.ENRICH_UID,
            LogPipeline.DEDUP_UID,
            LogPipeline.IN_TURN_UID,
            io.devlogs.flink.sinks.ClickHouseEventSink.UID,
            io.devlogs.flink.sinks.CassandraStreamSink.UID,
            io.devlogs.flink.sinks.ParsedEventSink.UID,
            io.devlogs.flink.sinks.DeadLetterSink.UID,
            io.devlogs.flink.sinks.ClickHouseDeadLetterSink.UID,
            WindowAggregation.WATERMARKS_UID,
            WindowAggregation.WINDOWS_UID,
            WindowAggregation.TOO_LATE_UID,
            io.devlogs.flink.sinks.ClickHouseWindowSink.UID);
    assertThat(graph.getCheckpointConfig().getCheckpointingConsistencyMode())
        .isEqualTo(org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE);
    assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1_000L);
  }
}
