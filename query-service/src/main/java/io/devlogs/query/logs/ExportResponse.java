package io.devlogs.query.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.records.LogEvent;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes an export into the HTTP response as an attachment, event by event. */
final class ExportResponse implements EventWriter {
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  private final Context ctx;
  private final ExportFormat format;
  private Writer out;

  ExportResponse(Context ctx, ExportFormat format) {
    this.ctx = ctx;
    this.format = format;
  }

  @Override
  public void open() throws IOException {
    ctx.status(200);
    ctx.contentType(format.contentType());
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"devlogs-export." + format.extension() + "\"");
    out =
        new BufferedWriter(
            new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 64 * 1024);
    if (format == ExportFormat.CSV) {
      out.write(CsvEvents.HEADER);
    }
  }

  @Override
  public void write(LogEvent event) throws IOException {
    if (format == ExportFormat.CSV) {
      out.write(CsvEvents.line(event));
    } else {
      out.write(JSON.writeValueAsString(event));
      out.write('\n');
    }
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
