package io.devlogs.ingest.formats;

/** A content type or content encoding ingest does not read (answered 415). */
public final class UnsupportedFormatException extends RuntimeException {
  public UnsupportedFormatException(String message) {
    super(message);
  }
}
