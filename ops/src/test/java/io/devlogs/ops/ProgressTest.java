package io.devlogs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void stepLinesLookLikeTheLaunchersAndCountFromItsStart() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            1_000,
            () -> 1_012);
    progress.step("kafka", "ready (pid 1234)");
    progress.step("a-very-long-component-name", "x");
    progress.warn("careful");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[ 12s] kafka ............. ready (pid 1234)\n"
                + "[ 12s] a-very-long-component-name  x\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("devlogs: warning: careful\n");
  }
}
