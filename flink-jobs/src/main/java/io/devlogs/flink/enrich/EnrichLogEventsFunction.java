package io.devlogs.flink.enrich;

import io.devlogs.flink.records.LogEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Flink wrapper around {@link EventEnricher}: each subtask keeps the latest settings of all
 * projects in a {@link RefreshingSettings}, reloaded every {@code refresh} off the hot path, and
 * enriches every event with its project's settings. Stateless across checkpoints: an event replayed
 * after a restore is enriched with the settings current at replay time.
 */
public class EnrichLogEventsFunction extends RichMapFunction<LogEvent, LogEvent> {

  private static final long serialVersionUID = 1L;

  private final SettingsSource source;
  private final Duration refresh;
  private transient RefreshingSettings settings;
  private transient EventEnricher enricher;

  public EnrichLogEventsFunction(SettingsSource source, Duration refresh) {
    this.source = source;
    this.refresh = refresh;
  }

  @Override
  public void open(OpenContext openContext) {
    enricher = new EventEnricher();
    settings = new RefreshingSettings(source, Clock.systemUTC());
    settings.start(
        refresh,
        "devlogs-settings-refresh-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
  }

  @Override
  public LogEvent map(LogEvent event) {
    return enricher.enrich(event, settings.current().of(event.projectId()));
  }

  @Override
  public void close() {
    if (settings != null) {
      settings.close();
    }
  }
}
