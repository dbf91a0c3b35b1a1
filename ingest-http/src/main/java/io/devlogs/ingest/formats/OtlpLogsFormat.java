package io.devlogs.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.devlogs.events.StructuredEventBounds;
import io.devlogs.ingest.kafka.EventBatch;
import io.javalin.http.Context;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP/HTTP logs ({@code ExportLogsServiceRequest}), binary protobuf or OTLP JSON, as the
 * Collector's {@code otlphttp} exporter and the OTel SDKs send them to {@code <endpoint>/v1/logs}.
 *
 * <p>Each log record becomes one JSON event: resource, scope and record attributes (later ones win
 * on equal keys), {@code otel.scope.name} / {@code otel.scope.version}, {@code ts} from {@code
 * timeUnixNano} (else {@code observedTimeUnixNano}), {@code level} from the severity text (else the
 * severity number's range), {@code severity_number}, {@code message} from the body (a string, or
 * structured JSON), {@code service} from the resource's {@code service.name}, {@code trace_id} and
 * {@code span_id} in hex. The answer is an {@code ExportLogsServiceResponse} in the request's
 * encoding, with {@code partial_success} counting rejected records.
 */
final class OtlpLogsFormat implements IngestFormat {

  static final String PROTOBUF = "application/x-protobuf";

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer();

  private final boolean json;
  private final int maxEventBytes;

  OtlpLogsFormat(boolean json, int maxEventBytes) {
    this.json = json;
    this.maxEventBytes = maxEventBytes;
  }

  @Override
  public DecodedBody decode(byte[] body) {
    if (body.length == 0) {
      throw InvalidBodyException.body("empty body: expected an OTLP ExportLogsServiceRequest");
    }
    ExportLogsServiceRequest request = json ? parseJson(body) : parseProtobuf(body);
    DecodedBody.Builder decoded = new DecodedBody.Builder(EventBatch.Format.JSON);
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord log : scopeLogs.getLogRecordsList()) {
          int record = decoded.count();
          ObjectNode tree = null;
          String problem = idProblem(log);
          if (problem == null) {
            tree = toEvent(resourceLogs.getResource(), scopeLogs.getScope(), log);
            problem = StructuredEventBounds.problem(tree);
          }
          if (problem != null) {
            decoded.problem(EventProblem.atRecord(record, problem));
          } else {
            byte[] event = EventJson.bytes(tree);
            if (event.length > maxEventBytes) {
              decoded.problem(
                  EventProblem.atRecord(
                          record, EventJson.tooLargeProblem(event.length, maxEventBytes))
                      .asTooLarge());
            } else {
              decoded.event(event);
            }
          }
        }
      }
    }
    if (decoded.count() == 0) {
      throw InvalidBodyException.body("the OTLP request holds no log record");
    }
    return decoded.build();
  }

  @Override
  public void answerAccepted(Context ctx, DecodedBody body) {
    ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
    if (!body.problems().isEmpty()) {
      response.setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(body.problems().size())
              .setErrorMessage(ProblemReport.message(body)));
    }
    if (json) {
      try {
        ctx.contentType("application/json").result(JSON_PRINTER.print(response));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("an OTLP response always prints as JSON", e);
      }
    } else {
      ctx.contentType(PROTOBUF).result(response.build().toByteArray());
    }
  }

  private static ExportLogsServiceRequest parseProtobuf(byte[] body) {
    try {
      return ExportLogsServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw InvalidBodyException.body(
          "not an OTLP ExportLogsServiceRequest in protobuf: " + e.getMessage());
    }
  }

  /**
   * OTLP JSON is protobuf's JSON mapping except that trace and span ids are hex, not base64 (OTLP
   * specification, "JSON Protobuf Encoding"): rewrite them, then let protobuf parse.
   */
  private static ExportLogsServiceRequest parseJson(byte[] body) {
    JsonNode root;
    try {
      root = JsonEventReader.BODY_MAPPER.readTree(body);
    } catch (IOException e) {
      throw InvalidBodyException.body("malformed JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw InvalidBodyException.body("expected an OTLP JSON object with 'resourceLogs'");
    }
    for (JsonNode resourceLogs : root.path("resourceLogs")) {
      for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
        for (JsonNode log : scopeLogs.path("logRecords")) {
          if (log instanceof ObjectNode record) {
            hexToBase64(record, "traceId");
            hexToBase64(record, "spanId");
          }
        }
      }
    }
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    try {
      JSON_PARSER.merge(root.toString(), request);
    } catch (InvalidProtocolBufferException e) {
      throw InvalidBodyException.body(
          "not an OTLP JSON ExportLogsServiceRequest: " + e.getMessage());
    }
    return request.build();
  }

  private static void hexToBase64(ObjectNode record, String field) {
    JsonNode id = record.get(field);
    if (id == null || !id.isTextual()) {
      return;
    }
    try {
      record.put(field, Base64.getEncoder().encodeToString(HEX.parseHex(id.asText())));
    } catch (IllegalArgumentException e) {
      throw InvalidBodyException.body(
          field + " '" + id.asText() + "' is not hex (OTLP JSON encodes ids as hex strings)");
    }
  }

  private static String idProblem(LogRecord log) {
    int trace = log.getTraceId().size();
    int span = log.getSpanId().size();
    if (trace != 0 && trace != 16) {
      return "trace id is " + trace + " bytes, expected 16";
    }
    if (span != 0 && span != 8) {
      return "span id is " + span + " bytes, expected 8";
    }
    return null;
  }

  static ObjectNode toEvent(Resource resource, InstrumentationScope scope, LogRecord log) {
    ObjectNode event = EventJson.newEvent();
    putAll(event, resource.getAttributesList());
    if (!scope.getName().isEmpty()) {
      event.put("otel.scope.name", scope.getName());
    }
    if (!scope.getVersion().isEmpty()) {
      event.put("otel.scope.version", scope.getVersion());
    }
    putAll(event, scope.getAttributesList());
    putAll(event, log.getAttributesList());

    long nanos = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    if (nanos != 0) {
      event.put("ts", nanos);
    }
    String level = level(log);
    if (level != null) {
      event.put("level", level);
    }
    if (log.getSeverityNumberValue() != 0) {
      event.put("severity_number", log.getSeverityNumberValue());
    }
    if (log.hasBody()) {
      event.set("message", json(log.getBody()));
    }
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals("service.name") && attribute.getValue().hasStringValue()) {
        event.put("service", attribute.getValue().getStringValue());
      }
    }
    putId(event, "trace_id", log.getTraceId());
    putId(event, "span_id", log.getSpanId());
    return event;
  }

  /** Severity text, else the name of the severity number's range (OTLP data model). */
  private static String level(LogRecord log) {
    if (!log.getSeverityText().isBlank()) {
      return log.getSeverityText();
    }
    int number = log.getSeverityNumberValue();
    if (number <= 0) {
      return null;
    }
    if (number <= 4) {
      return "TRACE";
    }
    if (number <= 8) {
      return "DEBUG";
    }
    if (number <= 12) {
      return "INFO";
    }
    if (number <= 16) {
      return "WARN";
    }
    return number <= 20 ? "ERROR" : "FATAL";
  }

  private static void putAll(ObjectNode event, List<KeyValue> attributes) {
    for (KeyValue attribute : attributes) {
      EventJson.putAttribute(event, attribute.getKey(), json(attribute.getValue()));
    }
  }

  private static void putId(ObjectNode event, String field, ByteString id) {
    if (!id.isEmpty()) {
      event.put(field, HEX.formatHex(id.toByteArray()));
    }
  }

  private static JsonNode json(AnyValue value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (value.getValueCase()) {
      case STRING_VALUE -> nodes.textNode(value.getStringValue());
      case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
      case INT_VALUE -> nodes.numberNode(value.getIntValue());
      case DOUBLE_VALUE -> nodes.numberNode(value.getDoubleValue());
      case BYTES_VALUE -> nodes.binaryNode(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        ArrayNode array = nodes.arrayNode();
        value.getArrayValue().getValuesList().forEach(v -> array.add(json(v)));
        yield array;
      }
      case KVLIST_VALUE -> {
        ObjectNode object = nodes.objectNode();
        value
            .getKvlistValue()
            .getValuesList()
            .forEach(kv -> object.set(kv.getKey(), json(kv.getValue())));
        yield object;
      }
      case VALUE_NOT_SET -> nodes.nullNode();
    };
  }
}
