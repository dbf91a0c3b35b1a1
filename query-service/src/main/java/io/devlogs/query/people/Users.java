package io.devlogs.query.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** People in PostgreSQL: created by accepting an invitation or by single sign-on. Thread-safe. */
public final class Users {
  /** Longest email and name accepted. */
  public static final int MAX_LENGTH = 200;

  private final PeopleDatabase database;

  public Users(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** A person and their password hash (null if they sign in only through single sign-on). */
  public record WithPassword(User user, String passwordHash) {}

  /** Emails are compared in lower case, trimmed. */
  public static String normalEmail(String email) {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("an email is required");
    }
    String normal = email.trim().toLowerCase(Locale.ROOT);
    if (normal.length() > MAX_LENGTH || !normal.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("'" + email + "' is not an email address");
    }
    return normal;
  }

  public Optional<WithPassword> findByEmail(String email) {
    String normal;
    try {
      normal = normalEmail(email);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return database.run(connection -> findByEmail(connection, normal));
  }

  static Optional<WithPassword> findByEmail(Connection connection, String normalEmail)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, email, name, password_hash FROM users WHERE email = ?")) {
      select.setString(1, normalEmail);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new WithPassword(
                    new User(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)))
            : Optional.empty();
      }
    }
  }

  /** Inserts a person on the caller's connection (part of accepting an invitation). */
  static User insert(Connection connection, String normalEmail, String name, String passwordHash)
      throws SQLException {
    User user = new User(Secrets.newId("u_"), normalEmail, checkedName(name, normalEmail));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, user.id());
      insert.setString(2, user.email());
      insert.setString(3, user.name());
      insert.setString(4, passwordHash);
      insert.executeUpdate();
    }
    return user;
  }

  /**
   * The person the provider knows as {@code (issuer, subject)}: found by that identity, else by
   * email (an invited person signing in through SSO for the first time), else created.
   */
  public User signedInThroughSso(String issuer, String subject, String email, String name) {
    String normal = normalEmail(email);
    return database.transaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, email, name FROM users WHERE sso_issuer = ? AND sso_subject = ?")) {
            select.setString(1, issuer);
            select.setString(2, subject);
            try (ResultSet rs = select.executeQuery()) {
              if (rs.next()) {
                return new User(rs.getString(1), rs.getString(2), rs.getString(3));
              }
            }
          }
          Optional<WithPassword> byEmail = findByEmail(connection, normal);
          User user =
              byEmail.isPresent() ? byEmail.get().user() : insert(connection, normal, name, null);
          try (PreparedStatement link =
              connection.prepareStatement(
                  "UPDATE users SET sso_issuer = ?, sso_subject = ? WHERE id = ?")) {
            link.setString(1, issuer);
            link.setString(2, subject);
            link.setString(3, user.id());
            link.executeUpdate();
          }
          return user;
        });
  }

  private static String checkedName(String name, String email) {
    String checked = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : name;
    checked = checked.strip();
    if (checked.length() > MAX_LENGTH || checked.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "a name has at most " + MAX_LENGTH + " characters and no control characters");
    }
    return checked;
  }
}
