package io.devlogs.query.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;
import java.util.List;
import java.util.Map;

/**
 * Two organisations made through the API as people would make them: the operator creates each with
 * its projects and an owner's invitation, the owner accepts it and invites an admin, an editor and
 * a viewer of the first project, who accept theirs. Organisation A owns projects A1 and A2,
 * organisation B owns B1; every project has a query key.
 */
final class PeopleFixture {
  static final String PASSWORD = "correct horse battery";

  final PeopleApp app;
  final String operatorKey;
  final Org a;
  final Org b;

  /** A project and its query key. */
  record TestProject(String id, String queryKey) {}

  /** A signed-in person of an organisation. */
  record Person(String email, String userId, Browser browser) {}

  /** An organisation, its projects and people. */
  record Org(
      String id,
      TestProject first,
      TestProject second,
      Person owner,
      Person admin,
      Person editor,
      Person viewer) {}

  PeopleFixture(PeopleApp app) {
    this(app, app.stack.uniqueName("org-a"), app.stack.uniqueName("org-b"));
  }

  /** With these organisation names (a test's SSO role mapping names them before they exist). */
  PeopleFixture(PeopleApp app, String nameOfA, String nameOfB) {
    this.app = app;
    ProjectStore projects = new ProjectStore(app.database);
    ApiKeyStore keys = app.keyStore;
    this.operatorKey = keys.issueKey(projects.operatorProject().id(), Scope.ADMIN);
    this.a = organisation("a", nameOfA, true);
    this.b = organisation("b", nameOfB, false);
  }

  private TestProject project(String prefix) {
    Project project = new ProjectStore(app.database).createProject(app.stack.uniqueName(prefix));
    return new TestProject(project.id(), app.keyStore.issueKey(project.id(), Scope.QUERY));
  }

  String email(String who) {
    return app.stack.uniqueName(who) + "@example.test";
  }

  private Org organisation(String letter, String name, boolean withPeople) {
    TestProject first = project("it-people-" + letter + "1");
    TestProject second = project("it-people-" + letter + "2");
    Browser operator = app.browser();
    Browser.Answer created =
        operator.send(
            "POST",
            app.origin + "/v1/operator/organisations",
            Map.of(
                "name",
                name,
                "ownerEmail",
                email("owner-" + letter),
                "projectIds",
                List.of(first.id(), second.id())),
            Map.of("Authorization", "Bearer " + operatorKey));
    assertThat(created.status()).as("create organisation %s", created).isEqualTo(201);
    JsonNode body = created.json();
    Person owner =
        accept(
            body.at("/owner/path").asText(),
            body.at("/owner/invitation/email").asText(),
            "Owner " + letter);
    owner.browser().choose(first.id());
    String organisationId = body.at("/organisation/id").asText();
    if (!withPeople) {
      return new Org(organisationId, first, second, owner, null, null, null);
    }
    Person admin = invite(owner, first, "admin-" + letter, Role.ADMIN);
    Person editor = invite(owner, first, "editor-" + letter, Role.EDITOR);
    Person viewer = invite(owner, first, "viewer-" + letter, Role.VIEWER);
    return new Org(organisationId, first, second, owner, admin, editor, viewer);
  }

  /** The inviter invites a new person to the project with the role; they accept. */
  Person invite(Person inviter, TestProject project, String who, Role role) {
    inviter.browser().choose(project.id());
    String email = email(who);
    Browser.Answer invited =
        inviter
            .browser()
            .post("/v1/project/invitations", Map.of("email", email, "role", role.dbValue()));
    assertThat(invited.status()).as("invite %s: %s", who, invited).isEqualTo(201);
    Person person = accept(invited.json().path("path").asText(), email, who);
    person.browser().choose(project.id());
    return person;
  }

  private Person accept(String path, String email, String name) {
    Browser browser = app.browser();
    Browser.Answer accepted = browser.accept(path, name, PASSWORD);
    assertThat(accepted.status()).as("accept %s: %s", path, accepted).isEqualTo(200);
    return new Person(email, accepted.json().at("/user/id").asText(), browser);
  }
}
