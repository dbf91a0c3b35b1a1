package io.devlogs.projects;

import static io.devlogs.projects.StackDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Project settings against the local PostgreSQL (DEVLOGS_POSTGRES_URL etc.), tables created by the
 * schema module.
 */
class ProjectSettingsStoreIT {

  private static final ProjectsDatabase database = StackDatabase.DATABASE;
  private static final ProjectStore projects = new ProjectStore(database);
  private static final ProjectSettingsStore settings = new ProjectSettingsStore(database);

  @Test
  void settingsDefaultUntilChangedAndPartialUpdatesKeepTheRest() {
    Project p = projects.createProject(uniqueName());
    assertThat(settings.settings(p.id())).isEqualTo(ProjectSettings.DEFAULTS);
    assertThat(settings.allSettings()).doesNotContainKey(p.id());

    assertThat(settings.updateSettings(p.id(), null, RetentionClass.LONG))
        .isEqualTo(new ProjectSettings(true, RetentionClass.LONG));
    assertThat(settings.updateSettings(p.id(), false, null))
        .isEqualTo(new ProjectSettings(false, RetentionClass.LONG));
    assertThat(settings.allSettings())
        .containsEntry(p.id(), new ProjectSettings(false, RetentionClass.LONG));
  }

  @Test
  void settingsOfAnUnknownProjectCannotBeWritten() {
    assertThatThrownBy(
            () -> settings.updateSettings("p_doesnotexist" + System.nanoTime(), true, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update settings of project p_doesnotexist");
  }
}
