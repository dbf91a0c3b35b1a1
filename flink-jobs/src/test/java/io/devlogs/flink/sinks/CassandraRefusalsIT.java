package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.WriteTimeoutException;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.streams.StreamChunkEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Cassandra refuses, found for real: rows with hostile values are written to the local stack's
 * Cassandra through the sink's own upsert ({@link CassandraStreamStore}: the rows of a case as one
 * chunk of {@code stream_chunks}), each case alone, and each outcome is checked by reading the
 * chunks back: stored exactly as sent, stored altered (which fields), or refused with which error.
 * Every refusal is an {@link InvalidQueryException}, which the writer treats as permanent (the row
 * becomes a dead letter). The table is printed ({@code CASE | ...} lines) for the README.
 *
 * <p>Found on Cassandra 5.0 (stack/cassandra, 8 MiB commitlog segments): a request (one chunk)
 * above 4 MiB is refused ("CQL Message of size ... exceeds allowed maximum of 4194304 bytes"), so a
 * chunk of rows that each pass is refused as a whole when it is too large; a partition key
 * (project, stream, day, with 3 bytes of framing per component) above 65,535 bytes is refused (an
 * event id is no key of a chunk: any length is stored); a TTL whose expiry falls after 2038-01-19
 * is refused (CASSANDRA-14092: the 20-year TTL maximum is not usable), as is a negative one. Empty
 * strings, NUL and control characters, noncharacters, 4-byte characters, 100,000 attributes, 64 KiB
 * attribute names and timestamps at both ends of the event-time range are stored exactly; lone
 * surrogates are stored as {@code ?} (by the driver in the stream, by UTF-8 encoding in the block),
 * silently ({@code io.devlogs.events.SafeText} replaces them before any sink).
 */
class CassandraRefusalsIT {

  private static final PipelineOptions OPTIONS = TestOptions.options(new java.util.HashMap<>());
  private static final String PROJECT = "p_cr_" + TestOptions.randomBase62(10);
  private static final Instant TS = Instant.parse("2024-05-03T10:00:00Z");
  private static final int KIB = 1024;
  private static final int MIB = 1024 * 1024;
  private static final String TOO_LARGE = "exceeds allowed maximum of 4194304 bytes";
  private static final String KEY_TOO_LONG = "is longer than maximum of 65535";

  private static CassandraStreamSink.ContactPointsClusterBuilder contactPoints;
  private static CassandraStreamStore store;
  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void connect() throws Exception {
    contactPoints =
        new CassandraStreamSink.ContactPointsClusterBuilder(
            OPTIONS.cassandra().contactPoints(), OPTIONS.cassandra().datacenter());
    store = new CassandraStreamStore(contactPoints, OPTIONS.cassandra().keyspace());
    cluster = contactPoints.getCluster();
    session = cluster.connect();
  }

  @AfterAll
  static void close() {
    store.close();
    session.close();
    cluster.close();
  }

  /**
   * One write and what Cassandra must make of it.
   *
   * @param refusal a fragment of Cassandra's error, or null if the rows must be stored
   * @param altered the fields stored differently from what was sent (empty: stored exactly)
   * @param mayTimeOut whether Cassandra may also answer {@link WriteTimeoutException} (the write is
   *     too heavy to finish within {@code write_request_timeout}, 2 s, on a loaded machine)
   */
  record Case(
      String name,
      List<CassandraStreamRow> rows,
      String refusal,
      Set<String> altered,
      boolean mayTimeOut) {
    Case(String name, List<CassandraStreamRow> rows, String refusal, Set<String> altered) {
      this(name, rows, refusal, altered, false);
    }

    static Case stored(String name, RowBuilder row) {
      return new Case(name, List.of(row.build()), null, Set.of());
    }

    static Case refused(String name, RowBuilder row, String error) {
      return new Case(name, List.of(row.build()), error, Set.of());
    }
  }

  @Test
  void cassandraRefusesOnlyOversizedRequestsOverlongKeysAndBadTtls() throws Exception {
    String control = "a\u0000b\u0001c\u001fd\u007fe\u0085f\u2028g";
    String lone = "x\ud800y\udc00z";
    String fourByte = "\uD83D\uDE00\uD834\uDD1E";
    List<Case> cases =
        List.of(
            Case.stored("message of 1 MiB", row("m1").message(ascii(MIB))),
            Case.stored("message of 3 MiB", row("m3").message(ascii(3 * MIB))),
            Case.refused("message of 4 MiB", row("m4").message(ascii(4 * MIB)), TOO_LARGE),
            Case.refused("message of 17 MiB", row("m17").message(ascii(17 * MIB)), TOO_LARGE),
            Case.stored("1,000 attributes of 1 KiB", row("a1").attributes(attrs(1000, KIB))),
            Case.stored("10,000 attributes", row("a2").attributes(attrs(10_000, 10))),
            new Case(
                "100,000 attributes",
                List.of(row("a3").attributes(attrs(100_000, 10)).build()),
                null,
                Set.of(),
                true),
            Case.stored("attribute name of 65,536 bytes", row("a4").attributes(attr(65_536))),
            Case.refused(
                "attribute value of 5 MiB",
                row("a5").attributes(Map.of("k", ascii(5 * MIB))),
                TOO_LARGE),
            batch("chunk of 16 rows of 200 KiB (3.2 MiB)", 16, 200 * KIB, null),
            batch("chunk of 16 rows of 300 KiB (4.7 MiB)", 16, 300 * KIB, TOO_LARGE),
            batch("chunk of 2,000 rows of 300 B", 2000, 300, null),
            batch("chunk of 5,000 rows of 1 KiB (5 MiB)", 5000, KIB, TOO_LARGE),
            Case.stored("event_id of 65,528 bytes (no key in a chunk)", row(ascii(65_528))),
            Case.stored("event_id of 16,384 4-byte characters", row("\uD83D\uDE00".repeat(16_384))),
            Case.stored(
                "project + stream of 65,522 bytes",
                row("s1").stream(ascii(65_522 - PROJECT.length()))),
            Case.refused(
                "project + stream of 65,523 bytes",
                row("s2").stream(ascii(65_523 - PROJECT.length())),
                KEY_TOO_LONG),
            Case.stored("empty project", row("e1").project("")),
            Case.stored("empty stream", row("e2").stream("")),
            Case.stored("empty event_id", row("")),
            Case.stored(
                "empty message, service, level, attribute",
                row("e4").message("").service("").level("").attributes(Map.of("", ""))),
            Case.stored(
                "NUL and control characters in every text",
                row("c" + control).stream("s" + control)
                    .message(control)
                    .service(control)
                    .attributes(Map.of(control, control))),
            Case.stored(
                "4-byte characters in every text",
                row("f" + fourByte).stream("s" + fourByte)
                    .message(fourByte)
                    .service(fourByte)
                    .attributes(Map.of(fourByte, fourByte))),
            Case.stored(
                "noncharacters U+FFFE U+FFFF", row("n\uFFFE\uFFFF").message("\uFFFE\uFFFF")),
            new Case(
                "lone surrogates in every text",
                List.of(
                    row("l" + lone).stream("s" + lone)
                        .message(lone)
                        .service(lone)
                        .attributes(Map.of(lone, lone))
                        .build()),
                null,
                Set.of("event_id", "stream", "message", "service", "attributes")),
            Case.stored("TTL 0 (none)", row("t0").ttl(0)),
            Case.stored("TTL 365 days", row("t1").ttl(365 * 86_400)),
            Case.refused(
                "TTL of 20 years (the documented maximum)",
                row("t2").ttl(630_720_000),
                "exceeds maximum supported expiration date of 2038-01-19"),
            Case.refused("TTL -1", row("t3").ttl(-1), "A TTL must be greater or equal to 0"),
            Case.refused(
                "TTL Integer.MAX_VALUE", row("t4").ttl(Integer.MAX_VALUE), "ttl is too large"),
            Case.stored(
                "ts at the start of the event-time range (1677)",
                row("ts1").ts(Instant.parse("1677-09-21T00:12:43.145Z"))),
            Case.stored(
                "ts at the end of the event-time range (2262)",
                row("ts2").ts(Instant.parse("2262-04-11T23:47:16.854Z"))),
            Case.stored(
                "received_at and ingest_lag_ms at Long.MIN_VALUE",
                row("r1").receivedAt(Instant.ofEpochMilli(Long.MIN_VALUE)).lag(Long.MIN_VALUE)),
            Case.stored(
                "received_at, ingest_lag_ms, size_bytes at their maximum",
                row("r2")
                    .receivedAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                    .lag(Long.MAX_VALUE)
                    .size(Integer.MAX_VALUE)),
            new Case(
                "chunk of 3 rows, one with an attribute value of 5 MiB",
                List.of(
                    row("mixed-1").stream("mixed").build(),
                    row("mixed-2").stream("mixed").attributes(Map.of("k", ascii(5 * MIB))).build(),
                    row("mixed-3").stream("mixed").build()),
                TOO_LARGE,
                Set.of()));

    List<String> mismatches = new ArrayList<>();
    for (Case c : cases) {
      String outcome = outcome(c.rows());
      String expected =
          c.refusal() != null ? "refused" : c.altered().isEmpty() ? "stored" : "altered";
      System.out.printf("CASE | %s | %s%n", c.name(), outcome);
      boolean ok =
          c.refusal() != null
              ? outcome.startsWith("refused: " + InvalidQueryException.class.getSimpleName())
                  && outcome.contains(c.refusal())
                  && stored(c.rows()) == 0
              : outcome.equals(
                  c.altered().isEmpty()
                      ? "stored exactly"
                      : "stored with " + new TreeSet<>(c.altered()) + " altered");
      if (c.mayTimeOut()) {
        ok |= outcome.startsWith("refused: " + WriteTimeoutException.class.getSimpleName());
      }
      if (!ok) {
        mismatches.add(c.name() + ": expected " + expected + ", got " + outcome);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** "stored exactly", "stored with [fields] altered", or "refused: Exception: message". */
  private static String outcome(List<CassandraStreamRow> rows) throws Exception {
    try {
      store.write(rows).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      String message = e.getCause().getMessage();
      return "refused: "
          + e.getCause().getClass().getSimpleName()
          + ": "
          + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }
    if (rows.size() > 1) {
      int stored = stored(rows);
      return stored == rows.size() ? "stored exactly" : "stored " + stored + " of " + rows.size();
    }
    CassandraStreamRow sent = rows.get(0);
    StreamChunkEvent got = select(sent);
    if (got == null) {
      return "not found after a successful write";
    }
    Set<String> altered = new TreeSet<>();
    // The stream was sent as it is; a driver that alters it is seen by reading the partition of
    // the altered name (select).
    compare(altered, "message", sent.message(), got.message());
    compare(altered, "service", sent.service(), got.service());
    compare(altered, "level", sent.level(), got.level());
    compare(altered, "attributes", sent.attributes(), got.attributes());
    compare(altered, "received_at", sent.receivedAt().toEpochMilli(), got.receivedAtMillis());
    compare(altered, "ingest_lag_ms", sent.ingestLagMs(), got.ingestLagMs());
    compare(altered, "size_bytes", sent.sizeBytes(), got.sizeBytes());
    compare(altered, "ts", sent.ts().toEpochMilli(), got.tsMillis());
    if (!driverText(sent.stream()).equals(sent.stream())) {
      altered.add("stream"); // stored as the driver wrote it (found by select under that name)
    }
    if (!sent.eventId().equals(got.eventId())) {
      altered.add("event_id");
    }
    return altered.isEmpty() ? "stored exactly" : "stored with " + altered + " altered";
  }

  private static void compare(Set<String> altered, String field, Object sent, Object got) {
    if (!sent.equals(got)) {
      altered.add(field);
    }
  }

  /**
   * The stored event of {@code sent}: by its id in its partition, else (when its texts were
   * altered) the only event of the partition of the altered stream name with the altered id (a lone
   * surrogate becomes '?').
   */
  private static StreamChunkEvent select(CassandraStreamRow sent) {
    for (String stream : List.of(sent.stream(), driverText(sent.stream()))) {
      for (StreamChunkEvent e : partitionEvents(sent.project(), stream, sent.day())) {
        if (e.eventId().equals(sent.eventId()) || e.eventId().equals(driverText(sent.eventId()))) {
          return e;
        }
      }
    }
    return null;
  }

  private static List<StreamChunkEvent> partitionEvents(
      String project, String stream, java.time.LocalDate day) {
    if (bytes(project) + bytes(stream) > 65_522) {
      return List.of(); // no partition key that long can be stored, nor looked up
    }
    return StackClients.cassandraEvents(session, OPTIONS, project, stream, day).stream()
        .map(StackClients.StoredStreamEvent::event)
        .toList();
  }

  /** How many of the rows Cassandra holds (looked up in their partitions by event id). */
  private static int stored(List<CassandraStreamRow> rows) {
    Set<List<String>> found = new HashSet<>();
    for (CassandraStreamRow r : rows) {
      for (StreamChunkEvent e : partitionEvents(r.project(), r.stream(), r.day())) {
        found.add(List.of(r.stream(), e.eventId()));
      }
    }
    return (int)
        rows.stream().filter(r -> found.contains(List.of(r.stream(), r.eventId()))).count();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** What the driver writes for a string: each lone surrogate becomes '?'. */
  private static String driverText(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static Case batch(String name, int rows, int messageBytes, String refusal) {
    String stream = "batch-" + rows + "-" + messageBytes;
    List<CassandraStreamRow> batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      batch.add(row("b" + i).stream(stream).message(ascii(messageBytes)).build());
    }
    return new Case(name, batch, refusal, Set.of());
  }

  private static String ascii(int n) {
    return "x".repeat(n);
  }

  private static Map<String, String> attrs(int n, int valueBytes) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put("k" + i, ascii(valueBytes));
    }
    return m;
  }

  private static Map<String, String> attr(int nameBytes) {
    return Map.of(ascii(nameBytes), "v");
  }

  private static RowBuilder row(String id) {
    return new RowBuilder(id);
  }

  static final class RowBuilder {
    String project = PROJECT;
    String stream = "hostile";
    Instant ts = TS;
    String id;
    String level = "INFO";
    String service = "api";
    String message = "m";
    Map<String, String> attributes = Map.of("k", "v");
    Instant receivedAt = TS.plusSeconds(1);
    long lag = 1000;
    int size = 100;
    int ttl = 3600;

    RowBuilder(String id) {
      this.id = id;
    }

    RowBuilder project(String v) {
      project = v;
      return this;
    }

    RowBuilder stream(String v) {
      stream = v;
      return this;
    }

    RowBuilder ts(Instant v) {
      ts = v;
      return this;
    }

    RowBuilder level(String v) {
      level = v;
      return this;
    }

    RowBuilder service(String v) {
      service = v;
      return this;
    }

    RowBuilder message(String v) {
      message = v;
      return this;
    }

    RowBuilder attributes(Map<String, String> v) {
      attributes = v;
      return this;
    }

    RowBuilder receivedAt(Instant v) {
      receivedAt = v;
      return this;
    }

    RowBuilder lag(long v) {
      lag = v;
      return this;
    }

    RowBuilder size(int v) {
      size = v;
      return this;
    }

    RowBuilder ttl(int v) {
      ttl = v;
      return this;
    }

    CassandraStreamRow build() {
      return new CassandraStreamRow(
          project,
          stream,
          LocalDate.ofInstant(ts, ZoneOffset.UTC),
          ts,
          id,
          level,
          service,
          message,
          attributes,
          receivedAt,
          lag,
          size,
          ttl);
    }
  }
}
