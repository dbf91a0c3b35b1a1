package io.devlogs.query.streams;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.ids;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.StreamRows;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.streams.StreamChunkEvent;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streams stored as chunks ({@code stream_chunks}) read through {@code GET /v1/streams/{name}}
 * against the real Cassandra: pages cut inside chunks and across chunk and slice boundaries, events
 * of the same millisecond ordered by id across chunks, a replay's chunks (the same chunk again, the
 * same events cut otherwise) read once, and rows of the older {@code stream_events} merged with
 * chunks in one order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class StreamChunksIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** The start of a slice a few days back, so a stream can span slices and chunks. */
  private final Instant base =
      Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plusSeconds(3_600);

  private final Instant from = base.minusSeconds(60);
  private final Instant to = base.plusSeconds(60);
  private final QueryOptions options;
  private final TestProjects projects;
  private StreamRows streamRows;
  private TestProject project;

  StreamChunksIT(LocalStack stack) {
    this.options = QueryOptions.from(stack.settings());
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() {
    project = projects.create("it-chunks");
    streamRows = new StreamRows(options);
  }

  @AfterAll
  void close() {
    if (streamRows != null) {
      streamRows.close();
    }
  }

  @Test
  void pagesCutInsideChunksAndAcrossChunkAndSliceBoundariesReadEveryEventOnceInOrder() {
    String stream = "bounds-" + run;
    List<String> expected = new ArrayList<>();
    // Slice 1 (base .. base+10s): two flushes whose events interleave in time.
    List<StreamChunkEvent> flush1 = new ArrayList<>();
    List<StreamChunkEvent> flush2 = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      StreamChunkEvent e = event(String.format("s1-%02d", i), base.plusMillis(700L * i));
      (i % 3 == 0 ? flush2 : flush1).add(e);
      expected.add(e.eventId());
    }
    // The last millisecond of slice 1 and the first of slice 2, in one flush: two chunks.
    StreamChunkEvent lastOfSlice1 = event("s1-last", base.plusMillis(9_999));
    StreamChunkEvent firstOfSlice2 = event("s2-first", base.plusMillis(10_000));
    expected.add("s1-last");
    expected.add("s2-first");
    streamRows.insertChunk(project.id(), stream, flush1);
    streamRows.insertChunk(project.id(), stream, flush2);
    streamRows.insertChunk(project.id(), stream, List.of(lastOfSlice1));
    streamRows.insertChunk(project.id(), stream, List.of(firstOfSlice2));
    // Slice 3 (an empty slice 2 in between but for its first event): one chunk of 7.
    List<StreamChunkEvent> slice3 = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      slice3.add(event("s3-" + i, base.plusSeconds(25).plusMillis(i)));
      expected.add("s3-" + i);
    }
    streamRows.insertChunk(project.id(), stream, slice3);

    for (int limit : new int[] {1, 3, 4, 7, 1000}) {
      List<List<String>> pages = pages(stream, range(from, to), limit);
      List<String> seen = pages.stream().flatMap(List::stream).toList();
      assertThat(seen)
          .as("limit %d: no duplicates, no gaps, oldest first", limit)
          .isEqualTo(expected);
      assertThat(pages).as("limit %d", limit).hasSize((expected.size() + limit - 1) / limit);
    }
    read(
        api -> {
          JsonNode first =
              api.ok("/v1/streams/" + enc(stream) + "?" + range(from, to) + "&limit=1")
                  .path("events")
                  .get(0);
          assertThat(first.path("message").asText()).isEqualTo("event s1-00");
          assertThat(first.path("attributes").path("id").asText()).isEqualTo("s1-00");
          assertThat(first.path("level").asText()).isEqualTo("INFO");
          assertThat(first.path("stream").asText()).isEqualTo(stream);
          assertThat(Instant.parse(first.path("timestamp").asText())).isEqualTo(base);
        });
    // A range that starts and ends inside chunks cuts them exactly.
    List<String> inside =
        pages(stream, range(base.plusMillis(1_400), base.plusMillis(25_003)), 2).stream()
            .flatMap(List::stream)
            .toList();
    assertThat(inside)
        .isEqualTo(expected.subList(expected.indexOf("s1-02"), expected.indexOf("s3-3")));
  }

  @Test
  void eventsOfTheSameMillisecondAreOrderedByIdAcrossChunks() {
    String stream = "same-ms-" + run;
    Instant ts = base.plusSeconds(2);
    // Ids in code point order, as Cassandra orders text: an emoji (a surrogate pair) comes after
    // U+FFFD, although UTF-16 puts it first.
    List<String> ordered = List.of("a", "b", "c", "d", "\uFFFD", "\uD83D\uDE00");
    streamRows.insertChunk(project.id(), stream, List.of(event("d", ts), event("a", ts)));
    streamRows.insertChunk(
        project.id(), stream, List.of(event("\uD83D\uDE00", ts), event("c", ts)));
    streamRows.insertChunk(project.id(), stream, List.of(event("b", ts), event("\uFFFD", ts)));
    streamRows.insert(
        project.id(), stream, "early", ts.minusMillis(1), "INFO", "runner", "m", Map.of());
    List<String> expected = new ArrayList<>(List.of("early"));
    expected.addAll(ordered);
    for (int limit : new int[] {1, 2, 4}) {
      assertThat(pages(stream, range(from, to), limit).stream().flatMap(List::stream).toList())
          .as("limit %d", limit)
          .isEqualTo(expected);
    }
  }

  @Test
  void aReplayedChunkAndEventsCutIntoOtherChunksOnReplayAreReadOnce() {
    String stream = "replay-" + run;
    List<StreamChunkEvent> events = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      events.add(event("r-" + i, base.plusMillis(100L * i)));
    }
    // Before the failure: one flush of r-0..r-4. After: the same chunk again (restored pending
    // rows), and a replay that cut r-2..r-7 and r-0..r-1 into other chunks.
    streamRows.insertChunk(project.id(), stream, events.subList(0, 5));
    List<StreamChunkEvent> sameEventsOtherOrder = new ArrayList<>(events.subList(0, 5));
    java.util.Collections.reverse(sameEventsOtherOrder);
    streamRows.insertChunk(project.id(), stream, sameEventsOtherOrder);
    streamRows.insertChunk(project.id(), stream, events.subList(2, 8));
    streamRows.insertChunk(project.id(), stream, events.subList(0, 2));

    long chunkRows =
        streamRows
            .session()
            .execute(
                "SELECT count(*) FROM stream_chunks WHERE project = ? AND stream = ? AND day = ?",
                project.id(),
                stream,
                java.time.LocalDate.ofInstant(base, java.time.ZoneOffset.UTC))
            .one()
            .getLong(0);
    assertThat(chunkRows).as("the same events make the same chunk, written over").isEqualTo(3);
    List<String> expected = events.stream().map(StreamChunkEvent::eventId).toList();
    for (int limit : new int[] {1, 3, 5, 100}) {
      assertThat(pages(stream, range(from, to), limit).stream().flatMap(List::stream).toList())
          .as("limit %d: each event once", limit)
          .isEqualTo(expected);
    }
  }

  @Test
  void rowsWrittenBeforeChunksAreMergedWithChunksInOneOrder() {
    String stream = "legacy-" + run;
    streamRows.insertLegacyRow(project.id(), stream, "old-0", base, "before chunks");
    streamRows.insertLegacyRow(project.id(), stream, "old-2", base.plusMillis(2), "before chunks");
    streamRows.insertLegacyRow(project.id(), stream, "both-3", base.plusMillis(3), "in both");
    streamRows.insertChunk(
        project.id(),
        stream,
        List.of(
            event("new-1", base.plusMillis(1)),
            event("both-3", base.plusMillis(3)),
            event("new-4", base.plusMillis(4))));
    List<String> expected = List.of("old-0", "new-1", "old-2", "both-3", "new-4");
    for (int limit : new int[] {1, 2, 10}) {
      assertThat(pages(stream, range(from, to), limit).stream().flatMap(List::stream).toList())
          .as("limit %d", limit)
          .isEqualTo(expected);
    }
  }

  private static StreamChunkEvent event(String id, Instant ts) {
    return StreamRows.event(id, ts, "INFO", "runner", "event " + id, Map.of("id", id));
  }

  /** Every page of the stream over {@code range}, walking the cursors. */
  private List<List<String>> pages(String stream, String range, int limit) {
    List<List<String>> pages = new ArrayList<>();
    read(
        api -> {
          String path = "/v1/streams/" + enc(stream) + "?";
          JsonNode page = api.ok(path + range + "&limit=" + limit);
          pages.add(ids(page.path("events")));
          while (!page.path("nextCursor").isNull()) {
            page =
                api.ok(
                    path + "limit=" + limit + "&cursor=" + enc(page.path("nextCursor").asText()));
            pages.add(ids(page.path("events")));
          }
        });
    return pages;
  }

  private void read(Consumer<QueryApi> reads) {
    JavalinTest.test(
        QueryServer.createApp(
            TestDeps.withProjectKeys(projects.keyStore())
                .withStreams(new CassandraStreamReader(streamRows.session()))),
        (server, client) -> reads.accept(new QueryApi(client, project.queryKey())));
  }
}
