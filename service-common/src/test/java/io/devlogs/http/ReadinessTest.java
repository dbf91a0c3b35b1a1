package io.devlogs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger kafkaChecks = new AtomicInteger();
  private final AtomicBoolean kafkaUp = new AtomicBoolean(true);

  private Readiness readiness() {
    Map<String, ReadinessProbe> probes = new LinkedHashMap<>();
    probes.put(
        "kafka",
        () -> {
          kafkaChecks.incrementAndGet();
          if (!kafkaUp.get()) {
            throw new IllegalStateException("no answer from Kafka");
          }
        });
    probes.put("keyStore", () -> {});
    return new Readiness(probes, Duration.ofSeconds(5), () -> {}, nanos::get);
  }

  @Test
  void namesEachProbeAndItsProblem() {
    Readiness readiness = readiness();
    assertThat(readiness.check())
        .containsExactly(Map.entry("kafka", "ok"), Map.entry("keyStore", "ok"));

    kafkaUp.set(false);
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(readiness.check())
        .containsEntry("kafka", "IllegalStateException: no answer from Kafka")
        .containsEntry("keyStore", "ok");
  }

  @Test
  void aResultIsReusedForTheCacheTime() {
    Readiness readiness = readiness();
    readiness.check();
    kafkaUp.set(false);
    nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
    assertThat(readiness.check()).containsEntry("kafka", "ok");
    assertThat(kafkaChecks).hasValue(1);

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(readiness.check().get("kafka")).contains("no answer");
    assertThat(kafkaChecks).hasValue(2);
  }
}
