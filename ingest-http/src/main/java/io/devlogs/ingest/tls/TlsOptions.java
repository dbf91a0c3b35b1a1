package io.devlogs.ingest.tls;

import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS of the ingest port, from the {@code ingest.tls.*} settings of {@link IngestKeys}. Without
 * {@code ingest.tls.keystore} the port serves plain HTTP; with it, the same port serves only HTTPS.
 * The keystore is a PKCS12 file with the server's private key and certificate chain (its password
 * is also the key's); the truststore, needed unless client-auth is {@code none}, holds the CA
 * certificate(s) that sign client certificates.
 *
 * @param keystore the server's PKCS12 keystore
 * @param keystorePassword its password
 * @param clientAuth whether client certificates are asked for
 * @param truststore PKCS12 truststore of the client CA(s), or null when client-auth is none
 * @param truststorePassword its password, or null
 */
public record TlsOptions(
    Path keystore,
    String keystorePassword,
    ClientAuth clientAuth,
    Path truststore,
    String truststorePassword) {

  public static final String KEYSTORE = IngestKeys.TLS_KEYSTORE.key();
  public static final String KEYSTORE_PASSWORD = IngestKeys.TLS_KEYSTORE_PASSWORD.key();
  public static final String CLIENT_AUTH = IngestKeys.TLS_CLIENT_AUTH.key();
  public static final String TRUSTSTORE = IngestKeys.TLS_TRUSTSTORE.key();
  public static final String TRUSTSTORE_PASSWORD = IngestKeys.TLS_TRUSTSTORE_PASSWORD.key();

  public TlsOptions {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(clientAuth, "clientAuth");
    requireReadable(KEYSTORE, keystore);
    if (clientAuth != ClientAuth.NONE) {
      if (truststore == null || truststorePassword == null) {
        throw new IllegalArgumentException(
            "Setting '"
                + CLIENT_AUTH
                + "="
                + clientAuth.settingValue()
                + "' needs '"
                + TRUSTSTORE
                + "' and '"
                + TRUSTSTORE_PASSWORD
                + "': a PKCS12 file with the CA that signs client certificates");
      }
      requireReadable(TRUSTSTORE, truststore);
    }
  }

  /**
   * The TLS settings, or empty when {@code ingest.tls.keystore} is not set (plain HTTP).
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static Optional<TlsOptions> from(Settings settings) {
    String keystore = optional(settings, IngestKeys.TLS_KEYSTORE);
    if (keystore == null) {
      return Optional.empty();
    }
    String truststore = optional(settings, IngestKeys.TLS_TRUSTSTORE);
    return Optional.of(
        new TlsOptions(
            Path.of(keystore),
            required(settings, IngestKeys.TLS_KEYSTORE_PASSWORD),
            ClientAuth.fromSetting(settings.get(IngestKeys.TLS_CLIENT_AUTH)),
            truststore == null ? null : Path.of(truststore),
            settings.isSet(IngestKeys.TLS_TRUSTSTORE_PASSWORD)
                ? settings.get(IngestKeys.TLS_TRUSTSTORE_PASSWORD)
                : null));
  }

  /** The value, or null when it is not set or blank. */
  private static String optional(Settings settings, Setting<String> setting) {
    if (!settings.isSet(setting)) {
      return null;
    }
    String value = settings.get(setting);
    return value.isBlank() ? null : value;
  }

  private static String required(Settings settings, Setting<String> setting) {
    if (!settings.isSet(setting)) {
      throw new IllegalArgumentException(
          "Setting '"
              + setting.key()
              + "' is missing: it is needed with '"
              + KEYSTORE
              + "' (set --"
              + setting.key()
              + "=..., -D"
              + setting.key()
              + "=... or "
              + setting.environmentVariable()
              + ")");
    }
    return settings.get(setting);
  }

  private static void requireReadable(String key, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "Setting '" + key + "': " + file.toAbsolutePath() + " is not a readable file");
    }
  }

  @Override
  public String toString() {
    // Passwords stay out of logs.
    return "TlsOptions[keystore="
        + keystore
        + ", clientAuth="
        + clientAuth.settingValue()
        + ", truststore="
        + truststore
        + "]";
  }
}
