package io.devlogs.query.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredResultTest {

  @Test
  void aStoredBodyIsReadOnlyForItsOwnProject() {
    byte[] stored = StoredResult.encode("p_a", "{\"events\":[]}".getBytes(UTF_8));
    assertThat(StoredResult.decode("p_a", stored)).hasValue("{\"events\":[]}".getBytes(UTF_8));
    assertThat(StoredResult.decode("p_b", stored)).isEmpty();
    assertThat(StoredResult.decode("p_", stored)).isEmpty();
    assertThat(StoredResult.decode("p_a\n{", stored)).isEmpty();
    assertThat(StoredResult.decode("p_a", null)).isEmpty();
  }
}
