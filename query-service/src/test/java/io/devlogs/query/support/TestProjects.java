package io.devlogs.query.support;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.testing.LocalStack;

/**
 * The projects a test class creates in the local stack's PostgreSQL, each named for this run, and
 * the key store a query app on the stack authenticates their keys with.
 */
public final class TestProjects {
  private final LocalStack stack;
  private final ProjectsDatabase database;
  private final ApiKeyStore keyStore;

  public TestProjects(LocalStack stack) {
    this.stack = stack;
    this.database = ProjectsDatabase.connect(stack.settings());
    this.keyStore = new ApiKeyStore(database);
  }

  /** A fresh project named {@code prefix} plus a suffix no other run uses. */
  public TestProject create(String prefix) {
    return TestProject.create(database, stack.uniqueName(prefix));
  }

  public ApiKeyStore keyStore() {
    return keyStore;
  }
}
