package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectKeyTest {

  @Test
  void keyInfoStatusFollowsRevocationThenExpiry() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ApiKeyInfo active =
        new ApiKeyInfo("id", "p", "dl_ingest_ab", Set.of(Scope.INGEST), now, null, null);
    assertThat(active.status(now)).isEqualTo("active");
    assertThat(
            new ApiKeyInfo("id", "p", "dl", Set.of(Scope.INGEST), now, now.plusSeconds(1), null)
                .status(now.plusSeconds(1)))
        .isEqualTo("expired");
    assertThat(new ApiKeyInfo("id", "p", "dl", Set.of(Scope.INGEST), now, null, now).status(now))
        .isEqualTo("revoked");
    ProjectKey key = new ProjectKey("p", Set.of(Scope.QUERY), now);
    assertThat(key.expiredAt(now.minusMillis(1))).isFalse();
    assertThat(key.expiredAt(now)).isTrue();
    assertThat(new ProjectKey("p", Scope.INGEST).has(Scope.INGEST)).isTrue();
    assertThatThrownBy(() -> new ProjectKey("p", Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
