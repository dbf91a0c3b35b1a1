package io.devlogs.query.signin;

import io.devlogs.query.people.Membership;
import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.User;
import java.time.Instant;
import java.util.List;

/**
 * What a signed-in page knows about its session: the person, the CSRF token to send with changes,
 * the chosen project and role, the projects and organisations they may open, and when the session
 * ends.
 *
 * @param project the chosen project, or null if they have none yet
 */
public record SessionView(
    User user,
    String csrfToken,
    ProjectAccess project,
    List<ProjectAccess> projects,
    List<Membership> organisations,
    Instant expiresAt) {}
