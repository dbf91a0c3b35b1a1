package io.devlogs.ingest.ops;

import java.util.Locale;

/** Why a request was refused, derived from its status: the label of the rejection metric. */
public enum RejectionReason {
  /** 401: missing, unknown or revoked key. */
  AUTH,
  /** 403: a key without the needed scope. */
  SCOPE,
  /** 413: body, event or request too large. */
  SIZE,
  /** 400: malformed body or events. */
  INVALID,
  /** 429: over the key's rate limit. */
  RATE,
  /** 503: Kafka or the key store not available. */
  UNAVAILABLE,
  /** 415: unknown content type or encoding. */
  UNSUPPORTED,
  /** 404, 405 and any other 4xx/5xx. */
  OTHER;

  /** The reason for a response status, or null for a success (below 400). */
  public static RejectionReason ofStatus(int status) {
    if (status < 400) {
      return null;
    }
    return switch (status) {
      case 400 -> INVALID;
      case 401 -> AUTH;
      case 403 -> SCOPE;
      case 413 -> SIZE;
      case 415 -> UNSUPPORTED;
      case 429 -> RATE;
      case 503 -> UNAVAILABLE;
      default -> OTHER;
    };
  }

  /** The label value: the name in lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
