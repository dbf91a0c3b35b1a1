package io.devlogs.query.people;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Writes audit entries where their organisation's owners will read them: an action on a project
 * under the project's organisation, an action of a person (a sign-in) under each organisation they
 * belong to, or under none if they belong to none or are unknown.
 */
public final class Auditor {
  private final AuditLog log;
  private final Organisations organisations;
  private final Clock clock;

  public Auditor(AuditLog log, Organisations organisations, Clock clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.organisations = Objects.requireNonNull(organisations, "organisations");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public AuditLog log() {
    return log;
  }

  public void onProject(
      String projectId,
      String actor,
      String action,
      String target,
      String sourceAddress,
      String detail) {
    String organisationId = organisations.organisationOf(projectId).orElse(null);
    log.record(
        AuditEntry.of(organisationId, projectId, actor, action, target, sourceAddress, detail),
        clock.instant());
  }

  public void onOrganisation(
      String organisationId, String actor, String action, String target, String sourceAddress) {
    log.record(
        AuditEntry.of(organisationId, null, actor, action, target, sourceAddress, null),
        clock.instant());
  }

  /** An action of a person, or of an unknown email when {@code userId} is null. */
  public void ofPerson(
      String userId, String actor, String action, String sourceAddress, String detail) {
    List<Membership> memberships =
        userId == null ? List.of() : organisations.organisationsOf(userId);
    if (memberships.isEmpty()) {
      log.record(
          AuditEntry.of(null, null, actor, action, actor, sourceAddress, detail), clock.instant());
    }
    for (Membership membership : memberships) {
      log.record(
          AuditEntry.of(
              membership.organisationId(), null, actor, action, actor, sourceAddress, detail),
          clock.instant());
    }
  }
}
