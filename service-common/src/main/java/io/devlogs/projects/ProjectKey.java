package io.devlogs.projects;

import java.util.Objects;

/** What an authenticated API key grants: one scope on one project. */
public record ProjectKey(String projectId, Scope scope) {
  public ProjectKey {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(scope, "scope");
  }
}
