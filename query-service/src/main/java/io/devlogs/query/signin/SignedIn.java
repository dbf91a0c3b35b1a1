package io.devlogs.query.signin;

import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.SessionRow;
import java.util.Optional;

/**
 * A valid session: its raw id (for the CSRF token), its row, and the chosen project with the
 * person's role on it, if they still have one.
 */
public record SignedIn(String rawId, SessionRow session, Optional<ProjectAccess> project) {}
