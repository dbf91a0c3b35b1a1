package io.devlogs.query.signin;

/**
 * The API paths of people rather than of a project's data: they authenticate by session (or not at
 * all), check roles themselves, and are not counted by the query rate limits. Public links ({@code
 * /v1/public/}) need no session: their token is checked, and counted, by their handler.
 */
public final class PeopleRoutes {
  private PeopleRoutes() {}

  public static boolean isPeoplePath(String path) {
    return path.startsWith("/v1/auth/")
        || path.startsWith("/v1/invitations/")
        || path.equals("/v1/organisations")
        || path.startsWith("/v1/organisations/")
        || path.startsWith("/v1/project/")
        || path.startsWith("/v1/operator/")
        || path.startsWith("/v1/public/");
  }

  /** Routes that start a session, so no session's CSRF token can be asked of them. */
  static boolean startsSession(String path) {
    return path.equals("/v1/auth/sign-in")
        || (path.startsWith("/v1/invitations/") && path.endsWith("/accept"));
  }
}
