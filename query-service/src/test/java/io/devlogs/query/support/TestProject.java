package io.devlogs.query.support;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;

/**
 * A fresh project in PostgreSQL with a query key and an ingest key, named for one test run ({@link
 * io.devlogs.testing.LocalStack#uniqueName}).
 */
public record TestProject(Project project, String queryKey, String ingestKey) {

  public static TestProject create(ProjectsDatabase database, String uniqueName) {
    Project project = new ProjectStore(database).createProject(uniqueName);
    ApiKeyStore keys = new ApiKeyStore(database);
    return new TestProject(
        project,
        keys.issueKey(project.id(), Scope.QUERY),
        keys.issueKey(project.id(), Scope.INGEST));
  }

  public String id() {
    return project.id();
  }
}
