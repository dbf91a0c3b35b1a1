package io.devlogs.alerts;

/**
 * A rule (or silence) that cannot be used, naming the field at fault ({@code definition.threshold},
 * {@code labels}, ...) so an API can answer a 400 that names it.
 */
public final class InvalidAlertRuleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidAlertRuleException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The field at fault, as a JSON path from the row: {@code definition.filter.level}. */
  public String field() {
    return field;
  }
}
