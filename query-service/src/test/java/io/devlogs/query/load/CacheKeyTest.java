package io.devlogs.query.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:05Z");
  private static final Duration BUCKET = Duration.ofSeconds(10);

  private static Map<String, List<String>> params(String... nameValues) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      params
          .computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>())
          .add(nameValues[i + 1]);
    }
    return params;
  }

  private static CacheKey key(Map<String, List<String>> params) {
    return CacheKey.of("/v1/logs", params, NOW, BUCKET).orElseThrow();
  }

  @Test
  void requestsOfOneTimeBucketAndTheSameParametersInAnyOrderShareAKey() {
    CacheKey a =
        key(params("from", "2026-01-01T11:00:01Z", "to", "2026-01-01T12:00:01Z", "q", "x"));
    CacheKey b =
        key(params("q", "x", "to", "2026-01-01T12:00:04.5Z", "from", "2026-01-01T11:00:03Z"));
    assertThat(b).isEqualTo(a);
    assertThat(a.live()).isTrue();
  }

  @Test
  void anotherBucketAnotherParameterOrValueIsAnotherKey() {
    CacheKey base = key(params("to", "2026-01-01T12:00:01Z", "q", "x"));
    assertThat(key(params("to", "2026-01-01T11:59:50Z", "q", "x"))).isNotEqualTo(base);
    assertThat(key(params("to", "2026-01-01T11:59:40Z", "q", "x")))
        .isNotEqualTo(key(params("to", "2026-01-01T11:59:50Z", "q", "x")));
    assertThat(key(params("to", "2026-01-01T12:00:01Z", "q", "y"))).isNotEqualTo(base);
    assertThat(key(params("to", "2026-01-01T12:00:01Z", "q", "x", "level", "ERROR")))
        .isNotEqualTo(base);
    assertThat(key(params("to", "2026-01-01T12:00:01Z", "q", "x&level=ERROR")))
        .as("values cannot forge parameters")
        .isNotEqualTo(key(params("to", "2026-01-01T12:00:01Z", "q", "x", "level", "ERROR")));
    assertThat(
            CacheKey.of(
                "/v1/logs/facets", params("to", "2026-01-01T12:00:01Z", "q", "x"), NOW, BUCKET))
        .get()
        .isNotEqualTo(base);
  }

  @Test
  void aRangeThatEndedBeforeTheLastBucketIsNotLiveAndAMissingToIsNow() {
    assertThat(key(params("to", "2026-01-01T11:00:00Z")).live()).isFalse();
    assertThat(key(params("to", "2030-01-01T00:00:00Z")).live()).isTrue();
    assertThat(key(params()).live()).isTrue();
    assertThat(key(params())).isEqualTo(key(params("to", NOW.toString())));
  }

  @Test
  void liveRangesShareAKeyByTheirSpanWhenTheyWereSentDoesNotMatter() {
    CacheKey lastHour = key(params("from", "2026-01-01T11:00:05Z", "to", "2026-01-01T12:00:05Z"));
    assertThat(key(params("from", "2026-01-01T11:00:01Z", "to", "2026-01-01T11:59:58Z")))
        .isEqualTo(lastHour);
    assertThat(key(params("from", "2026-01-01T11:00:05Z"))).isEqualTo(lastHour);
    assertThat(key(params("from", "2026-01-01T10:00:05Z", "to", "2026-01-01T12:00:05Z")))
        .as("the last two hours")
        .isNotEqualTo(lastHour);
    assertThat(key(params("from", "2026-01-01T10:59:57Z", "to", "2026-01-01T11:59:57Z")))
        .as("the same hour sent 8 s earlier and delayed: still within the last bucket")
        .isEqualTo(lastHour);
  }

  @Test
  void aRangeSentAFewSecondsAgoIsStillLiveWhenTheBucketIsShorterThanTheSlack() {
    Duration second = Duration.ofSeconds(1);
    CacheKey now =
        CacheKey.of("/v1/logs", params("from", "2026-01-01T11:00:05Z"), NOW, second).orElseThrow();
    CacheKey sentEarlier =
        CacheKey.of(
                "/v1/logs",
                params("from", "2026-01-01T11:00:01Z", "to", "2026-01-01T12:00:01Z"),
                NOW,
                second)
            .orElseThrow();
    assertThat(sentEarlier).isEqualTo(now);
    assertThat(
            CacheKey.of("/v1/logs", params("to", "2026-01-01T11:59:59Z"), NOW, second)
                .orElseThrow()
                .live())
        .as("ended 6 s ago: past the slack")
        .isFalse();
  }

  @Test
  void anUnreadableTimeIsNotCachedSoTheRouteAnswersItsOwn400() {
    assertThat(CacheKey.of("/v1/logs", params("to", "yesterday"), NOW, BUCKET)).isEmpty();
  }

  @Test
  void lokisStartEndAndTimeArePartOfTheKeyAsSent() {
    String range = "/loki/api/v1/query_range";
    Map<String, List<String>> hour =
        params(
            "query",
            "{service=\"api\"}",
            "start",
            "1767265200000000000",
            "end",
            "1767268800000000000");
    CacheKey a = CacheKey.of(range, hour, NOW, BUCKET).orElseThrow();
    assertThat(CacheKey.of(range, hour, NOW, BUCKET)).contains(a);
    assertThat(
            CacheKey.of(
                range,
                params(
                    "query",
                    "{service=\"api\"}",
                    "start",
                    "1767265200000000001",
                    "end",
                    "1767268800000000000"),
                NOW,
                BUCKET))
        .get()
        .as("a start one nanosecond later")
        .isNotEqualTo(a);
    assertThat(
            CacheKey.of(
                range,
                params(
                    "query",
                    "{service=\"api\"}",
                    "start",
                    "1767265200000000000",
                    "end",
                    "1767268800000000001"),
                NOW,
                BUCKET))
        .get()
        .as("an end one nanosecond later")
        .isNotEqualTo(a);
    String instant = "/loki/api/v1/query";
    assertThat(
            CacheKey.of(
                instant,
                params("query", "sum(rate({a=\"b\"}[1m]))", "time", "1767268800"),
                NOW,
                BUCKET))
        .get()
        .isNotEqualTo(
            CacheKey.of(
                    instant,
                    params("query", "sum(rate({a=\"b\"}[1m]))", "time", "1767268801"),
                    NOW,
                    BUCKET)
                .orElseThrow());
  }
}
