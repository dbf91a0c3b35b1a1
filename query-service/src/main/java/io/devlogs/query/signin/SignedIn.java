package io.devlogs.query.signin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.SessionRow;
import java.util.Map;
import java.util.Optional;

/**
 * A valid session: its raw id (for the CSRF token), its row, and the chosen project with the
 * person's role on it, if they still have one.
 */
public record SignedIn(String rawId, SessionRow session, Optional<ProjectAccess> project) {

  /** The chosen project, or 403 {@code forbidden} asking the person to choose one. */
  public ProjectAccess requireProject() {
    return project.orElseThrow(
        () ->
            new ApiException(
                ErrorCode.FORBIDDEN,
                "choose a project you have a role on (PUT /v1/auth/session)",
                Map.of("check", "project")));
  }
}
