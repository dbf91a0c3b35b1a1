package io.devlogs.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void keepsASaneClientId() {
    assertThat(RequestIds.choose("req-7f9c_01:a.b")).isEqualTo("req-7f9c_01:a.b");
  }

  @Test
  void replacesMissingOverlongOrForgeableIdsWithAUuid() {
    for (String bad : new String[] {null, "", "a".repeat(129), "x\ny", "a b", "\"}{"}) {
      String id = RequestIds.choose(bad);
      assertThat(id).isNotEqualTo(bad);
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
  }
}
