package io.devlogs.query.alerts.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a project's alert transitions go: a URL for the HTTP kinds, an e-mail address for {@link
 * ReceiverKind#EMAIL}; {@code routingKey} is a PagerDuty integration's key (empty for the other
 * kinds). {@code secret} keys the HMAC signature of HTTP bodies; the API never shows it after
 * creation.
 */
public record Receiver(
    String projectId,
    UUID id,
    String name,
    ReceiverKind kind,
    String target,
    String routingKey,
    String secret) {
  public Receiver {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "Receiver[" + projectId + "/" + id + " " + kind.code() + " " + name + "]";
  }
}
