package io.devlogs.flink.enrich;

import io.devlogs.projects.ProjectSettings;
import java.time.Instant;
import java.util.Map;

/**
 * All projects' settings as loaded at one moment; immutable. A project without settings gets {@link
 * ProjectSettings#DEFAULTS}.
 *
 * @param byProject settings per project id
 * @param loadedAt when they were read; {@link Instant#EPOCH} for the defaults used before any
 *     successful load
 */
public record SettingsSnapshot(Map<String, ProjectSettings> byProject, Instant loadedAt) {

  /** Before any successful load: every project gets the safe defaults. */
  public static final SettingsSnapshot DEFAULTS = new SettingsSnapshot(Map.of(), Instant.EPOCH);

  public SettingsSnapshot {
    byProject = Map.copyOf(byProject);
  }

  /** The settings of a project. */
  public ProjectSettings of(String projectId) {
    return byProject.getOrDefault(projectId, ProjectSettings.DEFAULTS);
  }
}
