package io.devlogs.query.alerts;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.javalin.http.Context;
import java.util.UUID;

/** The UUID in a path; anything else is 404, as an id of another project is. */
public final class PathIds {
  private PathIds() {}

  public static UUID of(Context ctx, String what) {
    String text = ctx.pathParam("id");
    try {
      UUID id = UUID.fromString(text);
      if (id.toString().equalsIgnoreCase(text)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // Not an id: the same answer as an unknown one.
    }
    throw notFound(what, text);
  }

  public static ApiException notFound(String what, Object id) {
    String text = id.toString();
    return new ApiException(
        ErrorCode.NOT_FOUND,
        "no " + what + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
  }
}
