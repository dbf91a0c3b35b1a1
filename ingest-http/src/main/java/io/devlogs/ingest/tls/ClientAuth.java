package io.devlogs.ingest.tls;

import java.util.Locale;

/** Whether the TLS port asks clients for a certificate ({@code ingest.tls.client-auth}). */
public enum ClientAuth {
  /** No client certificates: every request needs a bearer key. */
  NONE,
  /** A client may present a certificate (then it needs no key); others still need a bearer key. */
  OPTIONAL,
  /** The handshake fails without a certificate signed by a CA of the truststore. */
  REQUIRED;

  /**
   * The mode for a setting value, case-insensitive.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static ClientAuth fromSetting(String value) {
    for (ClientAuth mode : values()) {
      if (mode.name().equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Setting '"
            + TlsOptions.CLIENT_AUTH
            + "' must be none, optional or required but was '"
            + value
            + "'");
  }

  String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
