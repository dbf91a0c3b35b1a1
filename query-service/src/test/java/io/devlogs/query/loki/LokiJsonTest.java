package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logql.MetricSeries.Point;
import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bodies in the shapes Grafana's reader ({@code converter.ReadPrometheusStyleResult}) parses.
 */
class LokiJsonTest {
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  private static JsonNode tree(Object body) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(body));
  }

  @Test
  void valuesAreWrittenAsPrometheusWritesThem() {
    assertThat(LokiJson.value(1.0)).isEqualTo("1");
    assertThat(LokiJson.value(0.5)).isEqualTo("0.5");
    assertThat(LokiJson.value(1.0 / 60)).isEqualTo("0.016666666666666666");
    assertThat(LokiJson.value(1e-7)).isEqualTo("0.0000001");
    assertThat(LokiJson.value(-3)).isEqualTo("-3");
    assertThat(LokiJson.value(Double.NaN)).isEqualTo("NaN");
    assertThat(LokiJson.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(LokiJson.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void secondsAreNumbersWithoutExponent() throws Exception {
    assertThat(JSON.writeValueAsString(LokiJson.seconds(1_700_000_000_000_000_000L)))
        .isEqualTo("1700000000");
    assertThat(JSON.writeValueAsString(LokiJson.seconds(1_700_000_000_500_000_000L)))
        .isEqualTo("1700000000.5");
    assertThat(JSON.writeValueAsString(LokiJson.seconds(1_700_000_000_000_000_001L)))
        .isEqualTo("1700000000.000000001");
  }

  @Test
  void streamsGroupEntriesByLabelsInOrderWithStatsAfterTheResult() throws Exception {
    Instant t = Instant.ofEpochSecond(1_700_000_000L, 123);
    List<LogEvent> events =
        List.of(
            new LogEvent("a", t.plusSeconds(2), "ERROR", "api", "run-1", "two", Map.of()),
            new LogEvent("b", t.plusSeconds(1), "INFO", "web", "", "one", Map.of("k", "v")),
            new LogEvent("c", t, "ERROR", "api", "run-1", "zero", Map.of()));
    JsonNode body = tree(LokiJson.streams(events, LokiJson.stats(3, 10, 0.01)));
    assertThat(body.path("status").asText()).isEqualTo("success");
    JsonNode data = body.path("data");
    List<String> fields = new java.util.ArrayList<>();
    data.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("resultType", "result", "stats");
    assertThat(data.path("resultType").asText()).isEqualTo("streams");
    JsonNode first = data.path("result").get(0);
    assertThat(first.path("stream").toString())
        .isEqualTo("{\"level\":\"error\",\"service\":\"api\",\"stream\":\"run-1\"}");
    assertThat(first.path("values").toString())
        .isEqualTo("[[\"1700000002000000123\",\"two\"],[\"1700000000000000123\",\"zero\"]]");
    // An empty stream is no label.
    assertThat(data.path("result").get(1).path("stream").toString())
        .isEqualTo("{\"level\":\"info\",\"service\":\"web\"}");
    JsonNode summary = data.path("stats").path("summary");
    for (String field :
        List.of(
            "bytesProcessedPerSecond",
            "linesProcessedPerSecond",
            "totalBytesProcessed",
            "totalLinesProcessed",
            "execTime")) {
      assertThat(summary.path(field).isNumber()).as(field).isTrue();
    }
    assertThat(summary.path("totalLinesProcessed").asLong()).isEqualTo(3);
  }

  @Test
  void matrixAndVector() throws Exception {
    List<MetricSeries> series =
        List.of(
            new MetricSeries(
                Map.of("service", "api"),
                List.of(
                    new Point(Instant.ofEpochSecond(1_700_000_000L), 2),
                    new Point(Instant.ofEpochSecond(1_700_000_060L), 0.25))));
    JsonNode matrix = tree(LokiJson.matrix(series, LokiJson.stats(0, 0, 0)));
    assertThat(matrix.path("data").path("resultType").asText()).isEqualTo("matrix");
    assertThat(matrix.path("data").path("result").toString())
        .isEqualTo(
            "[{\"metric\":{\"service\":\"api\"},\"values\":[[1700000000,\"2\"],[1700000060,\"0.25\"]]}]");
    JsonNode vector = tree(LokiJson.vector(series.subList(0, 1), LokiJson.stats(0, 0, 0)));
    assertThat(vector.path("data").path("resultType").asText()).isEqualTo("vector");
    assertThat(vector.path("data").path("result").get(0).path("value").toString())
        .isEqualTo("[1700000000,\"2\"]");
  }
}
