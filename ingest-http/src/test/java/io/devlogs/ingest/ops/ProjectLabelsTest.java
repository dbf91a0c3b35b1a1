package io.devlogs.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectLabelsTest {

  @Test
  void theFirstProjectsKeepTheirIdAndLaterOnesShareOther() {
    ProjectLabels labels = new ProjectLabels(2);
    assertThat(labels.of("p_1")).isEqualTo("p_1");
    assertThat(labels.of("p_2")).isEqualTo("p_2");
    assertThat(labels.of("p_3")).isEqualTo(ProjectLabels.OTHER);
    assertThat(labels.of("p_1")).as("an admitted project keeps its label").isEqualTo("p_1");
  }

  @Test
  void aFloodOfProjectsAddsAtMostTheBoundPlusOther() {
    ProjectLabels labels = new ProjectLabels(200);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      seen.add(labels.of("p_" + i));
    }
    assertThat(seen).hasSize(201).contains(ProjectLabels.OTHER);
  }
}
