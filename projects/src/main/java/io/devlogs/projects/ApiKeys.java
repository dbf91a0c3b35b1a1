package io.devlogs.projects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Generation and hashing of API keys and project ids. */
final class ApiKeys {

  static final int RANDOM_LENGTH = 32;
  static final int PROJECT_ID_RANDOM_LENGTH = 16;
  static final int PREFIX_LENGTH = 12;

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A fresh key: {@code dl_<scope>_} followed by 32 random base62 characters (~190 bits). */
  static String newKey(Scope scope) {
    return newKey(Set.of(scope));
  }

  /**
   * A fresh key: {@code dl_} and its scopes joined by {@code -} in a fixed order ({@code
   * dl_ingest-query_}), then 32 random base62 characters (~190 bits). The scope part only helps
   * people recognise a key; what a key grants is what the store says.
   */
  static String newKey(Set<Scope> scopes) {
    String names =
        new TreeSet<>(scopes).stream().map(Scope::dbValue).collect(Collectors.joining("-"));
    return "dl_" + names + "_" + randomBase62(RANDOM_LENGTH);
  }

  /** A fresh project id: {@code p_} followed by 16 random base62 characters. */
  static String newProjectId() {
    return "p_" + randomBase62(PROJECT_ID_RANDOM_LENGTH);
  }

  /**
   * Hex SHA-256 of the whole key. No salt and no slow hash: the keys carry ~190 bits of randomness
   * from SecureRandom, so neither dictionary nor brute-force attacks on a leaked hash are feasible,
   * and an unsalted hash lets us look a key up by its hash in one indexed query.
   */
  static String hash(String rawKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(rawKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The first 12 characters, stored for listing keys without revealing them. */
  static String prefix(String rawKey) {
    return rawKey.substring(0, Math.min(PREFIX_LENGTH, rawKey.length()));
  }

  static String randomBase62(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(chars);
  }
}
