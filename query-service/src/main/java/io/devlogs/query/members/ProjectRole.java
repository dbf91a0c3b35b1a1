package io.devlogs.query.members;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.Role;
import io.devlogs.query.people.User;
import io.devlogs.query.signin.SignedIn;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The signed-in person and their role on the session's project, required by the project's people
 * routes: 401 {@code not_signed_in} without a session (API keys manage nothing here), 403 {@code
 * forbidden} naming the role needed when theirs is lower. Saved searches, dashboards and links
 * (boards/) check roles with it too.
 */
public record ProjectRole(User person, ProjectAccess project) {

  public static ProjectRole require(Context ctx, Role needed) {
    SignedIn signedIn =
        Authentication.signedIn(ctx)
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_SIGNED_IN, "sign in to manage a project"));
    ProjectAccess project = signedIn.requireProject();
    if (!project.role().atLeast(needed)) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "this needs the "
              + needed.dbValue()
              + " role on the project; yours is "
              + project.role().dbValue(),
          Map.of("requiredRole", needed.dbValue(), "role", project.role().dbValue()));
    }
    return new ProjectRole(signedIn.session().user(), project);
  }

  public String projectId() {
    return project.projectId();
  }

  public Role role() {
    return project.role();
  }
}
