package io.devlogs.query.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.records.LogEvent;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Events as CSV lines (RFC 4180: CRLF line ends; a cell with a comma, quote, CR or LF is quoted,
 * quotes doubled). Cells a spreadsheet would run as a formula (starting with {@code = + - @}, tab
 * or CR) get a leading {@code '}. Attributes are one cell holding a JSON object.
 */
public final class CsvEvents {
  public static final String HEADER = "timestamp,level,service,stream,id,message,attributes\r\n";
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  private CsvEvents() {}

  public static String line(LogEvent event) {
    String attributes;
    try {
      attributes = JSON.writeValueAsString(event.attributes());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cells =
        List.of(
            JsonMapping.timestamp(event.timestamp()),
            nullToEmpty(event.level()),
            nullToEmpty(event.service()),
            nullToEmpty(event.stream()),
            event.id(),
            nullToEmpty(event.message()),
            attributes);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells.get(i)));
    }
    return line.append("\r\n").toString();
  }

  /** One cell, formula-neutralised then quoted when needed. */
  static String cell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\r') >= 0
        || text.indexOf('\n') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
