package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogEventParserTest {

  private static final long RECEIVED = Instant.parse("2024-05-01T12:00:05Z").toEpochMilli();
  private final LogEventParser parser = new LogEventParser();

  static RawLogRecord json(String value) {
    return raw(value, "json", null, null);
  }

  static RawLogRecord raw(String value, String format, String stream, String service) {
    return new RawLogRecord(
        "p_test",
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        "p_test",
        Long.toString(RECEIVED),
        format,
        stream,
        service,
        "devlogs-raw",
        1,
        42L,
        RECEIVED + 1);
  }

  private LogEvent parsed(RawLogRecord raw) {
    ParseResult result = parser.parse(raw);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  private String failure(RawLogRecord raw) {
    ParseResult result = parser.parse(raw);
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  @Test
  void fullEvent() {
    LogEvent e =
        parsed(
            json(
                """
                {"id":"e-1","ts":"2024-05-01T14:00:00.123456789+02:00","level":"error",
                 "service":"checkout","stream":"run-7","msg":"payment failed",
                 "user":{"id":17,"geo":{"country":"DE"}},"retry":true,"tags":["a","b"],"gone":null}
                """));
    assertThat(e.projectId()).isEqualTo("p_test");
    assertThat(e.eventId()).isEqualTo("e-1");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456789Z"));
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.service()).isEqualTo("checkout");
    assertThat(e.stream()).isEqualTo("run-7");
    assertThat(e.message()).isEqualTo("payment failed");
    assertThat(e.attributes())
        .containsExactly(
            Map.entry("user.id", "17"),
            Map.entry("user.geo.country", "DE"),
            Map.entry("retry", "true"),
            Map.entry("tags", "[\"a\",\"b\"]"));
    assertThat(e.receivedAtMillis()).isEqualTo(RECEIVED);
  }

  @Test
  void defaultsComeFromHeadersThenFixedValues() {
    LogEvent withHeaders = parsed(raw("{\"message\":\"hi\"}", "json", "s-h", "svc-h"));
    assertThat(withHeaders.stream()).isEqualTo("s-h");
    assertThat(withHeaders.service()).isEqualTo("svc-h");
    assertThat(withHeaders.level()).isEqualTo(Level.INFO);
    assertThat(withHeaders.epochNanos()).isEqualTo(RECEIVED * 1_000_000L);

    LogEvent bare = parsed(json("{}"));
    assertThat(bare.stream()).isEqualTo("default");
    assertThat(bare.service()).isEqualTo("unknown");
    assertThat(bare.message()).isEmpty();
  }

  @Test
  void eventIdWithoutClientIdIsNameBasedUuidOfSource() {
    LogEvent e = parsed(json("{\"msg\":\"x\"}"));
    assertThat(e.eventId())
        .isEqualTo(
            UUID.nameUUIDFromBytes("devlogs-raw/1/42".getBytes(StandardCharsets.UTF_8)).toString());
    assertThat(parsed(json("{\"msg\":\"x\"}")).eventId()).isEqualTo(e.eventId());
    assertThat(parsed(json("{\"id\":12345}")).eventId()).isEqualTo("12345");
  }

  @Test
  void aliasesFirstWinsAndLosersStayAttributes() {
    LogEvent e =
        parsed(
            json(
                "{\"timestamp\":1714564800000,\"@timestamp\":\"x\",\"severity\":\"warning\","
                    + "\"message\":\"m\",\"app\":\"api\"}"));
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.message()).isEqualTo("m");
    assertThat(e.service()).isEqualTo("api");
    assertThat(e.attributes()).containsExactly(Map.entry("@timestamp", "x"));

    LogEvent both = parsed(json("{\"msg\":\"first\",\"message\":\"second\"}"));
    assertThat(both.message()).isEqualTo("first");
    assertThat(both.attributes()).containsEntry("message", "second");
  }

  @ParameterizedTest
  @CsvSource({
    "1714564800000, 2024-05-01T12:00:00Z",
    "1714564800123.5, 2024-05-01T12:00:00.1235Z",
    "'\"1714564800000\"', 2024-05-01T12:00:00Z",
    "'\"2024-05-01T12:00:00Z\"', 2024-05-01T12:00:00Z",
    "'\"2024-05-01T07:00:00.5-05:00\"', 2024-05-01T12:00:00.5Z",
  })
  void times(String json, String expected) {
    assertThat(parsed(json("{\"ts\":" + json + "}")).timestamp())
        .isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "TRACE, TRACE",
    "debug, DEBUG",
    "Info, INFO",
    "warning, WARN",
    "WARN, WARN",
    "err, ERROR",
    "critical, FATAL",
    "fatal, FATAL",
    "loud, INFO",
    "'', INFO"
  })
  void levels(String in, Level expected) {
    assertThat(parsed(json("{\"level\":\"" + in + "\"}")).level()).isEqualTo(expected);
  }

  @Test
  void numericLevelsFollowPinoAndSyslog() {
    assertThat(parsed(json("{\"level\":50}")).level()).isEqualTo(Level.ERROR);
    assertThat(parsed(json("{\"level\":7}")).level()).isEqualTo(Level.DEBUG);
    assertThat(parsed(json("{\"level\":3}")).level()).isEqualTo(Level.ERROR);
    assertThat(parsed(json("{\"level\":500}")).level()).isEqualTo(Level.INFO);
  }

  @Test
  void textRecordBecomesEventWithLineAsMessage() {
    LogEvent e = parsed(raw("GET /health 200 3ms\n", "text", "access", "nginx"));
    assertThat(e.message()).isEqualTo("GET /health 200 3ms");
    assertThat(e.level()).isEqualTo(Level.INFO);
    assertThat(e.stream()).isEqualTo("access");
    assertThat(e.service()).isEqualTo("nginx");
    assertThat(e.epochNanos()).isEqualTo(RECEIVED * 1_000_000L);
    assertThat(e.attributes()).isEmpty();
    assertThat(e.eventId())
        .isEqualTo(LogEventParser.derivedEventId(raw("", "text", null, null), false));
  }

  @Test
  void projectFallsBackToKeyAndMissingHeadersFallBackToKafkaTimestamp() {
    RawLogRecord r =
        new RawLogRecord(
            "p_key",
            "{}".getBytes(StandardCharsets.UTF_8),
            null,
            null,
            null,
            null,
            null,
            "t",
            0,
            1,
            777L);
    LogEvent e = parsed(r);
    assertThat(e.projectId()).isEqualTo("p_key");
    assertThat(e.receivedAtMillis()).isEqualTo(777L);
  }

  @Test
  void brokenJsonIsAFailureWithReason() {
    assertThat(failure(json("{\"msg\": \"unterminated"))).startsWith("invalid JSON: ");
    assertThat(failure(json("{\"a\":1} trailing"))).startsWith("invalid JSON: ");
    assertThat(failure(json(""))).startsWith("invalid JSON");
    assertThat(failure(json("not json at all"))).startsWith("invalid JSON: ");
  }

  @Test
  void nonObjectJsonIsAFailure() {
    assertThat(failure(json("[1,2]"))).isEqualTo("JSON value is an array, expected an object");
    assertThat(failure(json("\"str\""))).isEqualTo("JSON value is a string, expected an object");
  }

  @Test
  void badTimesAreFailuresNamingTheField() {
    assertThat(failure(json("{\"time\":\"yesterday\"}")))
        .startsWith("field 'time': 'yesterday' is not a time");
    assertThat(failure(json("{\"ts\":\"2024-05-01T12:00\"}x\"}"))).startsWith("invalid JSON");
    assertThat(failure(json("{\"ts\":\"2024-13-01T12:00:00Z\"}")))
        .contains("is not a time (expected ISO-8601");
    assertThat(failure(json("{\"ts\":true}"))).contains("a boolean is not a time");
    assertThat(failure(json("{\"ts\":-5}"))).contains("out of range");
    assertThat(failure(json("{\"ts\":1e30}"))).contains("out of range");
  }

  @Test
  void envelopeProblemsAreFailures() {
    assertThat(failure(raw(null, "json", null, null))).isEqualTo("record has no value");
    assertThat(failure(raw("x", "xml", null, null)))
        .isEqualTo("unsupported devlogs-format 'xml' (expected json or text)");
    RawLogRecord noProject =
        new RawLogRecord(
            null,
            "{}".getBytes(StandardCharsets.UTF_8),
            null,
            null,
            "json",
            null,
            null,
            "t",
            0,
            1,
            1L);
    assertThat(failure(noProject)).startsWith("no project id");
  }

  @Test
  void loggerAndShipperFieldNames() {
    LogEvent python =
        parsed(
            json(
                "{\"time\":\"2024-05-01 12:00:00,250\",\"levelname\":\"WARNING\","
                    + "\"message\":\"m\",\"logger\":\"app.db\",\"traceId\":\"t1\","
                    + "\"spanId\":\"s1\"}"));
    assertThat(python.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.250Z"));
    assertThat(python.level()).isEqualTo(Level.WARN);
    assertThat(python.service()).isEqualTo("app.db");
    assertThat(python.attributes())
        .containsExactly(Map.entry("trace_id", "t1"), Map.entry("span_id", "s1"));

    LogEvent ecs =
        parsed(
            json(
                "{\"@timestamp\":\"2024-05-01T12:00:00Z\",\"log\":{\"level\":\"error\"},"
                    + "\"service\":{\"name\":\"checkout\"},\"trace\":{\"id\":\"abc\"},"
                    + "\"span\":{\"id\":\"def\"},\"message\":\"x\",\"http\":{\"status\":500}}"));
    assertThat(ecs.level()).isEqualTo(Level.ERROR);
    assertThat(ecs.service()).isEqualTo("checkout");
    assertThat(ecs.attributes())
        .containsExactly(
            Map.entry("trace_id", "abc"),
            Map.entry("span_id", "def"),
            Map.entry("http.status", "500"));

    LogEvent go =
        parsed(
            json(
                "{\"ts\":1714564800.5,\"lvl\":\"eror\",\"msg\":\"x\",\"trace_id\":\"a\",\"traceId\":\"b\"}"));
    assertThat(go.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.500Z"));
    assertThat(go.level()).isEqualTo(Level.ERROR);
    assertThat(go.attributes())
        .containsExactly(Map.entry("trace_id", "a"), Map.entry("traceId", "b"));

    LogEvent both = parsed(json("{\"service\":\"api\",\"logger\":\"l\"}"));
    assertThat(both.service()).isEqualTo("api");
    assertThat(both.attributes()).containsExactly(Map.entry("logger", "l"));
  }

  @ParameterizedTest
  @CsvSource({
    "1714564800, 2024-05-01T12:00:00Z",
    "1714564800123456, 2024-05-01T12:00:00.123456Z",
    "1714564800123456789, 2024-05-01T12:00:00.123456789Z",
    "'\"2024-05-01T12:00:00\"', 2024-05-01T12:00:00Z",
    "'\"2024-05-01 12:00:00.5\"', 2024-05-01T12:00:00.5Z",
    "'\"1714564800\"', 2024-05-01T12:00:00Z",
  })
  void epochByMagnitudeAndTimesWithoutZoneAreUtc(String json, String expected) {
    assertThat(parsed(json("{\"ts\":" + json + "}")).timestamp())
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void messageObjectsWithoutAMessageStayJsonTextAndGiveTheirFields() {
    LogEvent e = parsed(json("{\"msg\":{\"a\":1},\"deep\":{\"b\":{\"c\":[1,2]}}}"));
    assertThat(e.message()).isEqualTo("{\"a\":1}");
    assertThat(e.attributes()).containsExactly(Map.entry("deep.b.c", "[1,2]"), Map.entry("a", "1"));
  }
}
