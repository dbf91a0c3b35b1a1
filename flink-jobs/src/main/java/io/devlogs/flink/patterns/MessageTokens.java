package io.devlogs.flink.patterns;

import java.util.Arrays;

/**
 * A message as the miner sees it: split on whitespace, with every obvious variable masked as
 * {@value #WILDCARD} before the tree descent (numbers, hex, IP addresses, UUIDs, times, ids such as
 * {@code blk_-1608999687919862906} or {@code 0x7f3a}), as drain3's masking does, but with one rule
 * instead of a list of regular expressions, so that it costs one pass over the characters:
 *
 * <ul>
 *   <li>a <em>word</em> is a maximal run of letters, digits and {@code _ - . : @ #}; words are
 *       separated by whitespace and by every other punctuation ({@code / = , [ ] ( ) " '} ...),
 *       which is kept;
 *   <li>a word that holds a digit is a variable and becomes {@value #WILDCARD} (trailing {@code . :
 *       - _} kept after it); a word without one stays as it is: {@code size=42} gives {@code
 *       size=<*>}, {@code /10.0.0.1:80,} gives {@code /<*>,}, {@code [1.2.3.4]} gives {@code
 *       [<*>]};
 *   <li>consecutive tokens that are wholly variables become one, so lists of ids of any length
 *       ({@code delete blk_1 blk_2 blk_3}) make one pattern.
 * </ul>
 *
 * At most {@code maxTokens} tokens are kept; the rest of a longer message becomes one {@value
 * #REST} token, so long messages still group by their beginning and the state per pattern stays
 * bounded. Tokens longer than {@value #MAX_TOKEN_CHARS} characters are cut.
 */
public final class MessageTokens {

  /** A masked variable in a template. */
  public static final String WILDCARD = "<*>";

  /** Stands for the tokens past {@code maxTokens}. */
  public static final String REST = "<…>";

  static final int MAX_TOKEN_CHARS = 128;

  private static final String[] NONE = new String[0];

  private MessageTokens() {}

  /** The masked tokens of {@code message}, at most {@code maxTokens} plus {@link #REST}. */
  public static String[] of(String message, int maxTokens) {
    String[] tokens = new String[Math.min(16, maxTokens + 1)];
    int count = 0;
    StringBuilder token = new StringBuilder(32);
    boolean wordHasDigit = false;
    int wordStart = -1; // index in token where the current word starts, -1 outside a word
    int n = message.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? message.charAt(i) : ' ';
      if (isWordChar(c)) {
        if (wordStart < 0) {
          wordStart = token.length();
          wordHasDigit = false;
        }
        if (c >= '0' && c <= '9') {
          wordHasDigit = true;
        }
        token.append(c);
        continue;
      }
      if (wordStart >= 0) {
        if (wordHasDigit) {
          int end = token.length();
          while (end > wordStart + 1 && isTrailingPunctuation(token.charAt(end - 1))) {
            end--;
          }
          String trailing = token.substring(end);
          token.setLength(wordStart);
          token.append(WILDCARD).append(trailing);
        }
        wordStart = -1;
      }
      if (Character.isWhitespace(c)) {
        if (token.length() > 0) {
          if (count == maxTokens) {
            tokens = grow(tokens, count + 1);
            tokens[count++] = REST;
            return Arrays.copyOf(tokens, count);
          }
          if (count == 0 || !(isWildcard(token) && tokens[count - 1].equals(WILDCARD))) {
            tokens = grow(tokens, count + 1);
            tokens[count++] = cut(token);
          }
          token.setLength(0);
        }
      } else {
        token.append(c);
      }
    }
    return count == 0 ? NONE : Arrays.copyOf(tokens, count);
  }

  /** The tokens joined with single spaces: a template's text. */
  public static String join(String[] tokens) {
    return String.join(" ", tokens);
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ':' || c == '-' || c == '_';
  }

  private static boolean isWildcard(StringBuilder token) {
    return token.length() == WILDCARD.length() && token.indexOf(WILDCARD) == 0;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.'
        || c == ':'
        || c == '@'
        || c == '#'
        || (c > 0x7f && Character.isLetterOrDigit(c));
  }

  private static String cut(StringBuilder token) {
    return token.length() <= MAX_TOKEN_CHARS
        ? token.toString()
        : token.substring(0, MAX_TOKEN_CHARS);
  }

  private static String[] grow(String[] tokens, int size) {
    return size <= tokens.length ? tokens : Arrays.copyOf(tokens, tokens.length * 2);
  }
}
