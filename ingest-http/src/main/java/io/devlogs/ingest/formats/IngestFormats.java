package io.devlogs.ingest.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/**
 * Chooses the format of a request from its path and {@code Content-Type}.
 *
 * <p>{@code POST /v1/logs} is both our own endpoint and the path the OpenTelemetry Collector's
 * {@code otlphttp} exporter and the OTel SDKs call ({@code <endpoint>/v1/logs}), so a client needs
 * only an endpoint and a header. The two never clash: OTLP protobuf is {@code
 * application/x-protobuf}, which our formats do not use, and an OTLP JSON request is an object with
 * a top-level {@code resourceLogs} key, which no devlogs event carries (it would be an attribute).
 */
public final class IngestFormats {

  private static final JsonFactory JSON = new JsonFactory();

  private final int maxEventBytes;
  private final long maxDecodedBytes;
  private final EventBodyParser jsonParser;
  private final TextLinesFormat text;

  public IngestFormats(int maxEventBytes, long maxDecodedBytes) {
    this.maxEventBytes = maxEventBytes;
    this.maxDecodedBytes = maxDecodedBytes;
    this.jsonParser = new EventBodyParser(maxEventBytes);
    this.text = new TextLinesFormat(maxEventBytes);
  }

  /**
   * The format of a {@code POST /v1/logs} body.
   *
   * @throws UnsupportedFormatException for any other content type
   */
  public IngestFormat forLogs(String contentType, byte[] body) {
    return switch (mediaType(contentType)) {
      case "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines" ->
          new DevlogsFormat(jsonParser::parseNdjson);
      case "application/json" ->
          isOtlpJson(body)
              ? new OtlpLogsFormat(true, maxEventBytes)
              : new DevlogsFormat(jsonParser::parseJson);
      case "text/plain" -> new DevlogsFormat(text::decode);
      case "application/x-protobuf", "application/protobuf" ->
          new OtlpLogsFormat(false, maxEventBytes);
      default ->
          throw new UnsupportedFormatException(
              "unsupported Content-Type '"
                  + (contentType == null ? "" : contentType)
                  + "': send application/x-ndjson (one JSON object per line), application/json"
                  + " (an object or an array of objects, or OTLP JSON), text/plain (one event per"
                  + " line, with ?stream=&service=) or application/x-protobuf (OTLP)");
    };
  }

  /**
   * The format of a {@code POST /loki/api/v1/push} body.
   *
   * @throws UnsupportedFormatException for any other content type
   */
  public IngestFormat forLoki(String contentType) {
    return switch (mediaType(contentType)) {
      case "application/json" -> new LokiPushFormat(false, maxEventBytes, maxDecodedBytes);
      case "application/x-protobuf", "application/protobuf" ->
          new LokiPushFormat(true, maxEventBytes, maxDecodedBytes);
      default ->
          throw new UnsupportedFormatException(
              "unsupported Content-Type '"
                  + (contentType == null ? "" : contentType)
                  + "' for the Loki push API: send application/json or application/x-protobuf"
                  + " (snappy-compressed)");
    };
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** Whether a JSON body is an object with a top-level {@code resourceLogs} key. */
  static boolean isOtlpJson(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        if (parser.currentName().equals("resourceLogs")) {
          return true;
        }
        parser.nextToken();
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false; // malformed: let the JSON parser name the problem
    }
  }
}
