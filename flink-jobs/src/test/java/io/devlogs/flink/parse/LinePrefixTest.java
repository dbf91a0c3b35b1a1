package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Line shapes that no fast path of {@link TextLineParser} knows, as the issue that asked for {@link
 * LinePrefix} describes them. The lines are written here (invented hosts, numbers and messages),
 * one per shape.
 */
class LinePrefixTest {

  private static final long RECEIVED = Instant.parse("2024-05-01T12:00:05Z").toEpochMilli();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '^',
      quoteCharacter = '`',
      value = {
        // an id and epoch seconds and a dotted date before the date-time, FATAL after a node
        "- 1700000000 2023.11.14 node-7 2023-11-14-22.13.20.123456 node-7 RAS APP FATAL disk"
            + " controller reset ^ FATAL ^ 2023-11-14T22:13:20.123456Z ^ disk controller reset",
        // '|'-separated fields, an hour without its leading zero, milliseconds after ':'
        "20230105-7:05:09:123|Sync_Svc|4711|upload finished 12 files ^ - ^ 2023-01-05T07:05:09.123Z"
            + " ^ upload finished 12 files",
        // a proxy's month.day without a year
        "[03.14 09:26:53] curl.exe - example.org:443 open through proxy ^ - ^"
            + " 2024-03-14T09:26:53Z ^ curl.exe - example.org:443 open through proxy",
        // Windows CBS: the level after a comma
        "2023-02-01 10:00:00, Warning   CBS   Unable to load manifest ^ WARN ^"
            + " 2023-02-01T10:00:00Z ^ CBS   Unable to load manifest",
        // OpenStack's Python lines
        "2023-05-16 00:00:00.008 4242 WARNING nova.compute.manager [req-1] instance gone ^ WARN ^"
            + " 2023-05-16T00:00:00.008Z ^ [req-1] instance gone",
        // a file name before the time
        "api.log.1.2023-05-16_13:53:08 2023-05-16 00:00:01.500 77 ERROR nova.api.wsgi.server"
            + " request failed ^ ERROR ^ 2023-05-16T00:00:01.500Z ^ request failed",
        // SEVERE, notice, emerg, verbose, finest
        "2024-01-02 03:04:05 SEVERE: out of memory ^ ERROR ^ 2024-01-02T03:04:05Z ^ out of memory",
        "2024-01-02 03:04:05 [notice] reloading ^ INFO ^ 2024-01-02T03:04:05Z ^ reloading",
        "2024-01-02 03:04:05 <emerg> kernel panic ^ FATAL ^ 2024-01-02T03:04:05Z ^ kernel panic",
        "2024-01-02 03:04:05 verbose cache warm ^ TRACE ^ 2024-01-02T03:04:05Z ^ cache warm",
        "2024-01-02 03:04:05 level=finest tick ^ TRACE ^ 2024-01-02T03:04:05Z ^ tick",
        "[CRIT] disk full ^ FATAL ^ - ^ disk full",
        // epoch milliseconds, a time alone (the received date)
        "1700000000123 job done ^ - ^ 2023-11-14T22:13:20.123Z ^ job done",
        "11:58:30.250 tick ^ - ^ 2024-05-01T11:58:30.250Z ^ tick",
        "13:10:00 an hour ahead ^ - ^ 2024-05-01T13:10:00Z ^ an hour ahead",
        // syslog tags with spaces and parentheses
        "Mar  3 10:11:12 laptop Google Chrome Helper[1234]: renderer crashed ^ - ^"
            + " 2024-03-03T10:11:12Z ^ renderer crashed",
        "Mar  3 10:11:12 laptop sandboxd[129] ([4242]): deny file-read ^ - ^ 2024-03-03T10:11:12Z"
            + " ^ deny file-read",
        // a sentence that mentions a level keeps INFO
        "the ERROR count fell to zero today ^ - ^ - ^ the ERROR count fell to zero today",
      })
  void readsTheShape(String line, String level, String time, String message) {
    ParsedLine out = new ParsedLine();
    new TextLineParser().parse(line, RECEIVED, out);
    assertThat(out.level == null ? "-" : out.level.name()).as("level").isEqualTo(level);
    assertThat(
            out.epochNanos == TimestampParser.NONE
                ? "-"
                : Instant.ofEpochSecond(0, out.epochNanos).toString())
        .as("time")
        .isEqualTo(time);
    assertThat(out.message).as("message").isEqualTo(message);
  }
}
