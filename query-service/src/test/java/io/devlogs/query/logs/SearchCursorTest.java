package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.records.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCursorTest {
  private static final SearchCursor CURSORS =
      new SearchCursor(new CursorSeal("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)));
  private static final SearchCursor.Page PAGE =
      new SearchCursor.Page(
          new TimeRange(
              Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T11:00:00.5Z")),
          new EventPosition(Instant.parse("2024-05-01T10:59:59.000000042Z"), "evt-ä-9"));
  private static final String FILTERS =
      SearchCursor.filterText(Map.of("level", List.of("error"), "q", List.of("boom")));

  private static void assertRefused(String token, String project, String filters) {
    assertThatThrownBy(() -> CURSORS.decode(token, project, filters))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("parameter 'cursor'");
            });
  }

  @Test
  void roundTripsRangeAndPosition() {
    String token = CURSORS.encode("p_A", FILTERS, PAGE);
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(CURSORS.decode(token, "p_A", FILTERS)).isEqualTo(PAGE);
  }

  @Test
  void pageSizeAndTheCursorItselfAreNotPartOfTheFilters() {
    assertThat(
            SearchCursor.filterText(
                Map.of(
                    "level", List.of("error"),
                    "q", List.of("boom"),
                    "limit", List.of("5"),
                    "cursor", List.of("x"))))
        .isEqualTo(FILTERS);
  }

  @Test
  void filterTextsOfDifferentRequestsDiffer() {
    assertThat(SearchCursor.filterText(Map.of("q", List.of("a", "b"))))
        .isNotEqualTo(SearchCursor.filterText(Map.of("q", List.of("a,b"))))
        .isNotEqualTo(SearchCursor.filterText(Map.of("q", List.of("a;1:b"))));
    assertThat(SearchCursor.filterText(Map.of("from", List.of("2024-05-01T10:00:00Z"))))
        .isNotEqualTo(SearchCursor.filterText(Map.of()));
  }

  @Test
  void anotherProjectOrOtherFiltersAreRefused() {
    String token = CURSORS.encode("p_A", FILTERS, PAGE);
    assertRefused(token, "p_B", FILTERS);
    assertRefused(token, "p_A", SearchCursor.filterText(Map.of("level", List.of("error"))));
  }

  @Test
  void everyAlteredCharacterIsRefused() {
    String token = CURSORS.encode("p_A", FILTERS, PAGE);
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        continue;
      }
      char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
      String altered = token.substring(0, i) + replacement + token.substring(i + 1);
      assertRefused(altered, "p_A", FILTERS);
    }
  }

  @Test
  void aPayloadWithADifferentPositionButTheOldSignatureIsRefused() {
    String token = CURSORS.encode("p_A", FILTERS, PAGE);
    String signature = token.substring(token.indexOf('.') + 1);
    String other =
        CURSORS.encode(
            "p_A",
            FILTERS,
            new SearchCursor.Page(
                PAGE.range(), new EventPosition(PAGE.after().timestamp(), "evt-0")));
    assertRefused(other.substring(0, other.indexOf('.') + 1) + signature, "p_A", FILTERS);
  }

  @Test
  void anotherSecretGarbageAndHugeTokensAreRefused() {
    String token = CURSORS.encode("p_A", FILTERS, PAGE);
    assertRefused(token, "p_A", FILTERS.replace("error", "ERROR"));
    assertThatThrownBy(
            () -> new SearchCursor(CursorSeal.withRandomSecret()).decode(token, "p_A", FILTERS))
        .isInstanceOf(ApiException.class);
    assertRefused("", "p_A", FILTERS);
    assertRefused("no-dot", "p_A", FILTERS);
    assertRefused("!!!.???", "p_A", FILTERS);
    assertRefused("' OR 1=1 --", "p_A", FILTERS);
    assertRefused(Base64.getUrlEncoder().encodeToString(new byte[3000]) + ".AAAA", "p_A", FILTERS);
  }
}
