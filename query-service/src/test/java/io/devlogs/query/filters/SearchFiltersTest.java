package io.devlogs.query.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchFiltersTest {
  private static final LogEvent EVENT =
      new LogEvent(
          "e1",
          Instant.parse("2024-05-01T11:59:00Z"),
          "ERROR",
          "checkout",
          "run-7",
          "Payment FAILED for order 42: card declined",
          Map.of("http.status", "502", "region", "eu"));

  private static SearchFilters parse(Map<String, List<String>> params) {
    return SearchFilters.parse(new RequestParams(params));
  }

  @Test
  void parsesEveryFilter() {
    SearchFilters filters =
        parse(
            Map.of(
                "level", List.of("error,warn", "FATAL"),
                "service", List.of("checkout", "api,web"),
                "stream", List.of("run-7"),
                "q", List.of("payment  \"card declined\" payment"),
                "attr.http.status", List.of("502")));
    assertThat(filters.levels()).containsExactlyInAnyOrder(Level.ERROR, Level.WARN, Level.FATAL);
    assertThat(filters.services()).containsExactlyInAnyOrder("checkout", "api", "web");
    assertThat(filters.stream()).contains("run-7");
    assertThat(filters.terms()).containsExactly("payment", "card declined");
    assertThat(filters.attributes()).isEqualTo(Map.of("http.status", "502"));
  }

  @Test
  void matchesWhenEveryFilterHolds() {
    SearchFilters filters =
        parse(
            Map.of(
                "level", List.of("error"),
                "service", List.of("api,checkout"),
                "q", List.of("failed \"CARD declined\""),
                "attr.region", List.of("eu")));
    assertThat(filters.matches(EVENT)).isTrue();
    assertThat(SearchFilters.NONE.matches(EVENT)).isTrue();
  }

  @Test
  void eachFilterCanExclude() {
    assertThat(parse(Map.of("level", List.of("info"))).matches(EVENT)).isFalse();
    assertThat(parse(Map.of("service", List.of("api"))).matches(EVENT)).isFalse();
    assertThat(parse(Map.of("stream", List.of("run-8"))).matches(EVENT)).isFalse();
    assertThat(parse(Map.of("q", List.of("payment refunded"))).matches(EVENT)).isFalse();
    assertThat(parse(Map.of("attr.region", List.of("EU"))).matches(EVENT)).isFalse();
    assertThat(parse(Map.of("attr.missing", List.of("x"))).matches(EVENT)).isFalse();
  }

  @Test
  void rejectsBadValuesNamingTheParameter() {
    assertThatThrownBy(() -> parse(Map.of("level", List.of("loud"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'level'");
    assertThatThrownBy(() -> parse(Map.of("attr.a b", List.of("x"))))
        .hasMessageContaining("'attr.a b'");
    assertThatThrownBy(() -> parse(Map.of("attr.k", List.of("x", "y"))))
        .hasMessageContaining("'attr.k'");
    assertThatThrownBy(() -> parse(Map.of("q", List.of("a b c d e f g h i j k l m n o p q"))))
        .hasMessageContaining("'q'");
    assertThatThrownBy(() -> parse(Map.of("stream", List.of("s".repeat(513)))))
        .hasMessageContaining("'stream'");
  }

  @Test
  void unknownParametersAreRefused() {
    RequestParams params = new RequestParams(Map.of("levle", List.of("error")));
    assertThatThrownBy(() -> params.rejectUnknown(Set.of("level", "q"), "attr."))
        .hasMessageContaining("'levle'")
        .hasMessageContaining("attr.*");
    new RequestParams(Map.of("attr.x", List.of("1"), "q", List.of("a")))
        .rejectUnknown(Set.of("q"), "attr.");
  }

  @Test
  void aQueryStartingWithABraceIsLogqlAndMatchesWithItsPredicate() {
    SearchFilters filters =
        parse(
            Map.of(
                "q",
                List.of(
                    "  {service=\"checkout\", level=~\"error|fatal\"} |= \"FAILED\""
                        + " | http.status >= 500 and region=\"eu\"")));
    assertThat(filters.terms()).isEmpty();
    assertThat(filters.logql()).isPresent();
    assertThat(filters.matches(EVENT)).isTrue();
    SearchFilters caseSensitive =
        parse(Map.of("q", List.of("{service=\"checkout\"} |= \"failed\"")));
    assertThat(caseSensitive.matches(EVENT)).as("line filters are case-sensitive").isFalse();
    SearchFilters numeric =
        parse(Map.of("q", List.of("{service=\"checkout\"} | http.status > 502")));
    assertThat(numeric.matches(EVENT)).isFalse();
  }

  @Test
  void plainWordsKeepTheirMeaning() {
    SearchFilters filters = parse(Map.of("q", List.of("payment failed")));
    assertThat(filters.logql()).isEmpty();
    assertThat(filters.terms()).containsExactly("payment", "failed");
    assertThat(filters.matches(EVENT)).isTrue();
  }

  @Test
  void aMalformedLogqlQueryIsA400NamingItsPosition() {
    String query = "{service=\"checkout\"} |=";
    assertThatThrownBy(() -> parse(Map.of("q", List.of(query))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              @SuppressWarnings("unchecked")
              Map<String, Object> detail = (Map<String, Object>) e.body().detail();
              assertThat(detail)
                  .containsEntry("parameter", "q")
                  .containsEntry("offset", query.length())
                  .containsEntry("line", 1)
                  .containsEntry("column", query.length() + 1);
              assertThat((String) detail.get("expected")).contains("quoted text");
              assertThat(e.getMessage()).startsWith("parameter 'q': parse error at line 1");
            });
    assertThatThrownBy(() -> parse(Map.of("q", List.of("{service=\"a\"} |= \"x\" or"))))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void aLogqlQueryMayBeLongerThanFreeText() {
    String longQuery = "{service=\"checkout\"}" + " |= \"abcdefghij\"".repeat(50);
    assertThat(longQuery.length()).isGreaterThan(SearchFilters.MAX_VALUE_LENGTH);
    assertThat(parse(Map.of("q", List.of(longQuery))).logql()).isPresent();
  }
}
