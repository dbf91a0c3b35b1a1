package io.devlogs.events;

/**
 * Text every store devlogs writes to accepts. A Java string can hold a lone UTF-16 surrogate (a
 * JSON escape such as {@code \ud800} decodes to one), which is not a Unicode character: ClickHouse
 * refuses it in {@code JSONEachRow}, the Cassandra driver silently writes {@code ?}, and strict
 * JSON readers refuse it. {@link #of} replaces each one with U+FFFD, the replacement character, so
 * all stores hold the same text.
 */
public final class SafeText {

  public static final char REPLACEMENT = '\uFFFD';

  private SafeText() {}

  /** {@code s} with every lone surrogate replaced by U+FFFD; {@code s} itself when it has none. */
  public static String of(String s) {
    if (s == null) {
      return null;
    }
    int bad = firstLoneSurrogate(s);
    if (bad < 0) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (int i = bad; i < chars.length; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
          i++; // a valid pair
        } else {
          chars[i] = REPLACEMENT;
        }
      } else if (Character.isLowSurrogate(c)) {
        chars[i] = REPLACEMENT;
      }
    }
    return new String(chars);
  }

  /** Whether {@code s} holds a surrogate that is not part of a valid pair. */
  public static boolean hasLoneSurrogate(String s) {
    return s != null && firstLoneSurrogate(s) >= 0;
  }

  private static int firstLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
