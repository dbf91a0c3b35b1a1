package io.devlogs.flink.enrich;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.projects.ProjectSettings;
import java.util.Map;

/** Applies a project's settings to one of its events: PII redaction and retention. */
public final class EventEnricher {

  private final PiiRedactor redactor = new PiiRedactor();

  /** The event as its project's settings want it stored; the same instance if nothing changes. */
  public LogEvent enrich(LogEvent event, ProjectSettings settings) {
    String message = event.message();
    Map<String, String> attributes = event.attributes();
    if (settings.redactPii()) {
      message = redactor.redact(message);
      attributes = redactor.redactAttributes(attributes);
    }
    int retentionDays = settings.retention().days();
    if (message == event.message()
        && attributes == event.attributes()
        && retentionDays == event.retentionDays()) {
      return event;
    }
    return event.enriched(message, attributes, retentionDays);
  }
}
