package io.devlogs.projects;

import io.devlogs.settings.Settings;

/**
 * The running stack's projects database for the store ITs ({@code DEVLOGS_POSTGRES_URL} etc.;
 * tables created by the schema module), and names no other run uses.
 */
final class StackDatabase {
  private StackDatabase() {}

  static final ProjectsDatabase DATABASE =
      ProjectsDatabase.connect(Settings.fromEnvironment(new String[0]));

  static String uniqueName() {
    return "it-" + System.nanoTime();
  }
}
