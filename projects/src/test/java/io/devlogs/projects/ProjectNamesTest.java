package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProjectNamesTest {

  @Test
  void projectNamesAreCheckedAndStripped() {
    assertThat(ProjectNames.check("  shop-api  ")).isEqualTo("shop-api");
    assertThat(ProjectNames.check("x'); DROP TABLE projects; --"))
        .isEqualTo("x'); DROP TABLE projects; --");
    assertThat(ProjectNames.check("é".repeat(100))).hasSize(100);
    assertThatThrownBy(() -> ProjectNames.check("a".repeat(101))).hasMessageContaining("100");
    assertThatThrownBy(() -> ProjectNames.check(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> ProjectNames.check("a\nb")).hasMessageContaining("control");
    assertThatThrownBy(() -> ProjectNames.check("Operator")).hasMessageContaining("reserved");
  }
}
