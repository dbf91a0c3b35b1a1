package io.devlogs.flink.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelTest {

  @ParameterizedTest
  @CsvSource({
    "trace, TRACE",
    "finest, TRACE",
    "finer, TRACE",
    "verbose, TRACE",
    "T, TRACE",
    "V, TRACE",
    "debug, DEBUG",
    "DBG, DEBUG",
    "fine, DEBUG",
    "D, DEBUG",
    "dbug, DEBUG",
    "info, INFO",
    "Information, INFO",
    "notice, INFO",
    "I, INFO",
    "warn, WARN",
    "WARNING, WARN",
    "W, WARN",
    "error, ERROR",
    "err, ERROR",
    "eror, ERROR",
    "severe, ERROR",
    "E, ERROR",
    "fatal, FATAL",
    "critical, FATAL",
    "crit, FATAL",
    "alert, FATAL",
    "emerg, FATAL",
    "emergency, FATAL",
    "panic, FATAL",
    "F, FATAL",
    "' warn ', WARN",
    "0, FATAL",
    "1, FATAL",
    "2, FATAL",
    "3, ERROR",
    "4, WARN",
    "5, INFO",
    "6, INFO",
    "7, DEBUG",
    "10, TRACE",
    "20, DEBUG",
    "30, INFO",
    "40, WARN",
    "50, ERROR",
    "60, FATAL"
  })
  void fromText(String text, Level expected) {
    assertThat(Level.fromText(text)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"loud", "''", "8", "9", "101", "1000000", "x", "i", "information-ish"})
  void unknownTextIsEmpty(String text) {
    assertThat(Level.fromText(text)).isEmpty();
  }

  @Test
  void numbersSyslogAndHttp() {
    assertThat(Level.fromNumber(-1)).isEmpty();
    assertThat(Level.fromNumber(35)).contains(Level.INFO);
    assertThat(Level.fromSyslogSeverity(165 & 7)).isEqualTo(Level.INFO);
    assertThat(Level.fromHttpStatus(503)).isEqualTo(Level.ERROR);
    assertThat(Level.fromHttpStatus(404)).isEqualTo(Level.WARN);
    assertThat(Level.fromHttpStatus(302)).isEqualTo(Level.INFO);
    assertThat(Level.fromText(null)).isEmpty();
  }

  @Test
  void ranksAreOrdered() {
    assertThat(Level.TRACE.rank()).isEqualTo(1);
    assertThat(Level.FATAL.rank()).isEqualTo(6);
  }

  @Test
  void parseReadsOnlyTheSixNamesInAnyCase() {
    assertThat(Level.parse(" warn ")).contains(Level.WARN);
    assertThat(Level.parse("Fatal")).contains(Level.FATAL);
    assertThat(Level.parse("warning")).isEmpty();
    assertThat(Level.parse("W")).isEmpty();
    assertThat(Level.parse("")).isEmpty();
  }

  @Test
  void theConstantsAreInTheOrderSavepointsHold() {
    assertThat(Level.values())
        .containsExactly(
            Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL);
  }
}
