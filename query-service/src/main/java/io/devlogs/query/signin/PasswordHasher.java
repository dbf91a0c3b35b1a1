package io.devlogs.query.signin;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Passwords hashed with Argon2id (Spring Security's encoder over Bouncy Castle): a random salt per
 * hash and the parameters inside the stored string ({@code $argon2id$v=19$m=16384,t=2,p=1$...}), so
 * they can be raised later without breaking stored hashes.
 */
public final class PasswordHasher {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;

  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

  /** Spent on unknown accounts too, so the answer's time does not tell which emails exist. */
  private volatile String decoy;

  /**
   * The stored form of a new password.
   *
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} or longer than
   *     {@value #MAX_LENGTH} characters
   */
  public String hash(String password) {
    if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    return encoder.encode(password);
  }

  /** Whether the password matches the stored hash; a null hash (SSO only) matches nothing. */
  public boolean matches(String password, String storedHash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    if (storedHash == null) {
      encoder.matches(password, decoy());
      return false;
    }
    return encoder.matches(password, storedHash);
  }

  private String decoy() {
    String hash = decoy;
    if (hash == null) {
      hash = encoder.encode("decoy password, never a real one");
      decoy = hash;
    }
    return hash;
  }
}
