package io.devlogs.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.airlift.compress.snappy.SnappyCompressor;
import io.devlogs.ingest.loki.logproto.EntryAdapter;
import io.devlogs.ingest.loki.logproto.LabelPairAdapter;
import io.devlogs.ingest.loki.logproto.PushRequest;
import io.devlogs.ingest.loki.logproto.StreamAdapter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Whole requests for every ingest route, each knowing how many events it holds. */
final class FuzzRequests {

  static final String LOGS = "/v1/logs";
  static final String LOKI = "/loki/api/v1/push";

  /**
   * One request before its content encoding.
   *
   * @param events how many events the body holds if the route can split it, else -1
   * @param otlp whether the route answers OTLP (200 with partial success)
   */
  record FuzzRequest(
      String kind, String path, String contentType, byte[] body, int events, boolean otlp) {
    @Override
    public String toString() {
      return kind
          + " "
          + contentType
          + " "
          + body.length
          + " bytes, "
          + events
          + " events: "
          + new String(body, 0, Math.min(body.length, 300), UTF_8);
    }
  }

  private FuzzRequests() {}

  static Arbitrary<FuzzRequest> ndjson() {
    return Combinators.combine(
            FuzzEvents.ndjsonLine().list().ofMinSize(1).ofMaxSize(40), Arbitraries.of("\n", "\r\n"))
        .as(
            (lines, separator) -> {
              ByteArrayOutputStream body = new ByteArrayOutputStream();
              int events = 0;
              for (byte[] line : lines) {
                body.writeBytes(line);
                body.writeBytes(separator.getBytes(UTF_8));
                events += isBlank(line) ? 0 : 1;
              }
              return new FuzzRequest(
                  "ndjson", LOGS, "application/x-ndjson", body.toByteArray(), events, false);
            });
  }

  static Arbitrary<FuzzRequest> jsonArray() {
    return FuzzEvents.jsonValue()
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .map(
            values ->
                new FuzzRequest(
                    "json-array",
                    LOGS,
                    "application/json",
                    ("[" + String.join(",", values) + "]").getBytes(UTF_8),
                    values.size(),
                    false));
  }

  static Arbitrary<FuzzRequest> jsonObject() {
    return FuzzEvents.jsonValue()
        .filter(v -> v.startsWith("{"))
        .map(
            v ->
                new FuzzRequest(
                    "json-object", LOGS, "application/json", v.getBytes(UTF_8), 1, false));
  }

  static Arbitrary<FuzzRequest> text() {
    return Arbitraries.oneOf(
            FuzzEvents.unicode(300)
                .list()
                .ofMaxSize(20)
                .map(l -> String.join("\n", l).getBytes(UTF_8)),
            FuzzEvents.bytes(2000))
        .map(
            body ->
                new FuzzRequest(
                    "text", LOGS + "?stream=s&service=fz", "text/plain", body, -1, false));
  }

  static Arbitrary<FuzzRequest> otlp() {
    return Combinators.combine(
            logRecord().list().ofMinSize(1).ofMaxSize(20), Arbitraries.of(true, false))
        .as(
            (records, json) -> {
              ExportLogsServiceRequest request =
                  ExportLogsServiceRequest.newBuilder()
                      .addResourceLogs(
                          ResourceLogs.newBuilder()
                              .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records)))
                      .build();
              byte[] body = json ? otlpJson(request) : request.toByteArray();
              return new FuzzRequest(
                  json ? "otlp-json" : "otlp-protobuf",
                  LOGS,
                  json ? "application/json" : "application/x-protobuf",
                  body,
                  records.size(),
                  true);
            });
  }

  private static byte[] otlpJson(ExportLogsServiceRequest request) {
    try {
      return JsonFormat.printer().print(request).getBytes(UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arbitrary<LogRecord> logRecord() {
    return Combinators.combine(
            anyValue(),
            Combinators.combine(attributeName(), anyValue())
                .as((k, v) -> KeyValue.newBuilder().setKey(k).setValue(v).build())
                .list()
                .ofMaxSize(4),
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.of(0, 0, 0, 16, 5))
        .as(
            (body, attributes, nanos, traceBytes) ->
                LogRecord.newBuilder()
                    .setBody(body)
                    .addAllAttributes(attributes)
                    .setTimeUnixNano(nanos)
                    .setTraceId(ByteString.copyFrom(new byte[traceBytes]))
                    .build());
  }

  private static Arbitrary<String> attributeName() {
    return Arbitraries.oneOf(
        FuzzEvents.unicode(30),
        Arbitraries.integers().between(1000, 1030).map("a"::repeat),
        Arbitraries.integers().between(49_990, 60_000).map("b"::repeat),
        Arbitraries.of("id", "service.name", "stream", "ts", "message"));
  }

  /** Strings, numbers and lists nested up to 120 levels (protobuf refuses more than 100). */
  private static Arbitrary<AnyValue> anyValue() {
    return Combinators.combine(
            FuzzEvents.unicode(50),
            Arbitraries.integers().between(0, 120).withDistribution(RandomDistribution.biased()),
            Arbitraries.of("string", "int", "double", "kvlist", "bytes"))
        .as(
            (text, depth, kind) -> {
              AnyValue leaf =
                  switch (kind) {
                    case "int" -> AnyValue.newBuilder().setIntValue(text.length() - 25).build();
                    case "double" -> AnyValue.newBuilder().setDoubleValue(Double.NaN).build();
                    case "bytes" ->
                        AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8(text)).build();
                    default -> AnyValue.newBuilder().setStringValue(text).build();
                  };
              if (!kind.equals("kvlist")) {
                return leaf;
              }
              AnyValue value = leaf;
              for (int i = 0; i < depth; i++) {
                value =
                    AnyValue.newBuilder()
                        .setKvlistValue(
                            KeyValueList.newBuilder()
                                .addValues(KeyValue.newBuilder().setKey("k" + i).setValue(value)))
                        .build();
              }
              return value;
            });
  }

  static Arbitrary<FuzzRequest> lokiJson() {
    Arbitrary<String> entry =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.longs().between(0, Long.MAX_VALUE).map(Object::toString),
                    Arbitraries.of("", "-1", "x", "99999999999999999999")),
                FuzzEvents.unicode(80),
                Arbitraries.of("", ",{\"trace_id\":\"t\"}", ",{\"k\":1}"))
            .as(
                (ts, line, meta) ->
                    "[" + FuzzEvents.quote(ts) + "," + FuzzEvents.quote(line) + meta + "]");
    Arbitrary<String> labels =
        Combinators.combine(attributeName(), FuzzEvents.unicode(20))
            .as((k, v) -> FuzzEvents.quote(k) + ":" + FuzzEvents.quote(v))
            .list()
            .ofMaxSize(4)
            .map(l -> "{" + String.join(",", l) + "}");
    return Combinators.combine(labels, entry.list().ofMinSize(1).ofMaxSize(10))
        .as((l, entries) -> List.of(l, entries))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            streams -> {
              int events = 0;
              StringBuilder body = new StringBuilder("{\"streams\":[");
              for (int i = 0; i < streams.size(); i++) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) streams.get(i).get(1);
                events += entries.size();
                body.append(i == 0 ? "" : ",")
                    .append("{\"stream\":")
                    .append(streams.get(i).get(0))
                    .append(",\"values\":[")
                    .append(String.join(",", entries))
                    .append("]}");
              }
              body.append("]}");
              return new FuzzRequest(
                  "loki-json",
                  LOKI,
                  "application/json",
                  body.toString().getBytes(UTF_8),
                  events,
                  false);
            });
  }

  static Arbitrary<FuzzRequest> lokiProtobuf() {
    Arbitrary<EntryAdapter> entry =
        Combinators.combine(
                Arbitraries.longs().between(0, 4_000_000_000L),
                FuzzEvents.unicode(80),
                attributeName())
            .as(
                (seconds, line, meta) ->
                    EntryAdapter.newBuilder()
                        .setTimestamp(Timestamp.newBuilder().setSeconds(seconds))
                        .setLine(line)
                        .addStructuredMetadata(
                            LabelPairAdapter.newBuilder().setName(meta).setValue("v"))
                        .build());
    Arbitrary<String> labels =
        Combinators.combine(attributeName(), FuzzEvents.unicode(20))
            .as((k, v) -> k + "=" + FuzzEvents.quote(v))
            .list()
            .ofMaxSize(3)
            .map(l -> "{" + String.join(", ", l) + "}");
    return Combinators.combine(labels, entry.list().ofMinSize(1).ofMaxSize(10))
        .as(
            (l, entries) -> {
              PushRequest request =
                  PushRequest.newBuilder()
                      .addStreams(StreamAdapter.newBuilder().setLabels(l).addAllEntries(entries))
                      .build();
              return new FuzzRequest(
                  "loki-protobuf",
                  LOKI,
                  "application/x-protobuf",
                  snappy(request.toByteArray()),
                  entries.size(),
                  false);
            });
  }

  /** Random bytes with any content type to either route: only "never 5xx, JSON errors" holds. */
  static Arbitrary<FuzzRequest> garbage() {
    return Combinators.combine(
            FuzzEvents.bytes(3000),
            Arbitraries.of(
                "application/json",
                "application/x-ndjson",
                "text/plain",
                "application/x-protobuf",
                "application/json; charset=latin1",
                "image/png",
                "multipart/form-data; boundary=x",
                "x/x; q=\"",
                ""),
            Arbitraries.of(LOGS, LOKI))
        .as((body, type, path) -> new FuzzRequest("garbage", path, type, body, -1, false));
  }

  static byte[] snappy(byte[] data) {
    SnappyCompressor compressor = new SnappyCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(data.length)];
    int n = compressor.compress(data, 0, data.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  static String describe(List<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
