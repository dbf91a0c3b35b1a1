package io.devlogs.projects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The projects in PostgreSQL: create them, find them by name, and the built-in operator project.
 * Thread-safe. Keys are issued by {@link ApiKeyStore}, settings kept by {@link
 * ProjectSettingsStore}.
 */
public final class ProjectStore {

  /** Id and name of the built-in project whose admin keys may create projects. */
  public static final String OPERATOR_PROJECT_ID = "operator";

  /** Longest project name accepted. */
  public static final int MAX_NAME_LENGTH = ProjectNames.MAX_LENGTH;

  private static final String UNIQUE_VIOLATION = "23505";

  private final ProjectsDatabase database;

  public ProjectStore(ProjectsDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Creates a project with a generated id ({@code p_} + 16 base62 characters).
   *
   * @throws IllegalArgumentException if the name is blank, longer than {@value #MAX_NAME_LENGTH}
   *     characters, holds control characters or is reserved
   * @throws ProjectNameTakenException if a project has this name already
   */
  public Project createProject(String name) {
    String checked = ProjectNames.check(name);
    Project project = new Project(ApiKeys.newProjectId(), checked);
    database.execute(
        "create project '" + checked + "'",
        connection -> {
          insertProject(connection, project);
          return null;
        });
    return project;
  }

  /**
   * Creates a project and its first admin key in one transaction, so a failure leaves neither.
   *
   * @throws IllegalArgumentException as {@link #createProject}
   * @throws ProjectNameTakenException if a project has this name already
   */
  public ProjectWithKey createProjectWithAdminKey(String name) {
    String checked = ProjectNames.check(name);
    Project project = new Project(ApiKeys.newProjectId(), checked);
    String rawKey = ApiKeys.newKey(Scope.ADMIN);
    ApiKeyInfo info =
        database.execute(
            "create project '" + checked + "' with an admin key",
            connection -> {
              connection.setAutoCommit(false);
              try {
                insertProject(connection, project);
                ApiKeyInfo key =
                    ApiKeyStore.insertKey(
                        connection, project.id(), Set.of(Scope.ADMIN), null, rawKey);
                connection.commit();
                return key;
              } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
              }
            });
    return new ProjectWithKey(project, new IssuedKey(rawKey, info));
  }

  /** A project just created with its first key. */
  public record ProjectWithKey(Project project, IssuedKey key) {}

  private static void insertProject(Connection connection, Project project) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO projects (id, name) VALUES (?, ?)")) {
      insert.setString(1, project.id());
      insert.setString(2, project.name());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new ProjectNameTakenException(project.name(), e);
      }
      throw e;
    }
  }

  /** The project with this name, if any. */
  public Optional<Project> findProjectByName(String name) {
    requireName(name);
    return database.execute(
        "find project '" + name + "'",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT id, name FROM projects WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Project(rs.getString(1), rs.getString(2)))
                  : Optional.<Project>empty();
            }
          }
        });
  }

  /**
   * The built-in operator project ({@value #OPERATOR_PROJECT_ID}), created if missing. Its admin
   * keys are the operator credential: they may create projects.
   */
  public Project operatorProject() {
    database.execute(
        "create the operator project",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO projects (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, OPERATOR_PROJECT_ID);
            insert.setString(2, OPERATOR_PROJECT_ID);
            insert.executeUpdate();
          }
          return null;
        });
    return new Project(OPERATOR_PROJECT_ID, OPERATOR_PROJECT_ID);
  }

  /** Whether this key is an operator credential: an admin key of the operator project. */
  public static boolean isOperator(ProjectKey key) {
    return key.projectId().equals(OPERATOR_PROJECT_ID) && key.has(Scope.ADMIN);
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Project name must not be blank");
    }
  }
}
