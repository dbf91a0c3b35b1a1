package io.devlogs.flink.enrich;

import io.devlogs.projects.ProjectSettings;
import java.io.Serializable;
import java.util.Map;

/** Where the job reads every project's settings from; shipped to the task managers. */
@FunctionalInterface
public interface SettingsSource extends Serializable {

  /** The settings of every project that has some (others use the defaults). */
  Map<String, ProjectSettings> loadAll() throws Exception;
}
