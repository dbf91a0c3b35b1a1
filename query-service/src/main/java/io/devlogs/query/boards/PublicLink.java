package io.devlogs.query.boards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A public read-only link of a project: it answers one stream ({@code stream}, from {@code
 * rangeFrom} to {@code rangeTo} or to now) or one snapshot of a saved search ({@code snapshot}, the
 * answer's JSON taken when the link was made), to anyone holding its token, until it expires or is
 * revoked.
 */
public record PublicLink(
    UUID id,
    String projectId,
    Kind kind,
    String title,
    String stream,
    Instant rangeFrom,
    Instant rangeTo,
    String snapshot,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  /** What a public link answers. */
  public enum Kind {
    STREAM,
    SEARCH_SNAPSHOT;

    @JsonValue
    public String dbValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.dbValue().equals(text)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("must be stream or search_snapshot, not '" + text + "'");
    }
  }

  /** {@code active}, {@code expired} or {@code revoked} at {@code now}. */
  public String status(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    return expiresAt.isAfter(now) ? "active" : "expired";
  }
}
