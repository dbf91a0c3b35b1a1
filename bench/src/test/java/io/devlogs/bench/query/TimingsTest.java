package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingsTest {

  @Test
  void percentilesAreNearestRankOverTheSuccessfulRuns() {
    List<Probe.Sample> samples = new ArrayList<>();
    for (int ms = 100; ms >= 1; ms--) {
      samples.add(new Probe.Sample(ms * 1_000_000L, ms % 2, null));
    }
    samples.add(Probe.Sample.failed(999_000_000L, "HTTP 404"));

    Timings t = Timings.of(samples);

    assertThat(t.runs()).isEqualTo(101);
    assertThat(t.failures()).isEqualTo(1);
    assertThat(t.firstError()).isEqualTo("HTTP 404");
    assertThat(t.millis(0.5)).isEqualTo(50.0);
    assertThat(t.millis(0.95)).isEqualTo(95.0);
    assertThat(t.millis(1.0)).isEqualTo(100.0);
    assertThat(t.millis(0.0)).isEqualTo(1.0);
    assertThat(t.meanSize()).isEqualTo(0.5);
  }

  @Test
  void onlyFailuresHaveNoLatency() {
    Timings t = Timings.of(List.of(Probe.Sample.failed(5, "HTTP 500")));

    assertThat(t.anySucceeded()).isFalse();
    assertThat(t.millis(0.5)).isNaN();
  }
}
