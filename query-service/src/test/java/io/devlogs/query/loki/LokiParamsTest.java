package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loki's parameter forms, as {@code pkg/loghttp} reads them. */
class LokiParamsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static LokiParams params(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return new LokiParams(map);
  }

  @Test
  void timesInEveryFormLokiAccepts() {
    Instant t = Instant.parse("2026-12-06T11:00:00.123456789Z");
    long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    assertThat(LokiParams.parseTime("start", Long.toString(nanos))).isEqualTo(t);
    assertThat(LokiParams.parseTime("start", Long.toString(t.getEpochSecond())))
        .isEqualTo(Instant.ofEpochSecond(t.getEpochSecond()));
    assertThat(LokiParams.parseTime("start", t.getEpochSecond() + ".5"))
        .isEqualTo(Instant.ofEpochSecond(t.getEpochSecond(), 500_000_000));
    assertThat(LokiParams.parseTime("start", "2026-12-06T11:00:00.123456789Z")).isEqualTo(t);
    assertThat(LokiParams.parseTime("start", "2026-12-06T12:00:00.123456789+01:00")).isEqualTo(t);
    // An unencoded '+' of an offset arrives as a space.
    assertThat(LokiParams.parseTime("start", "2026-12-06T12:00:00.123456789 01:00")).isEqualTo(t);
  }

  @Test
  void badTimesAreRefusedNamingTheParameter() {
    for (String bad : List.of("yesterday", "12:00", "1e9", "--1", "1.2.3")) {
      assertThatThrownBy(() -> params("start", bad).range(NOW)).isInstanceOf(ApiException.class);
    }
    assertThatThrownBy(() -> params("start", "soon").range(NOW))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("parameter 'start'")
        .hasMessageContaining("valid timestamp");
  }

  @Test
  void rangeDefaultsToTheLastHourAndHonoursSince() {
    assertThat(params().range(NOW)).isEqualTo(new TimeRange(NOW.minusSeconds(3600), NOW));
    assertThat(params("since", "15m").range(NOW))
        .isEqualTo(new TimeRange(NOW.minusSeconds(900), NOW));
    assertThat(params("since", "2d").range(NOW).length()).isEqualTo(Duration.ofDays(2));
    assertThatThrownBy(() -> params("start", "2000", "end", "1000").range(NOW))
        .hasMessageContaining("end timestamp must not be before or equal to start time");
    assertThatThrownBy(() -> params("start", "1000", "end", "1000").range(NOW))
        .hasMessageContaining("end timestamp must not be before or equal to start time");
    assertThatThrownBy(() -> params("since", "40d").range(NOW))
        .hasMessageContaining("exceeds the limit");
    assertThatThrownBy(() -> params("start", "9999999999").range(NOW))
        .hasMessageContaining("between 1970 and 2100");
  }

  @Test
  void stepAsDurationOrFloatSecondsWithLokisDefaultAndBounds() {
    TimeRange hour = new TimeRange(NOW.minusSeconds(3600), NOW);
    assertThat(params("step", "15s").stepNanos(hour)).isEqualTo(15_000_000_000L);
    assertThat(params("step", "1m30s").stepNanos(hour)).isEqualTo(90_000_000_000L);
    assertThat(params("step", "14400ms").stepNanos(hour)).isEqualTo(14_400_000_000L);
    assertThat(params("step", "15").stepNanos(hour)).isEqualTo(15_000_000_000L);
    assertThat(params("step", "0.5").stepNanos(hour)).isEqualTo(500_000_000L);
    // Loki's default: the span / 250 in whole seconds, at least 1 s.
    assertThat(params().stepNanos(hour)).isEqualTo(14_000_000_000L);
    assertThat(params().stepNanos(new TimeRange(NOW.minusSeconds(60), NOW)))
        .isEqualTo(1_000_000_000L);
    assertThatThrownBy(() -> params("step", "0").stepNanos(hour))
        .hasMessageContaining("zero or negative query resolution step");
    assertThatThrownBy(() -> params("step", "-5").stepNanos(hour))
        .hasMessageContaining("zero or negative query resolution step");
    assertThatThrownBy(() -> params("step", "100ms").stepNanos(hour))
        .hasMessageContaining("exceeded maximum resolution of 11,000 points");
    assertThatThrownBy(() -> params("step", "fast").stepNanos(hour))
        .hasMessageContaining("parameter 'step'");
    assertThatThrownBy(() -> params("step", "1h1x").stepNanos(hour))
        .hasMessageContaining("valid duration");
  }

  @Test
  void limitAndDirection() {
    assertThat(params().limit()).isEqualTo(100);
    assertThat(params("limit", "1000").limit()).isEqualTo(1000);
    assertThatThrownBy(() -> params("limit", "0").limit())
        .hasMessageContaining("limit must be a positive value");
    assertThatThrownBy(() -> params("limit", "5001").limit())
        .hasMessageContaining("max entries limit per query exceeded");
    assertThatThrownBy(() -> params("limit", "ten").limit()).hasMessageContaining("not an integer");
    assertThat(params().direction()).isEqualTo(Direction.BACKWARD);
    assertThat(params("direction", "FORWARD").direction()).isEqualTo(Direction.FORWARD);
    assertThat(params("direction", "backward").direction()).isEqualTo(Direction.BACKWARD);
    assertThatThrownBy(() -> params("direction", "sideways").direction())
        .hasMessageContaining("invalid direction");
  }

  @Test
  void theQueryIsRequired() {
    assertThatThrownBy(() -> params().required("query"))
        .hasMessageContaining("parameter 'query': required");
    assertThatThrownBy(() -> params("query", "  ").required("query"))
        .hasMessageContaining("required");
  }
}
