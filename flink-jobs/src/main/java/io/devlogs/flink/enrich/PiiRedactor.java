package io.devlogs.flink.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces personal data and credentials in log text, in one pass per kind over the text and
 * without regular expressions (this runs for every event of a project that redacts):
 *
 * <ul>
 *   <li>e-mail addresses ({@code local@domain.tld}, a top-level domain of 2+ letters) become
 *       {@value #EMAIL};
 *   <li>card numbers (13-19 digits starting with 2-6, optionally grouped by single spaces or dashes
 *       into groups of 3+ digits, Luhn-valid, not part of a longer number or word) become {@value
 *       #CARD};
 *   <li>values of secret-like keys ({@code password=x}, {@code token: x}, {@code "api_key":"x"},
 *       {@code db_password=x}, {@code x-api-key: x}, {@code Authorization: Bearer x}, ...) become
 *       {@value #REDACTED}; for {@code authorization} the scheme ({@code Basic}, {@code Bearer}) is
 *       kept;
 *   <li>bearer tokens in free text ({@code Bearer eyJhbGci...}) become {@value #REDACTED}.
 * </ul>
 *
 * A key is secret-like when it is, or ends after a {@code _ - .} separator with, one of {@code
 * password passwd pwd token secret api_key apikey authorization} (case-insensitive, {@code -} and
 * {@code .} read as {@code _}): so {@code access_token} and {@code client_secret} are, {@code
 * max_tokens} and {@code password_reset} are not. Text with nothing to redact is returned as the
 * same instance. Thread-safe (stateless).
 */
public final class PiiRedactor {

  public static final String EMAIL = "[email]";
  public static final String CARD = "[card]";
  public static final String REDACTED = "[redacted]";

  private static final String[] SECRET_WORDS = {
    "password", "passwd", "pwd", "token", "secret", "api_key", "apikey", "authorization"
  };
  private static final String AUTHORIZATION = "authorization";
  private static final String BEARER = "bearer";

  /** A bearer token shorter than this must contain something other than lower-case letters. */
  private static final int PLAIN_WORD_TOKEN_LENGTH = 8;

  /** One replacement: [start, end) of the text becomes the marker. */
  private record Span(int start, int end, String marker) {}

  /** The text with its personal data and secrets replaced; the same instance if none. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Span> spans = null;
    spans = findSecretValues(text, spans);
    spans = findBearerTokens(text, spans);
    spans = findEmails(text, spans);
    spans = findCards(text, spans);
    return spans == null ? text : apply(text, spans);
  }

  /**
   * The attributes with values redacted, and every value of a secret-like key replaced whole; the
   * same instance if nothing changed.
   */
  public Map<String, String> redactAttributes(Map<String, String> attributes) {
    Map<String, String> out = null;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String value = e.getValue();
      String redacted =
          isSecretKey(e.getKey(), 0, e.getKey().length())
              ? (value.isEmpty() ? value : REDACTED)
              : redact(value);
      if (out == null && !redacted.equals(value)) {
        out = new LinkedHashMap<>(attributes);
      }
      if (out != null) {
        out.put(e.getKey(), redacted);
      }
    }
    return out == null ? attributes : out;
  }

  /** Whether the key (e.g. an attribute name) holds secrets. */
  public static boolean isSecretKey(String key) {
    return isSecretKey(key, 0, key.length());
  }

  // ---- secrets: key = value, key: value, "key": "value" ----

  private static List<Span> findSecretValues(String text, List<Span> spans) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isKeyChar(text.charAt(i)) || (i > 0 && isKeyChar(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int keyStart = i;
      int keyEnd = i;
      while (keyEnd < n && isKeyChar(text.charAt(keyEnd))) {
        keyEnd++;
      }
      i = keyEnd;
      boolean pathSegment = keyStart > 0 && text.charAt(keyStart - 1) == '/';
      if (pathSegment || !isSecretKey(text, keyStart, keyEnd)) {
        continue;
      }
      int j = keyEnd;
      if (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
        j++; // closing quote of a quoted key
      }
      j = skipSpaces(text, j);
      if (j >= n || (text.charAt(j) != '=' && text.charAt(j) != ':')) {
        continue;
      }
      j = skipSpaces(text, j + 1);
      if (j >= n) {
        continue;
      }
      char quote = text.charAt(j) == '"' || text.charAt(j) == '\'' ? text.charAt(j) : 0;
      int valueStart = quote == 0 ? j : j + 1;
      if (endsWith(text, keyStart, keyEnd, AUTHORIZATION)) {
        valueStart = afterScheme(text, valueStart, quote);
      }
      int valueEnd = valueEnd(text, valueStart, quote);
      if (valueEnd > valueStart) {
        spans = add(spans, new Span(valueStart, valueEnd, REDACTED));
      }
      i = Math.max(i, valueEnd);
    }
    return spans;
  }

  /** Past an authorization scheme word and its spaces ({@code Bearer abc} -> {@code abc}). */
  private static int afterScheme(String text, int start, char quote) {
    int w = start;
    while (w < text.length() && Character.isLetter(text.charAt(w))) {
      w++;
    }
    if (w == start || w >= text.length() || text.charAt(w) != ' ') {
      return start;
    }
    int credentials = skipSpaces(text, w);
    boolean more =
        credentials < text.length()
            && (quote == 0
                ? !endsUnquotedValue(text.charAt(credentials))
                : text.charAt(credentials) != quote);
    return more ? credentials : start;
  }

  private static int valueEnd(String text, int start, char quote) {
    int n = text.length();
    int e = start;
    if (quote == 0) {
      while (e < n && !endsUnquotedValue(text.charAt(e))) {
        e++;
      }
      return e;
    }
    while (e < n && text.charAt(e) != quote) {
      e += text.charAt(e) == '\\' ? 2 : 1; // an escaped quote stays inside the value
    }
    return Math.min(e, n);
  }

  private static boolean endsUnquotedValue(char c) {
    return Character.isWhitespace(c)
        || c == ','
        || c == ';'
        || c == '&'
        || c == '"'
        || c == '\''
        || c == ')'
        || c == '}';
  }

  private static boolean isSecretKey(CharSequence s, int from, int to) {
    for (String word : SECRET_WORDS) {
      if (endsWith(s, from, to, word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether s[from, to) is {@code word} or ends with a separator and {@code word}. */
  private static boolean endsWith(CharSequence s, int from, int to, String word) {
    int start = to - word.length();
    if (start < from) {
      return false;
    }
    if (start > from && !isSeparator(s.charAt(start - 1))) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      char c = Character.toLowerCase(s.charAt(start + k));
      if (isSeparator(c)) {
        c = '_';
      }
      if (c != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  private static boolean isKeyChar(char c) {
    return isAsciiLetterOrDigit(c) || isSeparator(c);
  }

  // ---- bearer tokens in free text ----

  private static List<Span> findBearerTokens(String text, List<Span> spans) {
    int n = text.length();
    for (int i = indexOfIgnoreCase(text, BEARER, 0);
        i >= 0;
        i = indexOfIgnoreCase(text, BEARER, i + 1)) {
      int after = i + BEARER.length();
      if ((i > 0 && isAsciiLetterOrDigit(text.charAt(i - 1)))
          || after >= n
          || text.charAt(after) != ' ') {
        continue;
      }
      int start = skipSpaces(text, after);
      int end = start;
      boolean plainWord = true;
      while (end < n && isTokenChar(text.charAt(end))) {
        plainWord &= text.charAt(end) >= 'a' && text.charAt(end) <= 'z';
        end++;
      }
      if (end > start && (end - start >= PLAIN_WORD_TOKEN_LENGTH || !plainWord)) {
        spans = add(spans, new Span(start, end, REDACTED));
      }
    }
    return spans;
  }

  private static boolean isTokenChar(char c) {
    return isAsciiLetterOrDigit(c)
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  private static int indexOfIgnoreCase(String text, String lowerWord, int from) {
    int last = text.length() - lowerWord.length();
    for (int i = from; i <= last; i++) {
      if (text.regionMatches(true, i, lowerWord, 0, lowerWord.length())) {
        return i;
      }
    }
    return -1;
  }

  // ---- e-mail addresses ----

  private static List<Span> findEmails(String text, List<Span> spans) {
    int n = text.length();
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = at;
      while (start > 0 && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      if (start == at || at + 1 >= n || !isAsciiLetterOrDigit(text.charAt(at + 1))) {
        continue;
      }
      int end = at + 1;
      while (end < n
          && (isAsciiLetterOrDigit(text.charAt(end))
              || text.charAt(end) == '.'
              || text.charAt(end) == '-')) {
        end++;
      }
      while (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-') {
        end--; // the end of a sentence, not of the domain
      }
      int lastDot = text.lastIndexOf('.', end - 1);
      if (lastDot <= at + 1 || end - lastDot - 1 < 2 || !allLetters(text, lastDot + 1, end)) {
        continue;
      }
      spans = add(spans, new Span(start, end, EMAIL));
    }
    return spans;
  }

  private static boolean isLocalChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean allLetters(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  // ---- card numbers ----

  private static List<Span> findCards(String text, List<Span> spans) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      int group = 0;
      boolean shortGroup = false;
      // Luhn doubles every second digit from the right; which ones depends on the total count,
      // so keep the sum for an even and for an odd count.
      int sumIfEvenCount = 0;
      int sumIfOddCount = 0;
      int j = i;
      while (j < n) {
        char c = text.charAt(j);
        if (isDigit(c)) {
          int d = c - '0';
          int doubled = d * 2 > 9 ? d * 2 - 9 : d * 2;
          sumIfEvenCount += digits % 2 == 0 ? doubled : d;
          sumIfOddCount += digits % 2 == 1 ? doubled : d;
          digits++;
          group++;
          j++;
        } else if ((c == ' ' || c == '-') && j + 1 < n && isDigit(text.charAt(j + 1))) {
          shortGroup |= group < 3;
          group = 0;
          j++;
        } else {
          break;
        }
      }
      int end = j;
      i = end;
      boolean grouped = end - start > digits;
      if (digits < 13
          || digits > 19
          || (grouped && (shortGroup || group < 3))
          || text.charAt(start) < '2'
          || text.charAt(start) > '6'
          || !boundaryBefore(text, start)
          || !boundaryAfter(text, end)) {
        continue;
      }
      int sum = digits % 2 == 0 ? sumIfEvenCount : sumIfOddCount;
      if (sum % 10 == 0) {
        spans = add(spans, new Span(start, end, CARD));
      }
    }
    return spans;
  }

  private static boolean boundaryBefore(String text, int start) {
    if (start == 0) {
      return true;
    }
    char c = text.charAt(start - 1);
    return !(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '/' || c == '-');
  }

  private static boolean boundaryAfter(String text, int end) {
    if (end == text.length()) {
      return true;
    }
    char c = text.charAt(end);
    if (c == '.' || c == ',') {
      // a decimal or a thousands group continues the number; a full stop ends it
      return end + 1 >= text.length() || !isDigit(text.charAt(end + 1));
    }
    return !(isAsciiLetterOrDigit(c) || c == '_');
  }

  // ---- helpers ----

  private static String apply(String text, List<Span> spans) {
    spans.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : b.end - a.end);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (Span s : spans) {
      if (s.start < copied) {
        continue; // overlaps a replacement already made
      }
      out.append(text, copied, s.start).append(s.marker);
      copied = s.end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static List<Span> add(List<Span> spans, Span span) {
    List<Span> list = spans == null ? new ArrayList<>(2) : spans;
    list.add(span);
    return list;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
  }
}
