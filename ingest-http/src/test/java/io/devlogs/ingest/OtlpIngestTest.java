package io.devlogs.ingest;

import static io.devlogs.ingest.FormatsTestApp.json;
import static io.devlogs.ingest.FormatsTestApp.post;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import io.javalin.testtools.JavalinTest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * OTLP/HTTP logs on {@code /v1/logs}: what the OpenTelemetry Java SDK's own OTLP exporter sends
 * (protobuf, plain and gzip), the OTLP JSON encoding of the specification, and bad requests.
 */
class OtlpIngestTest {

  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";
  private static final long TIME_NANOS = 1_740_830_400_123_456_789L;

  private final FormatsTestApp app = new FormatsTestApp(IngestLimits.DEFAULT);

  @Test
  void theOtelSdkExporterShipsLogsThatMapToOurFields() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          for (String compression : List.of("none", "gzip")) {
            OtlpHttpLogRecordExporter exporter =
                OtlpHttpLogRecordExporter.builder()
                    .setEndpoint("http://localhost:" + server.port() + "/v1/logs")
                    .addHeader("Authorization", "Bearer " + FormatsTestApp.KEY)
                    .setCompression(compression)
                    .build();
            try (SdkLoggerProvider provider =
                SdkLoggerProvider.builder()
                    .setResource(
                        Resource.create(
                            Attributes.of(
                                stringKey("service.name"), "checkout",
                                stringKey("host.name"), "web-1")))
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                    .build()) {
              Logger logger =
                  provider
                      .loggerBuilder("io.devlogs.shop")
                      .setInstrumentationVersion("1.2")
                      .build();
              Context withSpan =
                  Context.root()
                      .with(
                          Span.wrap(
                              SpanContext.create(
                                  TRACE_ID,
                                  SPAN_ID,
                                  TraceFlags.getSampled(),
                                  TraceState.getDefault())));
              logger
                  .logRecordBuilder()
                  .setTimestamp(TIME_NANOS, TimeUnit.NANOSECONDS)
                  .setSeverity(Severity.WARN)
                  .setSeverityText("WARN")
                  .setBody("payment declined")
                  .setAttribute(stringKey("order.id"), "o-17")
                  .setAttribute(longKey("id"), 99L)
                  .setContext(withSpan)
                  .emit();
              logger.logRecordBuilder().setSeverity(Severity.ERROR2).setBody("no text").emit();
              CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
              assertThat(flushed.isSuccess())
                  .as("exporter succeeded (" + compression + ")")
                  .isTrue();
            }
          }
          // The simple processor exports each record on its own, in no guaranteed order.
          List<JsonNode> events = app.jsonEvents();
          assertThat(events).hasSize(4);
          List<JsonNode> declined = withMessage(events, "payment declined");
          assertThat(declined).hasSize(2);
          assertThat(declined.get(0)).as("same mapping plain and gzip").isEqualTo(declined.get(1));
          JsonNode event = declined.get(0);
          assertThat(event.get("service").asText()).isEqualTo("checkout");
          assertThat(event.get("level").asText()).isEqualTo("WARN");
          assertThat(event.get("severity_number").asInt()).isEqualTo(13);
          assertThat(event.get("message").asText()).isEqualTo("payment declined");
          assertThat(event.get("ts").asLong()).isEqualTo(TIME_NANOS);
          assertThat(event.get("trace_id").asText()).isEqualTo(TRACE_ID);
          assertThat(event.get("span_id").asText()).isEqualTo(SPAN_ID);
          assertThat(event.get("host.name").asText()).isEqualTo("web-1");
          assertThat(event.get("order.id").asText()).isEqualTo("o-17");
          assertThat(event.get("attr.id").asLong())
              .as("an attribute named like a field cannot become the event id")
              .isEqualTo(99);
          assertThat(event.has("id")).isFalse();
          assertThat(event.get("otel.scope.name").asText()).isEqualTo("io.devlogs.shop");
          assertThat(event.get("otel.scope.version").asText()).isEqualTo("1.2");
          JsonNode noText = withMessage(events, "no text").get(0);
          assertThat(noText.get("level").asText()).isEqualTo("ERROR");
          assertThat(noText.get("ts").asLong())
              .as("observed time when the record has no time")
              .isPositive();
          assertThat(app.sink.batches).allMatch(b -> b.format() == EventBatch.Format.JSON);
        });
  }

  @Test
  void otlpJsonOfTheSpecificationIsRead() throws IOException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/otlp/logs.json")) {
      body = in.readAllBytes();
    }
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response = post(client, "/v1/logs", "application/json", body, Map.of());
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.header("Content-Type")).startsWith("application/json");
          assertThat(json(response).has("partialSuccess")).isFalse();
          List<JsonNode> events = app.jsonEvents();
          assertThat(events).hasSize(2);
          JsonNode event = events.get(0);
          assertThat(event.get("service").asText()).isEqualTo("my.service");
          assertThat(event.get("trace_id").asText()).isEqualTo(TRACE_ID);
          assertThat(event.get("span_id").asText()).isEqualTo(SPAN_ID);
          assertThat(event.get("ts").asLong()).isEqualTo(1544712660300000000L);
          assertThat(event.get("level").asText()).isEqualTo("Information");
          assertThat(event.get("message").asText()).isEqualTo("Example log record");
          assertThat(event.get("my.scope.attribute").asText()).isEqualTo("some scope attribute");
          assertThat(event.get("int.attribute").asLong()).isEqualTo(10);
          assertThat(event.get("array.attribute")).hasSize(2);
          assertThat(event.get("map.attribute").get("some.map.key").asText())
              .isEqualTo("some value");
          JsonNode structured = events.get(1);
          assertThat(structured.get("message").get("user").asText()).isEqualTo("ana");
          assertThat(structured.get("level").asText()).isEqualTo("ERROR");
        });
  }

  @Test
  void rejectedRecordsAreCountedInPartialSuccess() {
    LogRecord good =
        LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("ok")).build();
    LogRecord badTrace =
        LogRecord.newBuilder()
            .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3}))
            .setBody(AnyValue.newBuilder().setStringValue("short trace id"))
            .build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder().addLogRecords(good).addLogRecords(badTrace)))
            .build();
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response =
              post(client, "/v1/logs", "application/x-protobuf", request.toByteArray(), Map.of());
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.header("Content-Type")).startsWith("application/x-protobuf");
          ExportLogsServiceResponse answer =
              ExportLogsServiceResponse.parseFrom(response.body().bytes());
          assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
          assertThat(answer.getPartialSuccess().getErrorMessage())
              .contains("record 1: trace id is 3 bytes, expected 16");
          assertThat(app.jsonEvents()).hasSize(1);
        });
  }

  @Test
  void malformedOtlpIs400AndWritesNothing() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response garbage =
              post(
                  client,
                  "/v1/logs",
                  "application/x-protobuf",
                  new byte[] {(byte) 0xff, 0x01, 0x02},
                  Map.of());
          assertThat(garbage.code()).isEqualTo(400);
          assertThat(json(garbage).get("message").asText()).contains("OTLP");

          Response wrongType =
              post(client, "/v1/logs", "application/json", "{\"resourceLogs\": 7}");
          assertThat(wrongType.code()).isEqualTo(400);

          Response badHex =
              post(
                  client,
                  "/v1/logs",
                  "application/json",
                  "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"zz\"}]}]}]}");
          assertThat(badHex.code()).isEqualTo(400);
          assertThat(json(badHex).get("message").asText()).contains("traceId 'zz' is not hex");

          Response empty =
              post(client, "/v1/logs", "application/x-protobuf", new byte[0], Map.of());
          assertThat(empty.code()).isEqualTo(400);
          assertThat(app.sink.batches).isEmpty();
        });
  }

  private static List<JsonNode> withMessage(List<JsonNode> events, String message) {
    return events.stream().filter(e -> e.path("message").asText().equals(message)).toList();
  }
}
