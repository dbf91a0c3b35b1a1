package io.devlogs.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerAuthenticatorTest {

  private static final String INGEST_KEY = "dl_ingest_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String QUERY_KEY = "dl_query_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String BROKEN_STORE_KEY = "dl_ingest_broken";

  private final CallerAuthenticator authenticator =
      new CallerAuthenticator(
          key -> {
            if (key.equals(BROKEN_STORE_KEY)) {
              throw new IllegalStateException("connection refused");
            }
            return Optional.ofNullable(
                Map.of(
                        INGEST_KEY, new ProjectKey("p_a", Scope.INGEST),
                        QUERY_KEY, new ProjectKey("p_a", Scope.QUERY))
                    .get(key));
          });

  private static int status(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.status();
    }
    throw new AssertionError("no ApiException");
  }

  @Test
  void aBearerKeyDrawsFromItsOwnBuckets() {
    Caller caller = authenticator.authenticate("Bearer " + INGEST_KEY, Optional.empty());
    assertThat(caller.projectId()).isEqualTo("p_a");
    assertThat(caller.rateLimitBucket())
        .isEqualTo("key:" + KeyAuthenticator.fingerprint(INGEST_KEY));
  }

  @Test
  void lokiClientsMaySendTheKeyAsTheBasicPassword() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("tenant:" + INGEST_KEY).getBytes(StandardCharsets.UTF_8));
    assertThat(authenticator.authenticate(basic, Optional.empty()).projectId()).isEqualTo("p_a");
  }

  @Test
  void aCertifiedClientWithoutKeySharesItsProjectsBuckets() {
    Caller caller =
        authenticator.authenticate(null, Optional.of(new ProjectKey("p_cert", Scope.INGEST)));
    assertThat(caller.projectId()).isEqualTo("p_cert");
    assertThat(caller.rateLimitBucket()).isEqualTo("certificate:p_cert");
  }

  @Test
  void aKeyAndACertificateMustNameTheSameProject() {
    Optional<ProjectKey> certified = Optional.of(new ProjectKey("p_other", Scope.INGEST));
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + INGEST_KEY, certified))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("different projects");
    Caller same =
        authenticator.authenticate(
            "Bearer " + INGEST_KEY, Optional.of(new ProjectKey("p_a", Scope.INGEST)));
    assertThat(same.rateLimitBucket()).startsWith("key:");
  }

  @Test
  void missingUnknownWrongScopeAndUnreachableStoreAreRefused() {
    assertThat(status(() -> authenticator.authenticate(null, Optional.empty()))).isEqualTo(401);
    assertThat(status(() -> authenticator.authenticate("Bearer dl_ingest_nope", Optional.empty())))
        .isEqualTo(401);
    assertThat(status(() -> authenticator.authenticate("Bearer " + QUERY_KEY, Optional.empty())))
        .isEqualTo(403);
    assertThat(
            status(
                () -> authenticator.authenticate("Bearer " + BROKEN_STORE_KEY, Optional.empty())))
        .isEqualTo(503);
  }
}
