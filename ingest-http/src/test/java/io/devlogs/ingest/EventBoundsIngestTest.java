package io.devlogs.ingest;

import static io.devlogs.ingest.FormatsTestApp.json;
import static io.devlogs.ingest.FormatsTestApp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.events.EventBounds;
import io.devlogs.ingest.limits.IngestLimits;
import io.javalin.testtools.JavalinTest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Events past a bound of {@link EventBounds} (or of the JSON parser: nesting, name and number
 * lengths) are rejected one by one with 400 naming the bound, and the valid events of the same
 * request are written. These inputs used to answer 500 and drop the whole request.
 */
class EventBoundsIngestTest {

  private static final String GOOD_1 = "{\"msg\":\"first\"}";
  private static final String GOOD_2 = "{\"msg\":\"last\"}";

  private final FormatsTestApp app = new FormatsTestApp(IngestLimits.DEFAULT);

  static String deep(int levels) {
    return "{\"a\":" + "[".repeat(levels) + "]".repeat(levels) + "}";
  }

  static String longName(int chars) {
    return "{\"" + "n".repeat(chars) + "\":1}";
  }

  /** Each bad event with a word its problem must contain. */
  private static final Map<String, String> BAD_EVENTS =
      Map.of(
          deep(1001),
          "nested deeper than 1000",
          longName(50_001),
          "attribute name of 50001 characters",
          longName(EventBounds.MAX_ATTRIBUTE_NAME_CHARS + 1),
          "attribute name of 1025",
          "{\"id\":\"" + "i".repeat(EventBounds.MAX_ID_CHARS + 1) + "\"}",
          "id of 513",
          "{\"service\":\"" + "s".repeat(EventBounds.MAX_SERVICE_CHARS + 1) + "\"}",
          "service of 513",
          "{\"stream\":\"" + "s".repeat(EventBounds.MAX_STREAM_CHARS + 1) + "\"}",
          "stream of 1025",
          wide(EventBounds.MAX_ATTRIBUTES + 1),
          "1001 attributes",
          "{\"a\":{\"" + "b".repeat(600) + "\":{\"" + "c".repeat(600) + "\":1}}}",
          "attribute name of 1203",
          "{\"n\":" + "9".repeat(1001) + "}",
          "number");

  static String wide(int attributes) {
    return IntStream.range(0, attributes)
        .mapToObj(i -> "\"k" + i + "\":" + i)
        .collect(Collectors.joining(",", "{\"msg\":\"wide\",", "}"));
  }

  @Test
  void ndjsonRejectsEachEventPastABoundAndWritesTheOthers() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          for (Map.Entry<String, String> bad : BAD_EVENTS.entrySet()) {
            app.sink.batches.clear();
            Response response =
                post(
                    client,
                    "/v1/logs",
                    "application/x-ndjson",
                    GOOD_1 + "\n" + bad.getKey() + "\n" + GOOD_2 + "\n");
            assertThat(response.code()).as(bad.getValue()).isEqualTo(400);
            JsonNode body = json(response);
            assertThat(body.get("error").asText()).isEqualTo("invalid_events");
            assertThat(body.get("accepted").asInt()).isEqualTo(2);
            assertThat(body.get("rejected").asInt()).isEqualTo(1);
            JsonNode problem = body.get("detail").get("problems").get(0);
            assertThat(problem.get("line").asInt()).isEqualTo(2);
            assertThat(problem.get("problem").asText()).contains(bad.getValue());
            assertThat(app.sink.events()).containsExactly(GOOD_1, GOOD_2);
          }
        });
  }

  @Test
  void jsonArrayRejectsEachElementPastABoundAndWritesTheOthers() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          List<String> elements = new ArrayList<>(List.of(GOOD_1));
          elements.addAll(BAD_EVENTS.keySet());
          elements.add(GOOD_2);
          Response response =
              post(client, "/v1/logs", "application/json", "[" + String.join(",", elements) + "]");
          assertThat(response.code()).isEqualTo(400);
          JsonNode body = json(response);
          assertThat(body.get("accepted").asInt()).isEqualTo(2);
          assertThat(body.get("rejected").asInt()).isEqualTo(BAD_EVENTS.size());
          assertThat(app.sink.events()).containsExactly(GOOD_1, GOOD_2);
        });
  }

  @Test
  void anArrayElementTooDeepForTheParserIsOneRejectedElement() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response =
              post(client, "/v1/logs", "application/json", "[" + deep(5000) + "," + GOOD_2 + "]");
          assertThat(response.code()).isEqualTo(400);
          JsonNode body = json(response);
          assertThat(body.get("detail").get("problems").get(0).get("index").asInt()).isZero();
          assertThat(app.sink.events()).containsExactly(GOOD_2);
        });
  }

  @Test
  void aLoneSurrogateEscapeIsAccepted() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          String event = "{\"msg\":\"x \\ud800 y\"}";
          Response response = post(client, "/v1/logs", "application/x-ndjson", event);
          assertThat(response.code()).isEqualTo(200);
          assertThat(app.sink.events()).containsExactly(event);
        });
  }

  @Test
  void otlpRecordsPastABoundArePartialSuccessRejections() throws Exception {
    LogRecord good =
        LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("ok")).build();
    LogRecord longKey =
        LogRecord.newBuilder()
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("k".repeat(60_000))
                    .setValue(AnyValue.newBuilder().setIntValue(1)))
            .build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(good)
                            .addLogRecords(longKey)
                            .addLogRecords(good)))
            .build();
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response =
              post(client, "/v1/logs", "application/x-protobuf", request.toByteArray(), Map.of());
          assertThat(response.code()).isEqualTo(200);
          ExportLogsServiceResponse answer =
              ExportLogsServiceResponse.parseFrom(response.body().bytes());
          assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
          assertThat(answer.getPartialSuccess().getErrorMessage())
              .contains("attribute name of 60000");
          assertThat(app.sink.events()).hasSize(2);
        });
  }

  @Test
  void lokiEntriesWithALabelPastABoundAreRejectedAndOtherStreamsWritten() {
    String body =
        "{\"streams\": ["
            + "{\"stream\": {\"job\": \"a\"}, \"values\": [[\"1\", \"kept\"]]},"
            + "{\"stream\": {\""
            + "l".repeat(60_000)
            + "\": \"x\"}, \"values\": [[\"2\", \"dropped\"], [\"3\", \"dropped\"]]}"
            + "]}";
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response = post(client, "/loki/api/v1/push", "application/json", body);
          assertThat(response.code()).isEqualTo(400);
          JsonNode answer = json(response);
          assertThat(answer.get("accepted").asInt()).isEqualTo(1);
          assertThat(answer.get("rejected").asInt()).isEqualTo(2);
          assertThat(app.jsonEvents()).hasSize(1);
          assertThat(app.jsonEvents().get(0).get("message").asText()).isEqualTo("kept");
        });
  }
}
