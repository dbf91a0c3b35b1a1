package io.devlogs.ingest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {

  @TempDir Path dir;

  @Test
  void noKeystoreMeansPlainHttp() {
    assertThat(TlsOptions.from(Settings.of(Map.of()))).isEmpty();
  }

  @Test
  void readsKeystoreTruststoreAndClientAuth() {
    TestCertificates.Authority ca = TestCertificates.Authority.create("settings CA");
    Path keystore = ca.server(dir).keystore();
    Path truststore = ca.truststore(dir);
    TlsOptions tls =
        TlsOptions.from(
                Settings.of(
                    Map.of(
                        TlsOptions.KEYSTORE, keystore.toString(),
                        TlsOptions.KEYSTORE_PASSWORD, "secret",
                        TlsOptions.CLIENT_AUTH, "Required",
                        TlsOptions.TRUSTSTORE, truststore.toString(),
                        TlsOptions.TRUSTSTORE_PASSWORD, "secret2")))
            .orElseThrow();
    assertThat(tls.keystore()).isEqualTo(keystore);
    assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(tls.truststore()).isEqualTo(truststore);
    assertThat(tls.toString()).doesNotContain("secret");
  }

  @Test
  void badValuesNameTheSetting() {
    Path keystore = TestCertificates.Authority.create("settings CA").server(dir).keystore();
    assertThatThrownBy(
            () -> TlsOptions.from(Settings.of(Map.of(TlsOptions.KEYSTORE, keystore.toString()))))
        .hasMessageContaining("'ingest.tls.keystore-password' is missing")
        .hasMessageContaining("DEVLOGS_INGEST_TLS_KEYSTORE_PASSWORD");
    assertThatThrownBy(
            () ->
                TlsOptions.from(
                    Settings.of(
                        Map.of(
                            TlsOptions.KEYSTORE,
                            dir.resolve("nope.p12").toString(),
                            TlsOptions.KEYSTORE_PASSWORD,
                            "x"))))
        .hasMessageContaining("'ingest.tls.keystore'")
        .hasMessageContaining("nope.p12 is not a readable file");
    assertThatThrownBy(
            () ->
                TlsOptions.from(
                    Settings.of(
                        Map.of(
                            TlsOptions.KEYSTORE, keystore.toString(),
                            TlsOptions.KEYSTORE_PASSWORD, "x",
                            TlsOptions.CLIENT_AUTH, "always"))))
        .hasMessageContaining("must be none, optional or required but was 'always'");
    assertThatThrownBy(
            () ->
                TlsOptions.from(
                    Settings.of(
                        Map.of(
                            TlsOptions.KEYSTORE, keystore.toString(),
                            TlsOptions.KEYSTORE_PASSWORD, "x",
                            TlsOptions.CLIENT_AUTH, "optional"))))
        .hasMessageContaining("needs 'ingest.tls.truststore'");
  }
}
