package io.devlogs.query.people;

import java.util.Objects;

/** A person: what may be shown about them (never their password hash). */
public record User(String id, String email, String name) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(name, "name");
  }
}
