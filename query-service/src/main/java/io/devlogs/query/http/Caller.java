package io.devlogs.query.http;

import io.devlogs.query.people.Role;
import io.devlogs.query.people.User;

/**
 * Who makes a request to a project's data: an API key (a viewer of its project, its admin when the
 * key also has the admin scope) or a signed-in person with their role on the session's chosen
 * project.
 *
 * @param person null for an API key
 * @param limitId the id the rate limits count by: a hash of the key or of the session
 */
public record Caller(String projectId, Role role, User person, String limitId) {}
