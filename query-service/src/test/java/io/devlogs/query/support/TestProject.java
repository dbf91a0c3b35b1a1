package io.devlogs.query.support;

import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;

/**
 * A fresh project in PostgreSQL with a query key and an ingest key, named for one test run ({@link
 * io.devlogs.testing.LocalStack#uniqueName}).
 */
public record TestProject(Project project, String queryKey, String ingestKey) {

  public static TestProject create(ProjectStore projects, String uniqueName) {
    Project project = projects.createProject(uniqueName);
    return new TestProject(
        project,
        projects.issueKey(project.id(), Scope.QUERY),
        projects.issueKey(project.id(), Scope.INGEST));
  }

  public String id() {
    return project.id();
  }
}
