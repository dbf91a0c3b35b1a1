package io.devlogs.query.people;

import java.time.Instant;

/**
 * One security-relevant action.
 *
 * @param actor who did it: a person's email, {@code key:<prefix>}, {@code link:<public link id>} or
 *     {@code operator}
 * @param action what: {@code sign_in}, {@code sign_in_failed}, {@code locked_out}, ...
 * @param target what it was done to (an email, a key id), or null
 * @param sourceAddress the client's address, or null
 */
public record AuditEntry(
    String id,
    Instant at,
    String organisationId,
    String projectId,
    String actor,
    String action,
    String target,
    String sourceAddress,
    String detail) {

  /** An entry to record (id and time are given by the store). */
  public static AuditEntry of(
      String organisationId,
      String projectId,
      String actor,
      String action,
      String target,
      String sourceAddress,
      String detail) {
    return new AuditEntry(
        null, null, organisationId, projectId, actor, action, target, sourceAddress, detail);
  }
}
