package io.devlogs.projects;

/** The rules for project names. */
final class ProjectNames {

  static final int MAX_LENGTH = 100;

  private ProjectNames() {}

  /**
   * The name without surrounding white space.
   *
   * @throws IllegalArgumentException naming the problem if it is blank, too long, holds control
   *     characters or is the operator project's name
   */
  static String check(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Project name must not be blank");
    }
    String stripped = name.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Project name is longer than " + MAX_LENGTH + " characters");
    }
    if (stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("Project name must not contain control characters");
    }
    if (stripped.equalsIgnoreCase(ProjectStore.OPERATOR_PROJECT_ID)) {
      throw new IllegalArgumentException(
          "Project name '" + stripped + "' is reserved for the operator project");
    }
    return stripped;
  }
}
