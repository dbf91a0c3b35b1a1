package io.devlogs.query.support;

import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the rule APIs' tests on the stack share: its projects' database and two fresh projects, A
 * and B, each with an admin key (query and admin scopes: who may change its rules), so a test
 * checks that B sees nothing of A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
public abstract class TwoProjectsOnTheStack {

  protected final LocalStack stack;
  protected final TestProjects projects;
  protected final ProjectsDatabase database;
  private final String prefix;
  protected TestProject a;
  protected TestProject b;
  protected String adminKeyOfA;
  protected String adminKeyOfB;

  /** {@code prefix} names the projects ({@code <prefix>-a}, {@code <prefix>-b}). */
  protected TwoProjectsOnTheStack(LocalStack stack, String prefix) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
    this.database = ProjectsDatabase.connect(stack.settings());
    this.prefix = prefix;
  }

  @BeforeAll
  void createTheTwoProjects() {
    a = projects.create(prefix + "-a");
    b = projects.create(prefix + "-b");
    adminKeyOfA = KeyedApi.adminKey(projects, a);
    adminKeyOfB = KeyedApi.adminKey(projects, b);
  }
}
