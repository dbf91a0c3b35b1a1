package io.devlogs.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.devlogs.events.StructuredEventBounds;
import io.devlogs.ingest.kafka.EventBatch;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Loki push API ({@code POST /loki/api/v1/push}) as Promtail, Grafana Alloy and Vector send it:
 * JSON ({@code {"streams":[{"stream":{labels},"values":[["<ns>","<line>",{metadata}]]}]}}) or
 * snappy-compressed protobuf ({@code logproto.PushRequest} of Loki's {@code push.proto}).
 *
 * <p>Each entry becomes one JSON event: {@code ts} (nanoseconds), {@code message} (the line, which
 * the job reads as a log line of its own: JSON, logfmt or text), {@code service} from the first
 * label of {@code service_name}, {@code service}, {@code app}, {@code job}, {@code level} from
 * {@code level} or {@code detected_level}, trace and span ids from structured metadata, and the
 * other labels and metadata as attributes under their own names ({@code app}, {@code job}, {@code
 * env}, ...; only a name the job would read as another field, such as {@code id}, becomes {@code
 * attr.<name>}). Answers 204 like Loki, or 400 naming rejected entries.
 */
final class LokiPushFormat implements IngestFormat {

  private static final List<String> SERVICE_LABELS =
      List.of("service_name", "service", "app", "job");
  private static final List<String> LEVEL_LABELS = List.of("level", "detected_level");

  private final boolean protobuf;
  private final int maxEventBytes;
  private final long maxDecodedBytes;

  LokiPushFormat(boolean protobuf, int maxEventBytes, long maxDecodedBytes) {
    this.protobuf = protobuf;
    this.maxEventBytes = maxEventBytes;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public DecodedBody decode(byte[] body) {
    if (body.length == 0) {
      throw InvalidBodyException.body("empty body: expected a Loki push request");
    }
    Entries entries = new Entries();
    if (protobuf) {
      readProtobuf(snappyDecompress(body), entries);
    } else {
      readJson(body, entries);
    }
    if (entries.decoded.count() == 0) {
      throw InvalidBodyException.body("the Loki push request holds no entry");
    }
    return entries.decoded.build();
  }

  @Override
  public void answerAccepted(Context ctx, DecodedBody body) {
    if (body.problems().isEmpty()) {
      ctx.status(204);
    } else {
      ctx.status(400).json(ProblemReport.partialAnswer(body));
    }
  }

  /** Maps entries to events, numbering them across all streams. */
  private final class Entries {
    final DecodedBody.Builder decoded = new DecodedBody.Builder(EventBatch.Format.JSON);

    void add(Map<String, String> labels, long nanos, String line, Map<String, String> metadata) {
      ObjectNode event = EventJson.newEvent();
      labels.forEach((k, v) -> putLabel(event, k, v));
      metadata.forEach((k, v) -> putLabel(event, k, v));
      event.put("ts", nanos);
      event.put("message", line);
      putFirst(event, "service", labels, SERVICE_LABELS);
      putFirst(event, "level", labels, LEVEL_LABELS);
      String bound = StructuredEventBounds.problem(event);
      if (bound != null) {
        problem(bound, false);
        return;
      }
      byte[] bytes = EventJson.bytes(event);
      if (bytes.length > maxEventBytes) {
        problem(EventJson.tooLargeProblem(bytes.length, maxEventBytes), true);
      } else {
        decoded.event(bytes);
      }
    }

    void problem(String problem, boolean tooLarge) {
      EventProblem p = EventProblem.atRecord(decoded.count(), problem);
      decoded.problem(tooLarge ? p.asTooLarge() : p);
    }
  }

  /**
   * A label or metadata entry by its meaning: a level label is the level (set by {@link
   * #putFirst}), {@code app} stays {@code app} (the event's {@code service} outranks it, so the job
   * keeps it as an attribute of that name), trace and span ids are the event's; any other name the
   * job reads as a field is kept as {@code attr.<name>}.
   */
  private static void putLabel(ObjectNode event, String name, String value) {
    if (LEVEL_LABELS.contains(name) || name.equals("service")) {
      return;
    }
    switch (name) {
      case "app" -> event.put("app", value);
      case "trace_id", "traceId", "traceid" -> event.put("trace_id", value);
      case "span_id", "spanId", "spanid" -> event.put("span_id", value);
      default -> EventJson.putAttribute(event, name, value);
    }
  }

  private static void putFirst(
      ObjectNode event, String field, Map<String, String> labels, List<String> names) {
    for (String name : names) {
      String value = labels.get(name);
      if (value != null && !value.isBlank()) {
        event.put(field, value);
        return;
      }
    }
  }

  private void readJson(byte[] body, Entries entries) {
    JsonNode root;
    try {
      root = JsonEventReader.BODY_MAPPER.readTree(body);
    } catch (IOException e) {
      throw InvalidBodyException.body("malformed JSON: " + e.getMessage());
    }
    if (root == null || !root.path("streams").isArray()) {
      throw InvalidBodyException.body("expected a Loki push object {\"streams\": [...]}");
    }
    int s = 0;
    for (JsonNode stream : root.get("streams")) {
      if (!stream.path("stream").isObject() || !stream.path("values").isArray()) {
        throw InvalidBodyException.body(
            "streams[" + s + "] needs 'stream' (an object of labels) and 'values' (an array)");
      }
      Map<String, String> labels = strings(stream.get("stream"), "streams[" + s + "].stream");
      for (JsonNode value : stream.get("values")) {
        String problem = entryProblem(value);
        if (problem != null) {
          entries.problem(problem, false);
        } else {
          Map<String, String> metadata =
              value.size() == 3 ? strings(value.get(2), "structured metadata") : Map.of();
          entries.add(labels, epochNanos(value.get(0).asText()), value.get(1).asText(), metadata);
        }
      }
      s++;
    }
  }

  private static String entryProblem(JsonNode value) {
    if (!value.isArray() || value.size() < 2 || value.size() > 3) {
      return "expected [\"<unix epoch in nanoseconds>\", \"<log line>\", {metadata}?]";
    }
    if (!value.get(0).isTextual() || epochNanos(value.get(0).asText()) < 0) {
      return "the timestamp must be a string of Unix epoch nanoseconds";
    }
    if (!value.get(1).isTextual()) {
      return "the log line must be a string";
    }
    if (value.size() == 3) {
      if (!value.get(2).isObject()) {
        return "structured metadata must be an object of strings";
      }
      for (JsonNode v : value.get(2)) {
        if (!v.isTextual()) {
          return "structured metadata must be an object of strings";
        }
      }
    }
    return null;
  }

  /** The nanoseconds of a timestamp string, or -1 if it is not a non-negative integer. */
  private static long epochNanos(String text) {
    if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, String> strings(JsonNode object, String where) {
    Map<String, String> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isTextual()) {
        throw InvalidBodyException.body(
            where + ": value of '" + field.getKey() + "' is not a string");
      }
      map.put(field.getKey(), field.getValue().asText());
    }
    return map;
  }

  /** Loki's protobuf bodies are snappy block format (not framed). */
  private byte[] snappyDecompress(byte[] body) {
    try {
      int length = SnappyDecompressor.getUncompressedLength(body, 0);
      if (length > maxDecodedBytes) {
        throw InvalidBodyException.body(
                "the body is larger than " + maxDecodedBytes + " bytes once decompressed (snappy)")
            .asTooLarge();
      }
      byte[] out = new byte[length];
      int written = new SnappyDecompressor().decompress(body, 0, body.length, out, 0, length);
      if (written != length) {
        throw InvalidBodyException.body("invalid snappy body: truncated");
      }
      return out;
    } catch (MalformedInputException e) {
      throw InvalidBodyException.body(
          "invalid snappy body (Loki protobuf is snappy block-compressed): " + e.getMessage());
    }
  }

  /**
   * {@code PushRequest { repeated StreamAdapter streams = 1; }}, {@code StreamAdapter { string
   * labels = 1; repeated EntryAdapter entries = 2; }}, {@code EntryAdapter { Timestamp timestamp =
   * 1; string line = 2; repeated LabelPairAdapter structuredMetadata = 3; }}.
   */
  private static void readProtobuf(byte[] body, Entries entries) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(body);
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == wire(1, 2)) {
          readStream(in.readBytes().newCodedInput(), entries);
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      throw InvalidBodyException.body("not a Loki protobuf PushRequest: " + e.getMessage());
    }
  }

  private static void readStream(CodedInputStream in, Entries entries) throws IOException {
    String labelText = "";
    List<ByteString> rawEntries = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == wire(1, 2)) {
        labelText = in.readStringRequireUtf8();
      } else if (tag == wire(2, 2)) {
        rawEntries.add(in.readBytes());
      } else {
        in.skipField(tag);
      }
    }
    Map<String, String> labels;
    try {
      labels = LokiLabels.parse(labelText);
    } catch (IllegalArgumentException e) {
      throw InvalidBodyException.body("stream labels " + labelText + ": " + e.getMessage());
    }
    for (ByteString raw : rawEntries) {
      readEntry(raw.newCodedInput(), labels, entries);
    }
  }

  private static void readEntry(CodedInputStream in, Map<String, String> labels, Entries entries)
      throws IOException {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    Map<String, String> metadata = new LinkedHashMap<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == wire(1, 2)) {
        CodedInputStream ts = in.readBytes().newCodedInput();
        int t;
        while ((t = ts.readTag()) != 0) {
          if (t == wire(1, 0)) {
            seconds = ts.readInt64();
          } else if (t == wire(2, 0)) {
            nanos = ts.readInt32();
          } else {
            ts.skipField(t);
          }
        }
      } else if (tag == wire(2, 2)) {
        line = in.readStringRequireUtf8();
      } else if (tag == wire(3, 2)) {
        CodedInputStream pair = in.readBytes().newCodedInput();
        String name = "";
        String value = "";
        int t;
        while ((t = pair.readTag()) != 0) {
          if (t == wire(1, 2)) {
            name = pair.readStringRequireUtf8();
          } else if (t == wire(2, 2)) {
            value = pair.readStringRequireUtf8();
          } else {
            pair.skipField(t);
          }
        }
        metadata.put(name, value);
      } else {
        in.skipField(tag);
      }
    }
    entries.add(labels, seconds * 1_000_000_000L + nanos, line, metadata);
  }

  private static int wire(int field, int type) {
    return (field << 3) | type;
  }
}
