package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvEventsTest {
  @Test
  void plainCellsStayAsTheyAre() {
    assertThat(CsvEvents.cell("checkout")).isEqualTo("checkout");
    assertThat(CsvEvents.cell("")).isEmpty();
    assertThat(CsvEvents.cell("ünïcödé 🚀")).isEqualTo("ünïcödé 🚀");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedPerRfc4180() {
    assertThat(CsvEvents.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvEvents.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvEvents.cell("line1\nline2")).isEqualTo("\"line1\nline2\"");
    assertThat(CsvEvents.cell("a\r\nb")).isEqualTo("\"a\r\nb\"");
  }

  @Test
  void formulaStartsAreNeutralised() {
    assertThat(CsvEvents.cell("=1+2")).isEqualTo("'=1+2");
    assertThat(CsvEvents.cell("+cmd")).isEqualTo("'+cmd");
    assertThat(CsvEvents.cell("-2")).isEqualTo("'-2");
    assertThat(CsvEvents.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvEvents.cell("\tx")).isEqualTo("'\tx");
    assertThat(CsvEvents.cell("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(CsvEvents.cell("a=b")).isEqualTo("a=b");
  }

  @Test
  void aLineHasTheContractColumnsAndEndsWithCrLf() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("http.status", "500");
    attributes.put("note", "a,\"b\"");
    LogEvent event =
        new LogEvent(
            "e-1",
            Instant.parse("2024-05-01T10:00:00.000000042Z"),
            "ERROR",
            "api",
            "run-1",
            "=cmd|' /C calc'!A0",
            attributes);
    assertThat(CsvEvents.HEADER)
        .isEqualTo("timestamp,level,service,stream,id,message,attributes\r\n");
    assertThat(CsvEvents.line(event))
        .isEqualTo(
            "2024-05-01T10:00:00.000000042Z,ERROR,api,run-1,e-1,'=cmd|' /C calc'!A0,"
                + "\"{\"\"http.status\"\":\"\"500\"\",\"\"note\"\":\"\"a,\\\"\"b\\\"\"\"\"}\"\r\n");
  }
}
