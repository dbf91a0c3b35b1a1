package io.devlogs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static CommandLine parse(String... args) {
    return CommandLine.parse(
        "bench query", List.of(args), Set.of("--events", "--url"), Set.of("--reload"));
  }

  @Test
  void valuesInBothSpellingsAndFlags() {
    CommandLine options = parse("--events", "5", "--url=http://h:1", "--reload");
    assertThat(options.value("--events", "1")).isEqualTo("5");
    assertThat(options.value("--url", "")).isEqualTo("http://h:1");
    assertThat(options.flag("--reload")).isTrue();
    assertThat(parse().value("--events", "10")).isEqualTo("10");
    assertThat(parse().flag("--reload")).isFalse();
  }

  @Test
  void unknownOptionsAndMissingValuesNameTheCommand() {
    assertThatThrownBy(() -> parse("--evnts", "5"))
        .isInstanceOf(CommandFailed.class)
        .hasMessage("bench query: unknown option --evnts");
    assertThatThrownBy(() -> parse("--events")).hasMessage("bench query: --events needs a value");
    assertThatThrownBy(() -> parse("--reload=yes"))
        .hasMessage("bench query: unknown option --reload=yes");
  }

  @Test
  void numbersAreCheckedWithTheCommandsMessage() {
    assertThat(parse("--events=20").number("--events", 1, 1, "bad")).isEqualTo(20);
    assertThat(parse().number("--events", 7, 1, "bad")).isEqualTo(7);
    assertThatThrownBy(
            () ->
                parse("--events=0")
                    .number("--events", 1, 1, "bench query: --events must be a positive number"))
        .hasMessage("bench query: --events must be a positive number (got '0')");
    assertThatThrownBy(() -> parse("--events=x").number("--events", 1, 1, "m"))
        .hasMessage("m (got 'x')");
  }
}
