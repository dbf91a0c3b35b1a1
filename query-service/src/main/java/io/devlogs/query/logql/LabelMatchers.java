package io.devlogs.query.logql;

import com.google.re2j.Pattern;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;

/** How a label matcher compares a value; shared by the SQL and the in-memory predicate. */
final class LabelMatchers {
  private LabelMatchers() {}

  /**
   * The pattern a label regular expression is matched with: fully anchored, as in Loki. The regex
   * was checked by RE2/J when parsed, so wrapping it cannot unbalance the group.
   */
  static String anchored(String regex) {
    return "^(?:" + regex + ")$";
  }

  /** Whether the matcher accepts a value. */
  static boolean test(LabelMatcher matcher, String value) {
    return switch (matcher.op()) {
      case EQUAL -> value.equals(matcher.value());
      case NOT_EQUAL -> !value.equals(matcher.value());
      case REGEX -> Pattern.compile(anchored(matcher.value())).matcher(value).find();
      case NOT_REGEX -> !Pattern.compile(anchored(matcher.value())).matcher(value).find();
    };
  }

  /** Whether a missing label (read as "") passes: Loki refuses selectors of only those. */
  static boolean matchesEmpty(LabelMatcher matcher) {
    return test(matcher, "");
  }
}
