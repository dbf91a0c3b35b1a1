package io.devlogs.ingest.kafka;

import io.devlogs.topics.RawRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes each event as one record to the raw topic, in the shape of the contract ({@link
 * RawRecord}): key = project id, value = the event's bytes, the request's headers and the event's
 * index.
 *
 * <p>Delivery guarantee: the producer is idempotent with {@code acks=all}, and the returned future
 * completes only when the broker acknowledged every record of the batch. If any record fails, the
 * request fails and the client retries it; records of that batch that did succeed are then written
 * again (at-least-once from the client's point of view; a client-supplied {@code id} makes the
 * duplicates collapse downstream). Sends are bounded by the send timeout ({@code
 * ingest.send-timeout-ms}): {@code max.block.ms} and {@code request.timeout.ms} equal it and {@code
 * delivery.timeout.ms} is it plus {@code linger.ms}, so a dead or slow Kafka fails requests within
 * that bound instead of hanging them. A send that fails synchronously (metadata or buffer wait
 * timed out) stops the batch, so a batch blocks for at most one {@code max.block.ms}.
 */
public final class KafkaEventSink implements EventSink {

  /** Default of {@code ingest.send-timeout-ms}: the longest a request waits for Kafka. */
  public static final Duration DEFAULT_SEND_TIMEOUT = KafkaSendOptions.DEFAULT.sendTimeout();

  private static final int LINGER_MS = 5;

  /** How long a failed send keeps the producer reported as unusable (unless one succeeds). */
  static final Duration FAILURE_MEMORY = Duration.ofSeconds(30);

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  /** The latest failed send, cleared by the next that succeeds. */
  private final AtomicReference<SendFailure> lastFailure = new AtomicReference<>();

  KafkaEventSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A sink with its own idempotent producer and the default send timeout. */
  public static KafkaEventSink create(String bootstrapServers, String topic) {
    return create(bootstrapServers, topic, DEFAULT_SEND_TIMEOUT);
  }

  /**
   * A sink with its own idempotent producer whose sends give up after {@code sendTimeout}.
   *
   * @throws IllegalArgumentException if {@code sendTimeout} is below 100 ms
   */
  public static KafkaEventSink create(String bootstrapServers, String topic, Duration sendTimeout) {
    return create(new KafkaSendOptions(bootstrapServers, topic, sendTimeout));
  }

  /** A sink with its own idempotent producer, writing to the options' brokers and raw topic. */
  public static KafkaEventSink create(KafkaSendOptions options) {
    String bootstrapServers = options.bootstrapServers();
    Duration sendTimeout = options.sendTimeout();
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE - LINGER_MS, sendTimeout.toMillis());
    Map<String, Object> config =
        Map.ofEntries(
            Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "devlogs-ingest"),
            Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS),
            Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
            // Bounded: delivery.timeout.ms >= linger.ms + request.timeout.ms is required.
            Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs),
            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + LINGER_MS),
            // Upper bound for metadata fetches and a full buffer inside send().
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs),
            Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
            Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    return new KafkaEventSink(new KafkaProducer<>(config), options.rawTopic());
  }

  @Override
  public CompletableFuture<Void> send(EventBatch batch) {
    byte[] key = RawRecord.key(batch.projectId());
    Header[] shared = headers(batch);
    List<byte[]> events = batch.events();
    CompletableFuture<?>[] acks = new CompletableFuture<?>[events.size()];
    for (int i = 0; i < events.size(); i++) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic,
              null,
              batch.receivedMillis(),
              key,
              events.get(i),
              withIndex(shared, batch.positions().get(i)));
      try {
        producer.send(
            record,
            (metadata, exception) -> {
              if (exception != null) {
                failed(exception);
                ack.completeExceptionally(exception);
              } else {
                if (lastFailure.get() != null) {
                  lastFailure.set(null);
                }
                ack.complete(null);
              }
            });
      } catch (RuntimeException e) {
        // send() throws for some errors (closed producer, serialization) instead of failing the
        // callback. Stop sending: the request fails anyway.
        failed(e);
        ack.completeExceptionally(e);
        return CompletableFuture.allOf(Arrays.copyOf(acks, i + 1));
      }
      if (ack.isCompletedExceptionally()) {
        // The callback already ran inside send(): metadata or buffer space did not come within
        // max.block.ms. Each further send would block as long again, so stop here.
        return CompletableFuture.allOf(Arrays.copyOf(acks, i + 1));
      }
    }
    return CompletableFuture.allOf(acks);
  }

  /**
   * For readiness: throws when the producer's latest send failed less than {@link #FAILURE_MEMORY}
   * ago and none succeeded since, naming the failure. A producer that has not sent is usable.
   */
  public void checkUsable() {
    SendFailure failure = lastFailure.get();
    long now = System.nanoTime();
    if (failure != null && now - failure.atNanos() < FAILURE_MEMORY.toNanos()) {
      throw new IllegalStateException(
          "the last send to Kafka failed "
              + Duration.ofNanos(now - failure.atNanos()).toSeconds()
              + " s ago: "
              + failure.what());
    }
  }

  private void failed(Exception e) {
    lastFailure.set(
        new SendFailure(System.nanoTime(), e.getClass().getSimpleName() + ": " + e.getMessage()));
  }

  private record SendFailure(long atNanos, String what) {}

  /** The batch's headers plus the event's index; each record gets its own read-only copy. */
  private static RecordHeaders withIndex(Header[] shared, int index) {
    RecordHeaders headers = new RecordHeaders(shared);
    headers.add(kafkaHeader(RawRecord.indexHeader(index)));
    headers.setReadOnly();
    return headers;
  }

  private static Header[] headers(EventBatch batch) {
    return RawRecord.requestHeaders(
            batch.projectId(),
            batch.receivedMillis(),
            batch.format().headerValue(),
            batch.stream(),
            batch.service(),
            batch.idempotencyKey())
        .stream()
        .map(KafkaEventSink::kafkaHeader)
        .toArray(Header[]::new);
  }

  private static Header kafkaHeader(RawRecord.Header header) {
    return new RecordHeader(header.name(), header.value());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
