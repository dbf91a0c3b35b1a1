package io.devlogs.projects;

import java.io.Serializable;
import java.util.Objects;

/**
 * The settings of one project that change how its events are processed.
 *
 * @param redactPii whether e-mail addresses, card numbers, secrets and bearer tokens are redacted
 * @param retention how long its events are kept
 */
public record ProjectSettings(boolean redactPii, RetentionClass retention) implements Serializable {

  /**
   * The settings of a project without a row: redaction on (safe by default), standard retention.
   */
  public static final ProjectSettings DEFAULTS = new ProjectSettings(true, RetentionClass.STANDARD);

  public ProjectSettings {
    Objects.requireNonNull(retention, "retention");
  }
}
