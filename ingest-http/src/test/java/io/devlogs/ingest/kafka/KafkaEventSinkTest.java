package io.devlogs.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Record shape and acknowledgement logic, with Kafka's own in-memory producer. */
class KafkaEventSinkTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaEventSink sink = new KafkaEventSink(producer, "devlogs-raw");

  private static EventBatch batch(String stream, String service) {
    return new EventBatch(
        "p_1",
        1_700_000_000_123L,
        stream,
        service,
        List.of("{\"a\":1}".getBytes(UTF_8), "{\"b\":2}".getBytes(UTF_8)));
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), UTF_8);
  }

  @Test
  void oneRecordPerEventWithKeyValueAndHeaders() {
    sink.send(batch("nightly-build-4412", "ci"));

    List<ProducerRecord<byte[], byte[]>> records = producer.history();
    assertThat(records).hasSize(2);
    ProducerRecord<byte[], byte[]> first = records.get(0);
    assertThat(first.topic()).isEqualTo("devlogs-raw");
    assertThat(new String(first.key(), UTF_8)).isEqualTo("p_1");
    assertThat(new String(first.value(), UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(new String(records.get(1).value(), UTF_8)).isEqualTo("{\"b\":2}");
    assertThat(header(first, "devlogs-project")).isEqualTo("p_1");
    assertThat(header(first, "devlogs-received-ms")).isEqualTo("1700000000123");
    assertThat(header(first, "devlogs-format")).isEqualTo("json");
    assertThat(header(first, "devlogs-stream")).isEqualTo("nightly-build-4412");
    assertThat(header(first, "devlogs-service")).isEqualTo("ci");
    assertThat(header(first, "devlogs-index")).isEqualTo("0");
    assertThat(header(records.get(1), "devlogs-index")).isEqualTo("1");
    assertThat(header(first, "devlogs-idempotency-key")).isNull();
  }

  @Test
  void theIdempotencyKeyGoesWithEveryEvent() {
    sink.send(
        new EventBatch(
            "p_1", 1L, null, null, List.of("{}".getBytes(UTF_8), "{}".getBytes(UTF_8)), "req-42"));
    assertThat(producer.history())
        .extracting(r -> header(r, "devlogs-idempotency-key"), r -> header(r, "devlogs-index"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("req-42", "0"),
            org.assertj.core.groups.Tuple.tuple("req-42", "1"));
  }

  @Test
  void textBatchesAreMarkedAsTextAndKeepTheirPositions() {
    sink.send(
        new EventBatch(
            "p_1",
            1L,
            "s",
            null,
            List.of("ERROR boom\n\tat a.B(B.java:1)".getBytes(UTF_8)),
            null,
            EventBatch.Format.TEXT,
            List.of(3)));
    ProducerRecord<byte[], byte[]> record = producer.history().get(0);
    assertThat(header(record, "devlogs-format")).isEqualTo("text");
    assertThat(header(record, "devlogs-index"))
        .as("the event's position in its request")
        .isEqualTo("3");
    assertThat(new String(record.value(), UTF_8)).isEqualTo("ERROR boom\n\tat a.B(B.java:1)");
  }

  @Test
  void optionalHeadersAreAbsentWithoutDefaults() {
    sink.send(batch(null, null));
    ProducerRecord<byte[], byte[]> record = producer.history().get(0);
    assertThat(header(record, "devlogs-stream")).isNull();
    assertThat(header(record, "devlogs-service")).isNull();
    assertThat(record.headers().toArray()).hasSize(4); // project, received, format, index
  }

  @Test
  void completesOnlyWhenEveryRecordIsAcknowledged() {
    CompletableFuture<Void> acks = sink.send(batch(null, null));
    assertThat(producer.completeNext()).isTrue();
    assertThat(acks).isNotDone();
    assertThat(producer.completeNext()).isTrue();
    assertThat(acks).isCompleted();
  }

  @Test
  void failsWhenAnyRecordFails() {
    CompletableFuture<Void> acks = sink.send(batch(null, null));
    producer.completeNext();
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("expired"));
    assertThat(acks).isCompletedExceptionally();
  }

  @Test
  void aSendThatFailsInsideSendStopsTheBatch() {
    // What KafkaProducer does when metadata or buffer space does not come within max.block.ms:
    // the callback runs inside send(). Sending on would block that long again for every event.
    java.util.concurrent.atomic.AtomicInteger sends =
        new java.util.concurrent.atomic.AtomicInteger();
    MockProducer<byte[], byte[]> blocked =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized java.util.concurrent.Future<
                  org.apache.kafka.clients.producer.RecordMetadata>
              send(
                  ProducerRecord<byte[], byte[]> record,
                  org.apache.kafka.clients.producer.Callback callback) {
            sends.incrementAndGet();
            var timeout =
                new org.apache.kafka.common.errors.TimeoutException("metadata not available");
            callback.onCompletion(null, timeout);
            return CompletableFuture.failedFuture(timeout);
          }
        };
    List<byte[]> events = java.util.Collections.nCopies(100, "{}".getBytes(UTF_8));

    CompletableFuture<Void> acks =
        new KafkaEventSink(blocked, "devlogs-raw")
            .send(new EventBatch("p_1", 1L, null, null, events));

    assertThat(acks).isCompletedExceptionally();
    assertThat(sends).hasValue(1);
  }

  @Test
  void theSendTimeoutMustBeUsable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KafkaEventSink.create("127.0.0.1:1", "t", java.time.Duration.ofMillis(10)))
        .hasMessageContaining("at least 100 ms");
  }

  @Test
  void theProducerIsUnusableWhileItsLatestSendFailedAndUsableAgainOnceOneSucceeds() {
    sink.checkUsable();
    sink.send(batch(null, null));
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));
    org.assertj.core.api.Assertions.assertThatThrownBy(sink::checkUsable)
        .hasMessageContaining("the last send to Kafka failed")
        .hasMessageContaining("no broker");
    producer.completeNext();
    sink.send(batch(null, null));
    producer.completeNext();
    sink.checkUsable();
  }
}
