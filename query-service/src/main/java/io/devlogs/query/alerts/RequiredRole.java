package io.devlogs.query.alerts;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.Caller;
import io.devlogs.query.people.Role;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * The role a change to a project's alerts needs: reading is every caller's, editing rules and
 * silences needs an editor, receivers (they hold signing secrets and call out of the network) an
 * admin. A lower role gets 403 {@code forbidden} naming both roles, as the people routes answer.
 */
public final class RequiredRole {
  private RequiredRole() {}

  public static Handler editor(Handler handler) {
    return atLeast(Role.EDITOR, handler);
  }

  public static Handler admin(Handler handler) {
    return atLeast(Role.ADMIN, handler);
  }

  private static Handler atLeast(Role needed, Handler handler) {
    return ctx -> {
      Caller caller = Authentication.caller(ctx);
      if (!caller.role().atLeast(needed)) {
        throw new ApiException(
            ErrorCode.FORBIDDEN,
            "this needs the "
                + needed.dbValue()
                + " role on the project; yours is "
                + caller.role().dbValue()
                + (caller.person() == null
                    ? " (an API key acts as a viewer unless it also has the admin scope)"
                    : ""),
            Map.of("requiredRole", needed.dbValue(), "role", caller.role().dbValue()));
      }
      handler.handle(ctx);
    };
  }
}
