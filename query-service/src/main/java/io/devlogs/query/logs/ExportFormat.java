package io.devlogs.query.logs;

import io.devlogs.http.ApiException;
import java.util.Locale;

/** The file formats of {@code GET /v1/logs/export}. */
public enum ExportFormat {
  NDJSON("application/x-ndjson", "ndjson"),
  CSV("text/csv; charset=utf-8", "csv");

  private final String contentType;
  private final String extension;

  ExportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** {@code ndjson} or {@code csv}, case-insensitive; 400 naming {@code format} otherwise. */
  public static ExportFormat parse(String text) {
    for (ExportFormat format : values()) {
      if (format.extension.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw ApiException.badParameter("format", "must be ndjson or csv");
  }
}
