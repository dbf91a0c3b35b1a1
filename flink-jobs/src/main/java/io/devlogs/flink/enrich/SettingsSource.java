package io.devlogs.flink.enrich;

import io.devlogs.projects.ProjectSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * Where the job reads every project's settings from; shipped to the task managers, where each
 * subtask has its own copy and closes it when the task ends.
 */
@FunctionalInterface
public interface SettingsSource extends Serializable, AutoCloseable {

  /** The settings of every project that has some (others use the defaults). */
  Map<String, ProjectSettings> loadAll() throws Exception;

  /** Releases what loads keep open between calls; nothing by default. */
  @Override
  default void close() {}
}
