package io.devlogs.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineGrouperTest {

  @Test
  void stackTraceStaysWithItsEvent() {
    String body =
        "2024-01-02 03:04:05 ERROR x: failed\r\n"
            + "java.lang.IllegalStateException: boom\r\n"
            + "\tat a.B.c(B.java:1)\r\n"
            + "Caused by: java.io.IOException: io\r\n"
            + "\t... 3 more\r\n"
            + "2024-01-02 03:04:06 INFO x: next\r\n";
    assertThat(LineGrouper.group(body))
        .containsExactly(
            "2024-01-02 03:04:05 ERROR x: failed\n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat a.B.c(B.java:1)\n"
                + "Caused by: java.io.IOException: io\n"
                + "\t... 3 more",
            "2024-01-02 03:04:06 INFO x: next");
  }

  @Test
  void blankLinesAreDroppedAndLeadingContinuationStartsAnEvent() {
    assertThat(LineGrouper.group("\n\n\tat orphan\n\nplain line\n  indented\n\n"))
        .containsExactly("\tat orphan", "plain line\n  indented");
    assertThat(LineGrouper.group("")).isEmpty();
    assertThat(LineGrouper.group("\n \n\t\n")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\tat x.Y.z(Y.java:1)",
        "    at x.Y.z(Y.java:1)",
        "Caused by: x.Y: z",
        "Suppressed: x.Y",
        "... 12 more",
        "Traceback (most recent call last):",
        "java.lang.IllegalStateException: boom",
        "java.lang.OutOfMemoryError",
        "ValueError: bad",
        "com.acme.Outer$InnerException: x"
      })
  void continuations(String line) {
    assertThat(LineGrouper.isContinuation(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Error: a new event",
        "Exception in thread main",
        "2024-01-02 03:04:05 INFO x",
        "INFO starting",
        "Dec 10 06:55:46 LabSZ sshd[24200]: x",
        "{\"msg\":\"x\"}",
        "an.Error: dotted suffix only",
        ""
      })
  void eventStarts(String line) {
    assertThat(LineGrouper.isContinuation(line)).isFalse();
  }

  @Test
  void anEndlessTraceIsSplit() {
    StringBuilder body = new StringBuilder("head\n");
    for (int i = 0; i < LineGrouper.MAX_LINES_PER_EVENT + 10; i++) {
      body.append("\tat x.Y.z(Y.java:").append(i).append(")\n");
    }
    List<String> events = LineGrouper.group(body.toString());
    assertThat(events).hasSize(2);
    assertThat(events.get(0).split("\n")).hasSize(LineGrouper.MAX_LINES_PER_EVENT);
  }

  @Test
  void groupsKnowTheLineTheyStartOn() {
    String body = "first\n\n  continued\nsecond\r\n\nthird\n\tat x.Y(Y.java:1)\n";
    assertThat(LineGrouper.groups(body))
        .containsExactly(
            new LineGrouper.Group(1, "first\n  continued"),
            new LineGrouper.Group(4, "second"),
            new LineGrouper.Group(6, "third\n\tat x.Y(Y.java:1)"));
  }

  @org.junit.jupiter.api.Test
  void javaUtilLoggingRecordsKeepTheirSecondLine() {
    String body =
        "Jul 30, 2020 3:00:21 PM org.apache.coyote.http11.Http11Protocol init\n"
            + "INFO: Initializing Coyote HTTP/1.1 on http-8080\n"
            + "INFO: not after a header, an event of its own\n"
            + "Jul 30, 2020 3:00:22 PM org.apache.catalina.Server start\n"
            + "SEVERE: failed\n";
    org.assertj.core.api.Assertions.assertThat(LineGrouper.group(body))
        .containsExactly(
            "Jul 30, 2020 3:00:21 PM org.apache.coyote.http11.Http11Protocol init\n"
                + "INFO: Initializing Coyote HTTP/1.1 on http-8080",
            "INFO: not after a header, an event of its own",
            "Jul 30, 2020 3:00:22 PM org.apache.catalina.Server start\nSEVERE: failed");
  }
}
