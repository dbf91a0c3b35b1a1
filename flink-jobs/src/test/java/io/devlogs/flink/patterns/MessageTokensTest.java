package io.devlogs.flink.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTokensTest {

  @Test
  void masksWordsThatHoldDigitsAndKeepsThePunctuationAroundThem() {
    assertThat(
            MessageTokens.of(
                "Received block blk_-160899 of size 67108864 from /10.0.0.1:50010", 64))
        .containsExactly("Received", "block", "<*>", "of", "size", "<*>", "from", "/<*>");
    assertThat(MessageTokens.of("user=bob took=12ms [1.2.3.4] port 22.", 64))
        .containsExactly("user=bob", "took=<*>", "[<*>]", "port", "<*>.");
    assertThat(MessageTokens.of("session 550e8400-e29b-41d4-a716-446655440000 at 0x7f3a", 64))
        .containsExactly("session", "<*>", "at", "<*>");
  }

  @Test
  void aRunOfVariablesIsOneToken() {
    assertThat(MessageTokens.of("delete blk_1 blk_2 blk_3 now", 64))
        .containsExactly("delete", "<*>", "now");
  }

  @Test
  void tokensPastTheBoundBecomeOneRestToken() {
    assertThat(MessageTokens.of("a b c d e", 3)).containsExactly("a", "b", "c", MessageTokens.REST);
    assertThat(MessageTokens.of("", 3)).isEmpty();
    assertThat(MessageTokens.of("x".repeat(500), 3)[0]).hasSize(MessageTokens.MAX_TOKEN_CHARS);
  }
}
