package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

  private static final long RECEIVED = Instant.parse("2024-05-01T12:00:05Z").toEpochMilli();

  private static Instant value(String s) {
    long nanos = TimestampParser.parseValue(s, RECEIVED);
    return nanos == TimestampParser.NONE
        ? null
        : Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-02T03:04:05Z | 2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.123456789Z | 2024-01-02T03:04:05.123456789Z",
        "2024-01-02T03:04:05.1234567891234Z | 2024-01-02T03:04:05.123456789Z",
        "2024-01-02T03:04:05+02:00 | 2024-01-02T01:04:05Z",
        "2024-01-02T03:04:05-0530 | 2024-01-02T08:34:05Z",
        "2024-01-02T03:04:05+01 | 2024-01-02T02:04:05Z",
        "2024-01-02 03:04:05 | 2024-01-02T03:04:05Z",
        "2024-01-02 03:04:05,123 | 2024-01-02T03:04:05.123Z",
        "2024-01-02T03:04 | 2024-01-02T03:04:00Z",
        "2024/01/02 03:04:05 | 2024-01-02T03:04:05Z",
        "17/06/09 20:10:40 | 2017-06-09T20:10:40Z",
        "081109 203615 | 2008-11-09T20:36:15Z",
        "10/Oct/2000:13:55:36 -0700 | 2000-10-10T20:55:36Z",
        "Dec 10 06:55:46 | 2023-12-10T06:55:46Z",
        "Apr  1 00:00:00 | 2024-04-01T00:00:00Z",
        "May 2 11:00:00 | 2024-05-02T11:00:00Z",
        "May 3 11:00:00 | 2023-05-03T11:00:00Z",
        "Feb 29 01:02:03 | 2024-02-29T01:02:03Z",
        "03:04:05,123 | 2024-05-01T03:04:05.123Z",
        "23:59:59.5 | 2024-05-01T23:59:59.500Z",
        "2016-12-31T23:59:60Z | 2016-12-31T23:59:59Z",
        "1714564800 | 2024-05-01T12:00:00Z",
        "1714564800.25 | 2024-05-01T12:00:00.250Z",
        "1714564800123 | 2024-05-01T12:00:00.123Z",
        "1714564800123456 | 2024-05-01T12:00:00.123456Z",
        "1714564800123456789 | 2024-05-01T12:00:00.123456789Z",
      })
  void parsesEveryCommonForm(String text, String expected) {
    assertThat(value(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2024-13-01T00:00:00Z",
        "2024-02-30 00:00:00",
        "2023-02-29 00:00:00",
        "2024-01-02T25:00:00Z",
        "2024-01-02T03:04:05+99:00",
        "2024-01-02T03:04:05Zjunk",
        "2024-01-02",
        "Foo 10 06:55:46",
        "24:00:01",
        "1.2.3",
        "-5",
        "",
        "   ",
        "123456789012345678901234567890",
        "2024-01-02T03:04:05.Z"
      })
  void rejectsWhatIsNotATime(String text) {
    assertThat(value(text)).isNull();
  }

  @Test
  void epochMagnitudes() {
    assertThat(TimestampParser.fromEpochNumber(new BigDecimal("0"))).isZero();
    assertThat(TimestampParser.fromEpochNumber(new BigDecimal("-1")))
        .isEqualTo(TimestampParser.NONE);
    assertThat(TimestampParser.fromEpochNumber(new BigDecimal("1e40")))
        .isEqualTo(TimestampParser.NONE);
  }

  @Test
  void syslogYearAroundNewYear() {
    long jan1 = Instant.parse("2025-01-01T00:00:10Z").toEpochMilli();
    TimestampParser.Match m = new TimestampParser.Match();
    assertThat(TimestampParser.atSyslog("Dec 31 23:59:59 h x: y", 0, m, jan1))
        .isEqualTo(nanos("2024-12-31T23:59:59Z"));
    assertThat(m.end).isEqualTo(15);
    long dec31 = Instant.parse("2024-12-31T23:59:50Z").toEpochMilli();
    assertThat(TimestampParser.atSyslog("Jan  1 00:00:05 h x: y", 0, m, dec31))
        .as("a few seconds of skew across new year stay in the next year")
        .isEqualTo(nanos("2025-01-01T00:00:05Z"));
  }

  @Test
  void timeOnlyAcrossMidnightIsTheDayBefore() {
    long justAfterMidnight = Instant.parse("2024-05-01T00:00:30Z").toEpochMilli();
    TimestampParser.Match m = new TimestampParser.Match();
    assertThat(TimestampParser.atTimeOnly("23:59:58,000 x", 0, m, justAfterMidnight))
        .isEqualTo(nanos("2024-04-30T23:59:58Z"));
  }

  @Test
  void formsInsideALineStopAtTheirEnd() {
    TimestampParser.Match m = new TimestampParser.Match();
    String line = "2024-01-02 03:04:05,123 INFO x";
    assertThat(TimestampParser.atIsoOrSlashed(line, 0, m))
        .isEqualTo(nanos("2024-01-02T03:04:05.123Z"));
    assertThat(line.substring(m.end)).isEqualTo(" INFO x");
    assertThat(TimestampParser.atCompact("0811099 203615", 0, m)).isEqualTo(TimestampParser.NONE);
    assertThat(TimestampParser.atCompact("081109 2036150", 0, m)).isEqualTo(TimestampParser.NONE);
  }

  private static long nanos(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
