package io.devlogs.projects;

import java.util.Objects;

/** A project: the unit that owns logs and API keys. */
public record Project(String id, String name) {
  public Project {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
