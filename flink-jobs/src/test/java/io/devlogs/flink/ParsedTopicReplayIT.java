package io.devlogs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the live tail relies on (it reads the parsed topic {@code read_uncommitted}): when the job
 * fails with a Kafka transaction open, every event a {@code read_uncommitted} reader already saw
 * from it is written again after recovery, with the same id, and committed; a {@code
 * read_committed} reader sees each event once. The job fails once, inside its parsed-topic branch,
 * after the reader has seen the first events of the open transaction.
 */
class ParsedTopicReplayIT {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(1);

  private static final int EVENTS = 200;
  private static final int FAIL_AFTER = 50;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  /** Events the test's read_uncommitted reader has seen; the failing map waits for it. */
  static final AtomicInteger SEEN_UNCOMMITTED = new AtomicInteger();

  static final AtomicBoolean FAILED = new AtomicBoolean();

  private static final AtomicBoolean STOP_READING = new AtomicBoolean();

  private String suffix;
  private String project;
  private PipelineOptions options;
  private JobClient job;

  @BeforeEach
  void setUp() throws Exception {
    suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    project = "p_replay" + suffix;
    Map<String, String> values = new HashMap<>();
    values.put(KafkaKeys.RAW_TOPIC.key(), "devlogs-it-replay-raw-" + suffix);
    values.put(KafkaKeys.PARSED_TOPIC.key(), "devlogs-it-replay-parsed-" + suffix);
    values.put(KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-it-replay-dlq-" + suffix);
    values.put(KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(), "devlogs-it-replay-" + suffix);
    // While the failing map waits no checkpoint can complete: the transaction stays open.
    values.put(JobKeys.CHECKPOINT_INTERVAL.key(), "2s");
    options = TestOptions.options(values);
    StackClients.createJobTopics(options, 1);
    SEEN_UNCOMMITTED.set(0);
    FAILED.set(false);
    STOP_READING.set(false);
  }

  @AfterEach
  void tearDown() throws Exception {
    STOP_READING.set(true);
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS); // a failed test must not leave its job running
    }
    StackClients.deleteJobTopics(options);
  }

  @Test
  void eventsOfTheAbortedTransactionAreWrittenAgainWithTheSameIdsAndCommittedOnce()
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(options)) {
      Instant now = Instant.now();
      for (int i = 0; i < EVENTS; i++) {
        // Half with the client's id, half with an id derived from the record's Kafka position.
        String id = i % 2 == 0 ? "\"id\":\"replay-" + i + "\"," : "";
        producer.send(
            StackClients.rawRecord(
                options,
                project,
                now,
                "{" + id + "\"ts\":\"" + now + "\",\"msg\":\"replay event n" + i + "\"}"));
      }
      producer.flush();
    }

    Thread reader =
        new Thread(() -> read("read_uncommitted", false, new ArrayList<>()), "replay-it-reader");
    reader.setDaemon(true);
    reader.start();

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(conf);
    env.setParallelism(1);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-replay-" + suffix)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .build(),
            new PipelineSinks(
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("clickhouse").uid("clickhouse")),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("cassandra").uid("cassandra")),
                events ->
                    ParsedEventSink.attach(
                        events.map(new FailOnceAfterTheReaderSawSome()).name("fail once"),
                        options.kafka().parsed()),
                s -> s.sinkTo(new DiscardingSink<>()).name("dead-letters").uid("dead-letters"),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("windows").uid("windows"))),
            options)
        .addTo(env);
    job = env.executeAsync("devlogs-parsed-replay-it-" + suffix);
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(FAILED).as("the job failed once with its transaction open").isTrue();

    List<String> committed = new ArrayList<>();
    read("read_committed", true, committed);
    List<String> everything = new ArrayList<>();
    read("read_uncommitted", true, everything);
    assertThat(committed).as("committed: each event once").hasSize(EVENTS).doesNotHaveDuplicates();
    List<String> aborted = new ArrayList<>(everything);
    committed.forEach(aborted::remove); // what is left: the copies of the aborted transaction
    assertThat(aborted)
        .as("events a read_uncommitted reader saw from the aborted transaction")
        .isNotEmpty()
        .doesNotHaveDuplicates();
    assertThat(committed)
        .as("every one of them is written again with the same id and committed")
        .containsAll(aborted);
  }

  /** Reads the parsed topic's event ids in order, until its end or until the test ends. */
  private void read(String isolation, boolean untilEnd, List<String> ids) {
    Properties p = StackClients.kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(options.kafka().parsed().topic(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = untilEnd ? consumer.endOffsets(List.of(partition)).get(partition) : Long.MAX_VALUE;
      while (consumer.position(partition) < end && !STOP_READING.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          Matcher m = id.matcher(new String(r.value(), StandardCharsets.UTF_8));
          if (m.find()) {
            synchronized (ids) {
              ids.add(m.group(1));
            }
            SEEN_UNCOMMITTED.incrementAndGet();
          }
        }
      }
    }
  }

  /**
   * Passes events on; in the first attempt, after {@link #FAIL_AFTER} events, waits until the
   * read_uncommitted reader has seen them and fails.
   */
  static final class FailOnceAfterTheReaderSawSome extends RichMapFunction<LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;
    private int passed;

    @Override
    public LogEvent map(LogEvent event) {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0 && passed == FAIL_AFTER) {
        Poll.until(
            DEADLINE,
            () -> SEEN_UNCOMMITTED.get() >= FAIL_AFTER,
            "the reader to see the open transaction's first events");
        FAILED.set(true);
        throw new IllegalStateException("injected failure with the transaction open");
      }
      passed++;
      return event;
    }
  }
}
