package io.devlogs.query.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.ops.health.PipelineHealth;
import io.devlogs.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedPipelineHealthTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger probes = new AtomicInteger();

  private PipelineHealth probe() {
    return new PipelineHealth(
        "job",
        "RUNNING#" + probes.incrementAndGet(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        List.of(),
        Instant.EPOCH);
  }

  @Test
  void probesOncePerMaxAgeWhateverTheNumberOfAskers() {
    try (CachedPipelineHealth cached =
        new CachedPipelineHealth(this::probe, Duration.ofSeconds(5), nanos::get)) {
      for (int i = 0; i < 100; i++) {
        assertThat(cached.get().jobState()).isEqualTo("RUNNING#1");
      }
      nanos.addAndGet(Duration.ofSeconds(4).toNanos());
      assertThat(cached.get().jobState()).isEqualTo("RUNNING#1");
      assertThat(probes).hasValue(1);
    }
  }

  @Test
  void aSomewhatOldProbeIsAnsweredWhileOneRefreshRunsInTheBackground() {
    try (CachedPipelineHealth cached =
        new CachedPipelineHealth(this::probe, Duration.ofSeconds(5), nanos::get)) {
      cached.get();
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());
      assertThat(cached.get().jobState()).isEqualTo("RUNNING#1");
      Poll.until(
          Duration.ofSeconds(10),
          () -> cached.get().jobState(),
          "RUNNING#2"::equals,
          "the background refresh");
      assertThat(probes).hasValue(2);
    }
  }

  @Test
  void aProbeOlderThanThreeMaxAgesIsNotAnsweredButProbedAgain() {
    try (CachedPipelineHealth cached =
        new CachedPipelineHealth(this::probe, Duration.ofSeconds(5), nanos::get)) {
      cached.get();
      nanos.addAndGet(Duration.ofMinutes(1).toNanos());
      assertThat(cached.get().jobState()).isEqualTo("RUNNING#2");
    }
  }
}
