package io.devlogs.ingest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  @TempDir Path dir;

  @Test
  void noKeystoreMeansPlainHttp() {
    assertThat(TlsSettings.from(Settings.of(Map.of()))).isEmpty();
  }

  @Test
  void readsKeystoreTruststoreAndClientAuth() {
    TestCertificates.Authority ca = TestCertificates.Authority.create("settings CA");
    Path keystore = ca.server(dir).keystore();
    Path truststore = ca.truststore(dir);
    TlsSettings tls =
        TlsSettings.from(
                Settings.of(
                    Map.of(
                        TlsSettings.KEYSTORE, keystore.toString(),
                        TlsSettings.KEYSTORE_PASSWORD, "secret",
                        TlsSettings.CLIENT_AUTH, "Required",
                        TlsSettings.TRUSTSTORE, truststore.toString(),
                        TlsSettings.TRUSTSTORE_PASSWORD, "secret2")))
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
            () -> TlsSettings.from(Settings.of(Map.of(TlsSettings.KEYSTORE, keystore.toString()))))
        .hasMessageContaining("'ingest.tls.keystore-password' is missing")
        .hasMessageContaining("DEVLOGS_INGEST_TLS_KEYSTORE_PASSWORD");
    assertThatThrownBy(
            () ->
                TlsSettings.from(
                    Settings.of(
                        Map.of(
                            TlsSettings.KEYSTORE,
                            dir.resolve("nope.p12").toString(),
                            TlsSettings.KEYSTORE_PASSWORD,
                            "x"))))
        .hasMessageContaining("'ingest.tls.keystore'")
        .hasMessageContaining("nope.p12 is not a readable file");
    assertThatThrownBy(
            () ->
                TlsSettings.from(
                    Settings.of(
                        Map.of(
                            TlsSettings.KEYSTORE, keystore.toString(),
                            TlsSettings.KEYSTORE_PASSWORD, "x",
                            TlsSettings.CLIENT_AUTH, "always"))))
        .hasMessageContaining("must be none, optional or required but was 'always'");
    assertThatThrownBy(
            () ->
                TlsSettings.from(
                    Settings.of(
                        Map.of(
                            TlsSettings.KEYSTORE, keystore.toString(),
                            TlsSettings.KEYSTORE_PASSWORD, "x",
                            TlsSettings.CLIENT_AUTH, "optional"))))
        .hasMessageContaining("needs 'ingest.tls.truststore'");
  }
}
