package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void keysHaveScopePrefixAnd32Base62Characters() {
    assertThat(ApiKeys.newKey(Scope.INGEST)).matches("dl_ingest_[0-9A-Za-z]{32}");
    assertThat(ApiKeys.newKey(Scope.QUERY)).matches("dl_query_[0-9A-Za-z]{32}");
  }

  @Test
  void keysWithSeveralScopesNameThemInAFixedOrder() {
    assertThat(ApiKeys.newKey(java.util.Set.of(Scope.ADMIN, Scope.INGEST)))
        .matches("dl_ingest-admin_[0-9A-Za-z]{32}");
  }

  @Test
  void keysAreUnique() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      keys.add(ApiKeys.newKey(Scope.INGEST));
    }
    assertThat(keys).hasSize(1000);
  }

  @Test
  void randomPartUsesTheWholeAlphabet() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      for (char c : ApiKeys.randomBase62(32).toCharArray()) {
        seen.add(c);
      }
    }
    assertThat(seen).hasSize(62);
  }

  @Test
  void projectIdsArePAnd16Base62Characters() {
    assertThat(ApiKeys.newProjectId()).matches("p_[0-9A-Za-z]{16}");
  }

  @Test
  void hashIsHexSha256OfTheWholeKey() {
    // echo -n abc | sha256sum
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String key = ApiKeys.newKey(Scope.QUERY);
    assertThat(ApiKeys.hash(key)).hasSize(64).isEqualTo(ApiKeys.hash(key));
    assertThat(ApiKeys.hash(key + "x")).isNotEqualTo(ApiKeys.hash(key));
  }

  @Test
  void prefixIsFirstTwelveCharacters() {
    assertThat(ApiKeys.prefix("dl_ingest_abcdefgh")).isEqualTo("dl_ingest_ab");
    assertThat(ApiKeys.prefix("short")).isEqualTo("short");
  }

  @Test
  void scopeRoundTripsThroughItsStoredName() {
    assertThat(Scope.INGEST.dbValue()).isEqualTo("ingest");
    assertThat(Scope.fromDbValue("query")).isEqualTo(Scope.QUERY);
    assertThat(Scope.fromDbValue("INGEST")).isEqualTo(Scope.INGEST);
    assertThat(Scope.fromDbValues(List.of("admin", "query", "admin")))
        .containsExactlyInAnyOrder(Scope.ADMIN, Scope.QUERY);
    assertThatThrownBy(() -> Scope.fromDbValues(List.of()))
        .hasMessageContaining("at least one scope");
    assertThatThrownBy(() -> Scope.fromDbValue("root"))
        .hasMessageContaining("'root'")
        .hasMessageContaining("'admin'");
  }
}
