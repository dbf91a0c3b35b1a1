package io.devlogs.projects;

/** A project with this name exists already (project names are unique). */
public final class ProjectNameTakenException extends IllegalStateException {
  public ProjectNameTakenException(String name, Throwable cause) {
    super("A project named '" + name + "' already exists", cause);
  }
}
