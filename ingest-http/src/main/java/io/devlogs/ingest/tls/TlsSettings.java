package io.devlogs.ingest.tls;

import io.devlogs.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS of the ingest port, from the settings below. Without {@code ingest.tls.keystore} the port
 * serves plain HTTP; with it, the same port serves only HTTPS.
 *
 * <ul>
 *   <li>{@code ingest.tls.keystore}: PKCS12 file with the server's private key and certificate
 *       chain
 *   <li>{@code ingest.tls.keystore-password}: its password (also the key's)
 *   <li>{@code ingest.tls.client-auth}: {@code none} (default), {@code optional} or {@code
 *       required}: whether clients are asked for a certificate (mutual TLS)
 *   <li>{@code ingest.tls.truststore} / {@code ingest.tls.truststore-password}: PKCS12 file with
 *       the CA certificate(s) that sign client certificates; needed unless client-auth is none
 * </ul>
 *
 * @param keystore the server's PKCS12 keystore
 * @param keystorePassword its password
 * @param clientAuth whether client certificates are asked for
 * @param truststore PKCS12 truststore of the client CA(s), or null when client-auth is none
 * @param truststorePassword its password, or null
 */
public record TlsSettings(
    Path keystore,
    String keystorePassword,
    ClientAuth clientAuth,
    Path truststore,
    String truststorePassword) {

  public static final String KEYSTORE = "ingest.tls.keystore";
  public static final String KEYSTORE_PASSWORD = "ingest.tls.keystore-password";
  public static final String CLIENT_AUTH = "ingest.tls.client-auth";
  public static final String TRUSTSTORE = "ingest.tls.truststore";
  public static final String TRUSTSTORE_PASSWORD = "ingest.tls.truststore-password";

  public TlsSettings {
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
  public static Optional<TlsSettings> from(Settings settings) {
    String keystore = settings.get(KEYSTORE, null);
    if (keystore == null || keystore.isBlank()) {
      return Optional.empty();
    }
    String truststore = settings.get(TRUSTSTORE, null);
    return Optional.of(
        new TlsSettings(
            Path.of(keystore),
            required(settings, KEYSTORE_PASSWORD),
            ClientAuth.fromSetting(settings.get(CLIENT_AUTH, "none")),
            truststore == null || truststore.isBlank() ? null : Path.of(truststore),
            settings.get(TRUSTSTORE_PASSWORD, null)));
  }

  private static String required(Settings settings, String key) {
    String value = settings.get(key, null);
    if (value == null) {
      throw new IllegalArgumentException(
          "Setting '"
              + key
              + "' is missing: it is needed with '"
              + KEYSTORE
              + "' (set --"
              + key
              + "=..., -D"
              + key
              + "=... or "
              + Settings.environmentVariable(key)
              + ")");
    }
    return value;
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
    return "TlsSettings[keystore="
        + keystore
        + ", clientAuth="
        + clientAuth.settingValue()
        + ", truststore="
        + truststore
        + "]";
  }
}
