package io.devlogs.query.people;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Failed sign-ins counted per subject ({@code account:<email>}, {@code address:<ip>}) in
 * PostgreSQL, so every instance of the service sees the same counts. Thread-safe.
 */
public final class SignInThrottle {
  private final PeopleDatabase database;

  public SignInThrottle(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  public static String account(String email) {
    return "account:" + email;
  }

  public static String address(String ip) {
    return "address:" + ip;
  }

  /** Until when the latest lockout of these subjects lasts, if one lasts beyond {@code now}. */
  public Optional<Instant> lockedUntil(List<String> subjects, Instant now) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT max(locked_until) FROM sign_in_throttle"
                      + " WHERE subject = ANY (?) AND locked_until > ?")) {
            select.setArray(1, connection.createArrayOf("text", subjects.toArray()));
            select.setObject(2, PeopleDatabase.timestamp(now));
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              return Optional.ofNullable(PeopleDatabase.instant(rs, 1));
            }
          }
        });
  }

  /**
   * Counts a failure of the subject: the count starts again once {@code window} has passed since
   * the window's first failure, and reaching {@code maxFailures} locks the subject out for {@code
   * lockFor}.
   *
   * @return until when the subject is locked out, if this failure locked it
   */
  public Optional<Instant> recordFailure(
      String subject, Instant now, Duration window, int maxFailures, Duration lockFor) {
    Instant windowStart = now.minus(window);
    Instant lockEnd = now.plus(lockFor);
    return database.run(
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO sign_in_throttle AS t (subject, failures, window_started_at)"
                      + " VALUES (?, 1, ?)"
                      + " ON CONFLICT (subject) DO UPDATE SET"
                      + " failures = CASE WHEN t.window_started_at <= ? THEN 1"
                      + "   ELSE t.failures + 1 END,"
                      + " window_started_at = CASE WHEN t.window_started_at <= ? THEN ?"
                      + "   ELSE t.window_started_at END"
                      + " RETURNING failures")) {
            upsert.setString(1, subject);
            upsert.setObject(2, PeopleDatabase.timestamp(now));
            upsert.setObject(3, PeopleDatabase.timestamp(windowStart));
            upsert.setObject(4, PeopleDatabase.timestamp(windowStart));
            upsert.setObject(5, PeopleDatabase.timestamp(now));
            int failures;
            try (ResultSet rs = upsert.executeQuery()) {
              rs.next();
              failures = rs.getInt(1);
            }
            if (failures < maxFailures) {
              return Optional.<Instant>empty();
            }
            try (PreparedStatement lock =
                connection.prepareStatement(
                    "UPDATE sign_in_throttle SET locked_until = ?, failures = 0,"
                        + " window_started_at = ? WHERE subject = ?")) {
              lock.setObject(1, PeopleDatabase.timestamp(lockEnd));
              lock.setObject(2, PeopleDatabase.timestamp(now));
              lock.setString(3, subject);
              lock.executeUpdate();
            }
            return Optional.of(lockEnd);
          }
        });
  }

  /** Forgets the subject's failures (after a successful sign-in of the account). */
  public void clear(String subject, Instant now) {
    database.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM sign_in_throttle WHERE subject = ? AND"
                      + " (locked_until IS NULL OR locked_until <= ?)")) {
            delete.setString(1, subject);
            delete.setObject(2, PeopleDatabase.timestamp(now));
            return delete.executeUpdate();
          }
        });
  }
}
