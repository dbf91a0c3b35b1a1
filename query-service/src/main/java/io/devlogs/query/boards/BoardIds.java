package io.devlogs.query.boards;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import java.util.UUID;

/**
 * Ids of saved searches, dashboards and public links: random UUIDs. A path id that is not one
 * answers the same 404 as an id of another project or one that does not exist.
 */
final class BoardIds {
  private BoardIds() {}

  static UUID newId() {
    return UUID.randomUUID();
  }

  /** The id in the path, or 404 {@code not_found} naming what was looked for. */
  static UUID parse(String text, String what) {
    try {
      UUID id = UUID.fromString(text);
      if (id.toString().equalsIgnoreCase(text)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below as any unknown id
    }
    throw notFound(what, text);
  }

  static ApiException notFound(String what, String id) {
    return new ApiException(ErrorCode.NOT_FOUND, "this project has no " + what + " '" + id + "'");
  }
}
