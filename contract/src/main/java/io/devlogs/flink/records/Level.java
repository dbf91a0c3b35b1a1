package io.devlogs.flink.records;

import java.util.Locale;
import java.util.Optional;

/**
 * Severity of a log event, ordered from least to most severe: the six levels the job stores, the
 * parsed topic carries and the query API filters and returns (its OpenAPI document lists them from
 * here).
 *
 * <p>The {@code from...} methods map what loggers write to one of the six levels: words ({@code
 * warning}, {@code err}, {@code critical}, {@code notice}, {@code fine}, {@code verbose},
 * PostgreSQL's {@code LOG}, MySQL's {@code System}, zerolog's {@code PNC}, .NET's {@code trce},
 * ...), single letters ({@code I W E D T F V}, and {@code A}: Android's assert), syslog severities
 * 0-7 and bunyan/pino levels 10-60. {@link #parse} reads only the six names, as the query API
 * accepts them.
 *
 * <p>The package name belongs to the job's savepoints, not to the job: {@code LogEvent} holds a
 * level in operator state, and Flink's enum serializer records this class's name and constants in
 * every savepoint. Renaming the class, moving it or reordering its constants makes a savepoint of
 * the running job unrestorable.
 */
public enum Level {
  TRACE(1),
  DEBUG(2),
  INFO(3),
  WARN(4),
  ERROR(5),
  FATAL(6);

  private final int rank;

  Level(int rank) {
    this.rank = rank;
  }

  /** 1 (TRACE) to 6 (FATAL); the same numbers as the ClickHouse {@code Enum8} of {@code level}. */
  public int rank() {
    return rank;
  }

  /** The level named by {@code text} (case-insensitive, surrounding blanks ignored), or empty. */
  public static Optional<Level> parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    for (Level level : values()) {
      if (level.name().equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /**
   * A level word (any case), a single upper-case letter, or a number (see {@link
   * #fromNumber(long)}); empty when the text is none of these.
   */
  public static Optional<Level> fromText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.isEmpty() || s.length() > 13) {
      return Optional.empty();
    }
    if (isDigits(s)) {
      return s.length() > 3 ? Optional.empty() : fromNumber(Integer.parseInt(s));
    }
    return s.length() == 1 ? Optional.ofNullable(fromLetter(s.charAt(0))) : fromWord(s);
  }

  /** A level word in any case ({@code warning}, {@code ERR}, {@code Critical}, ...); no letters. */
  public static Optional<Level> fromWord(String word) {
    return word == null || word.length() > 13
        ? Optional.empty()
        : Optional.ofNullable(upperWord(word.trim().toUpperCase(Locale.ROOT)));
  }

  /**
   * Syslog severities 0 (emerg) to 7 (debug), bunyan/pino levels 10 (trace) to 60 (fatal, and
   * anything up to 100); empty otherwise.
   */
  public static Optional<Level> fromNumber(long n) {
    if (n >= 0 && n <= 7) {
      return Optional.of(fromSyslogSeverity((int) n));
    }
    if (n >= 10 && n <= 100) {
      if (n < 20) {
        return Optional.of(TRACE);
      } else if (n < 30) {
        return Optional.of(DEBUG);
      } else if (n < 40) {
        return Optional.of(INFO);
      } else if (n < 50) {
        return Optional.of(WARN);
      } else if (n < 60) {
        return Optional.of(ERROR);
      }
      return Optional.of(FATAL);
    }
    return Optional.empty();
  }

  /** Syslog severity (the low 3 bits of PRI): 0-2 FATAL, 3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG. */
  public static Level fromSyslogSeverity(int severity) {
    return switch (severity & 7) {
      case 0, 1, 2 -> FATAL;
      case 3 -> ERROR;
      case 4 -> WARN;
      case 5, 6 -> INFO;
      default -> DEBUG;
    };
  }

  /** HTTP status class: 5xx ERROR, 4xx WARN, everything else INFO. */
  public static Level fromHttpStatus(int status) {
    return status >= 500 && status <= 599 ? ERROR : status >= 400 && status <= 499 ? WARN : INFO;
  }

  private static Level upperWord(String upper) {
    return switch (upper) {
      case "TRACE", "TRC", "TRCE", "FINEST", "FINER", "VERBOSE", "VERB", "ALL" -> TRACE;
      case "DEBUG", "DBG", "DBUG", "DEBU", "FINE", "CONFIG" -> DEBUG;
      case "INFO", "INF", "INFORMATION", "INFORMATIONAL", "NOTICE", "NOTE", "LOG", "SYSTEM" -> INFO;
      case "WARN", "WARNING", "WRN", "WARNI" -> WARN;
      case "ERROR", "ERR", "ERRO", "EROR", "SEVERE", "FAIL", "FAILURE" -> ERROR;
      case "FATAL",
          "FTL",
          "CRITICAL",
          "CRIT",
          "CRT",
          "ALERT",
          "EMERG",
          "EMERGENCY",
          "PANIC",
          "PNC",
          "ASSERT" ->
          FATAL;
      default -> null;
    };
  }

  private static Level fromLetter(char c) {
    return switch (c) {
      case 'T', 'V' -> TRACE;
      case 'D' -> DEBUG;
      case 'I' -> INFO;
      case 'W' -> WARN;
      case 'E' -> ERROR;
      case 'F', 'A' -> FATAL;
      default -> null;
    };
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
