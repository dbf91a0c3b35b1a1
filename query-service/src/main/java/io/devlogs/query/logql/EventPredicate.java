package io.devlogs.query.logql;

import com.google.re2j.Pattern;
import io.devlogs.query.logql.LogqlAst.And;
import io.devlogs.query.logql.LogqlAst.LabelFilter;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.LineFilter;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.NumberCompare;
import io.devlogs.query.logql.LogqlAst.Or;
import io.devlogs.query.logql.LogqlAst.Parser;
import io.devlogs.query.logql.LogqlAst.Predicate;
import io.devlogs.query.logql.LogqlAst.Stage;
import io.devlogs.query.logql.LogqlAst.StringCompare;
import io.devlogs.topics.ParsedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A log query as an in-memory test of one event (live tail, alert rules): the twin of {@link
 * LogqlSql}'s conditions, with the same label values ({@link #labelValue}), RE2 regular expressions
 * (RE2/J, the engine ClickHouse and Loki use) and number forms ({@link Literals}).
 */
public final class EventPredicate implements java.util.function.Predicate<ParsedEvent> {
  private static final Pattern NUMBER = Pattern.compile(Literals.NUMBER_VALUE);
  private static final Pattern DURATION = Pattern.compile(Literals.DURATION_VALUE);
  private static final Pattern BYTES = Pattern.compile(Literals.BYTES_VALUE);

  private final List<java.util.function.Predicate<ParsedEvent>> conditions;

  private EventPredicate(List<java.util.function.Predicate<ParsedEvent>> conditions) {
    this.conditions = List.copyOf(conditions);
  }

  /** The predicate of a log query's selector and pipeline. */
  public static EventPredicate of(LogExpr log) {
    List<java.util.function.Predicate<ParsedEvent>> conditions = new ArrayList<>();
    for (LabelMatcher matcher : log.selector()) {
      conditions.add(matcher(matcher));
    }
    for (Stage stage : log.pipeline()) {
      if (stage instanceof LineFilter line) {
        conditions.add(line(line));
      } else if (stage instanceof LabelFilter filter) {
        conditions.add(predicate(filter.predicate()));
      } else if (!(stage instanceof Parser)) {
        throw new IllegalArgumentException("unknown stage " + stage);
      }
    }
    return new EventPredicate(conditions);
  }

  @Override
  public boolean test(ParsedEvent event) {
    for (java.util.function.Predicate<ParsedEvent> condition : conditions) {
      if (!condition.test(event)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A label's value: {@code service}, {@code stream}, {@code level} in lower case ({@code error}),
   * else the attribute of that key; "" when absent, as Loki reads a missing label.
   */
  public static String labelValue(ParsedEvent event, String name) {
    return switch (name) {
      case "service" -> nullToEmpty(event.service());
      case "stream" -> nullToEmpty(event.stream());
      case "level" -> event.level().name().toLowerCase(Locale.ROOT);
      default -> nullToEmpty(event.attributes().get(name));
    };
  }

  private static java.util.function.Predicate<ParsedEvent> matcher(LabelMatcher matcher) {
    String name = matcher.name();
    String value = matcher.value();
    return switch (matcher.op()) {
      case EQUAL -> e -> labelValue(e, name).equals(value);
      case NOT_EQUAL -> e -> !labelValue(e, name).equals(value);
      case REGEX -> {
        Pattern p = Pattern.compile(LabelMatchers.anchored(value));
        yield e -> p.matcher(labelValue(e, name)).find();
      }
      case NOT_REGEX -> {
        Pattern p = Pattern.compile(LabelMatchers.anchored(value));
        yield e -> !p.matcher(labelValue(e, name)).find();
      }
    };
  }

  private static java.util.function.Predicate<ParsedEvent> line(LineFilter filter) {
    String value = filter.value();
    return switch (filter.op()) {
      case CONTAINS -> e -> message(e).contains(value);
      case NOT_CONTAINS -> e -> !message(e).contains(value);
      case REGEX -> {
        Pattern p = Pattern.compile(value);
        yield e -> p.matcher(message(e)).find();
      }
      case NOT_REGEX -> {
        Pattern p = Pattern.compile(value);
        yield e -> !p.matcher(message(e)).find();
      }
    };
  }

  private static java.util.function.Predicate<ParsedEvent> predicate(Predicate predicate) {
    if (predicate instanceof And and) {
      var left = predicate(and.left());
      var right = predicate(and.right());
      return e -> left.test(e) && right.test(e);
    }
    if (predicate instanceof Or or) {
      var left = predicate(or.left());
      var right = predicate(or.right());
      return e -> left.test(e) || right.test(e);
    }
    if (predicate instanceof StringCompare compare) {
      return matcher(compare.matcher());
    }
    NumberCompare compare = (NumberCompare) predicate;
    return e -> {
      String value = labelValue(e, compare.name());
      Double number = number(compare.unit(), value);
      return number != null && compare.op().test(number, compare.value());
    };
  }

  /** A label value read in a unit, or null when it is not of that form. */
  static Double number(LogqlAst.Unit unit, String value) {
    switch (unit) {
      case NUMBER -> {
        return NUMBER.matcher(value).find() ? Double.parseDouble(value) : null;
      }
      case DURATION -> {
        if (!DURATION.matcher(value).find()) {
          return null;
        }
        int digits = 0;
        while (Character.isDigit(value.charAt(digits)) || value.charAt(digits) == '.') {
          digits++;
        }
        return Double.parseDouble(value.substring(0, digits))
            * Literals.unitSeconds(value.substring(digits));
      }
      default -> {
        String lower = asciiLower(value);
        if (!BYTES.matcher(lower).find()) {
          return null;
        }
        int digits = 0;
        while (digits < lower.length()
            && (Character.isDigit(lower.charAt(digits)) || lower.charAt(digits) == '.')) {
          digits++;
        }
        return Double.parseDouble(lower.substring(0, digits))
            * Literals.byteFactor(lower.substring(digits).strip());
      }
    }
  }

  /** Lower case of ASCII letters only, as ClickHouse's {@code lower}. */
  static String asciiLower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  private static String message(ParsedEvent event) {
    return nullToEmpty(event.message());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
