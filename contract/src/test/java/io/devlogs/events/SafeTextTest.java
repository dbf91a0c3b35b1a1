package io.devlogs.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void replacesLoneSurrogatesAndKeepsPairs() {
    assertThat(SafeText.of("x \ud800 y")).isEqualTo("x \uFFFD y");
    assertThat(SafeText.of("\udc00a\ud83d")).isEqualTo("\uFFFDa\uFFFD");
    assertThat(SafeText.of("\ud800\ud800\udc00")).isEqualTo("\uFFFD\ud800\udc00");
    String emoji = "ok \ud83d\ude00";
    assertThat(SafeText.of(emoji)).isSameAs(emoji);
    assertThat(SafeText.hasLoneSurrogate(emoji)).isFalse();
    assertThat(SafeText.hasLoneSurrogate("a\udfff")).isTrue();
    assertThat(SafeText.of(null)).isNull();
  }

  @Test
  void boundsNameTheFieldAndTheLimit() {
    assertThat(EventBounds.problem("a", "s", "t", java.util.Map.of("k", "v"))).isNull();
    assertThat(EventBounds.problem("i".repeat(513), "s", "t", java.util.Map.of()))
        .isEqualTo("id of 513 characters, the limit is 512");
    assertThat(EventBounds.problem("i", "s", "t".repeat(1025), java.util.Map.of()))
        .contains("stream of 1025");
    assertThat(EventBounds.problem("i", "s", "t", java.util.Map.of("k".repeat(2000), "v")))
        .startsWith("attribute name of 2000 characters");
    assertThat(EventBounds.parsedSizeProblem(1_000_001)).contains("limit is 1000000");
    assertThat(EventBounds.parsedSizeProblem(10)).isNull();
  }
}
