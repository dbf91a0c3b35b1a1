package io.devlogs.query.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.RequestParams;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamRequestTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final StreamCursors CURSORS = new StreamCursors(new CursorSeal(new byte[32]));

  @Test
  void defaultsToTheLast24Hours() {
    StreamRequest request =
        StreamRequest.parse("p_A", "run-1", new RequestParams(Map.of()), NOW, CURSORS);
    assertThat(request.range().from()).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
    assertThat(request.range().to()).isEqualTo(NOW);
    assertThat(request.range().utcDays()).hasSize(2);
    assertThat(request.limit()).isEqualTo(StreamRequest.DEFAULT_LIMIT);
  }

  @Test
  void capsTheNumberOfDays() {
    assertThatThrownBy(
            () ->
                StreamRequest.parse(
                    "p_A",
                    "run-1",
                    new RequestParams(Map.of("from", List.of("2024-03-01T00:00:00Z"))),
                    NOW,
                    CURSORS))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'from'");
  }

  @Test
  void rejectsOverlongNames() {
    assertThatThrownBy(
            () ->
                StreamRequest.parse(
                    "p_A", "x".repeat(257), new RequestParams(Map.of()), NOW, CURSORS))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'name'");
  }

  @Test
  void keepsHostileNamesVerbatimForBinding() {
    StreamRequest request =
        StreamRequest.parse("p_A", "' OR 1=1 --", new RequestParams(Map.of()), NOW, CURSORS);
    assertThat(request.stream()).isEqualTo("' OR 1=1 --");
  }

  @Test
  void aCursorContinuesAfterItsPositionInItsOwnRange() {
    StreamRequest first =
        StreamRequest.parse(
            "p_A",
            "run-1",
            new RequestParams(Map.of("from", List.of("2024-04-28T00:00:00Z"))),
            NOW,
            CURSORS);
    StreamPosition last = new StreamPosition(Instant.parse("2024-04-30T23:59:59.999Z"), "e'9\"");
    String cursor = CURSORS.issue("p_A", first, last);

    StreamRequest next =
        StreamRequest.parse(
            "p_A",
            "run-1",
            new RequestParams(Map.of("cursor", List.of(cursor), "limit", List.of("10"))),
            NOW.plusSeconds(3600),
            CURSORS);
    assertThat(next.range()).as("the walk's range, not a new default").isEqualTo(first.range());
    assertThat(next.after()).contains(last);
    assertThat(next.limit()).isEqualTo(10);
    assertThat(next.days())
        .containsExactly(LocalDate.parse("2024-04-30"), LocalDate.parse("2024-05-01"));

    StreamRequest sameRange =
        StreamRequest.parse(
            "p_A",
            "run-1",
            new RequestParams(
                Map.of("cursor", List.of(cursor), "from", List.of("2024-04-28T02:00:00+02:00"))),
            NOW,
            CURSORS);
    assertThat(sameRange.after()).contains(last);
  }

  @Test
  void aCursorIsRefusedWhenAlteredOrUsedElsewhere() {
    StreamRequest first =
        StreamRequest.parse("p_A", "run-1", new RequestParams(Map.of()), NOW, CURSORS);
    String cursor =
        CURSORS.issue(
            "p_A", first, new StreamPosition(Instant.parse("2024-05-01T10:00:00Z"), "e1"));
    String payload = cursor.substring(0, cursor.indexOf('.'));
    String forged =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(payload))
                        .replace("e1", "e0")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + cursor.substring(cursor.indexOf('.'));
    String otherServer =
        new StreamCursors(
                new CursorSeal(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .issue("p_A", first, new StreamPosition(Instant.parse("2024-05-01T10:00:00Z"), "e1"));

    assertRefused("p_B", "run-1", Map.of("cursor", List.of(cursor)), "parameter 'cursor'");
    assertRefused("p_A", "run-2", Map.of("cursor", List.of(cursor)), "parameter 'cursor'");
    assertRefused("p_A", "run-1", Map.of("cursor", List.of(forged)), "parameter 'cursor'");
    assertRefused("p_A", "run-1", Map.of("cursor", List.of(otherServer)), "parameter 'cursor'");
    assertRefused("p_A", "run-1", Map.of("cursor", List.of("' OR 1=1 --")), "parameter 'cursor'");
    assertRefused(
        "p_A",
        "run-1",
        Map.of("cursor", List.of(cursor), "to", List.of("2024-05-01T11:00:00Z")),
        "parameter 'cursor': was issued for to=");
  }

  @Test
  void unknownParametersAreRefused() {
    assertRefused("p_A", "run-1", Map.of("level", List.of("error")), "parameter 'level'");
  }

  private static void assertRefused(
      String projectId, String name, Map<String, List<String>> params, String detail) {
    assertThatThrownBy(
            () -> StreamRequest.parse(projectId, name, new RequestParams(params), NOW, CURSORS))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith(detail);
  }
}
