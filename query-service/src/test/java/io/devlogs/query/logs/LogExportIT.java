package io.devlogs.query.logs;

import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.TestProject;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.testtools.JavalinTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streamed export of more than 10,000 rows as NDJSON and CSV from the real ClickHouse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LogExportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 12_345;

  /** Messages that need CSV quoting or formula neutralising, cycled through the rows. */
  private static final List<String> MESSAGES =
      List.of(
          "plain message",
          "comma, inside",
          "quote \" inside",
          "line\nbreak",
          "=HYPERLINK(\"http://evil\",\"x\")",
          "-1+1",
          "@SUM(A1)",
          "ünïcødé 😀");

  private final LocalStack stack;
  private final Settings settings;
  private final Instant start =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
  private final String range = range(start, start.plus(Duration.ofMinutes(30)));
  private ProjectsDatabase database;
  private ApiKeyStore keyStore;
  private TestProject project;

  LogExportIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
  }

  @BeforeAll
  void seed() {
    database = ProjectsDatabase.connect(settings);
    keyStore = new ApiKeyStore(database);
    project = TestProject.create(database, stack.uniqueName("it-export"));
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(
          new EventRow(
              project.id(),
              String.format("x-%05d", i),
              start.plusMillis(i * 100L).plusNanos(i),
              i % 5 == 0 ? "ERROR" : "INFO",
              "svc-" + (i % 3),
              "run",
              MESSAGES.get(i % MESSAGES.size()) + " #" + i,
              Map.of("n", Integer.toString(i))));
    }
    new ClickHouseRows(settings).insert(rows);
  }

  private interface BodyCheck {
    void check(Response response, Reader body) throws IOException;
  }

  private void export(String query, BodyCheck check) {
    JavalinTest.test(
        LocalQueryApp.create(settings, keyStore),
        (server, client) -> {
          try (Response response =
              client.get(
                  "/v1/logs/export?" + query,
                  r -> r.header("Authorization", "Bearer " + project.queryKey()))) {
            assertThat(response.code()).isEqualTo(200);
            check.check(
                response,
                new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
          }
        });
  }

  @Test
  void ndjsonHasEveryRowNewestFirst() {
    export(
        range + "&format=ndjson&limit=1000000",
        (response, body) -> {
          assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
          assertThat(response.header("Content-Disposition"))
              .isEqualTo("attachment; filename=\"devlogs-export.ndjson\"");
          BufferedReader lines = new BufferedReader(body);
          int expected = ROWS - 1;
          String line;
          while ((line = lines.readLine()) != null) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("id").asText()).isEqualTo(String.format("x-%05d", expected));
            if (expected == 4) {
              assertThat(event.path("timestamp").asText())
                  .isEqualTo(JsonMapping.timestamp(start.plusMillis(400).plusNanos(4)));
              assertThat(event.path("message").asText())
                  .isEqualTo("=HYPERLINK(\"http://evil\",\"x\") #4");
              assertThat(event.path("attributes").path("n").asText()).isEqualTo("4");
            }
            expected--;
          }
          assertThat(expected).as("rows missing").isEqualTo(-1);
        });
  }

  @Test
  void csvHasEveryRowQuotedAndNeutralised() {
    export(
        range + "&format=csv&limit=1000000",
        (response, body) -> {
          assertThat(response.header("Content-Type")).startsWith("text/csv");
          assertThat(response.header("Content-Disposition"))
              .isEqualTo("attachment; filename=\"devlogs-export.csv\"");
          List<List<String>> records = Rfc4180.parse(body);
          assertThat(records.get(0))
              .containsExactly(
                  "timestamp", "level", "service", "stream", "id", "message", "attributes");
          assertThat(records).hasSize(ROWS + 1);
          for (int row = 1; row <= ROWS; row++) {
            int i = ROWS - row;
            List<String> cells = records.get(row);
            assertThat(cells).hasSize(7);
            assertThat(cells.get(4)).isEqualTo(String.format("x-%05d", i));
            String message = MESSAGES.get(i % MESSAGES.size()) + " #" + i;
            boolean formula = "=-@".indexOf(message.charAt(0)) >= 0;
            assertThat(cells.get(5)).isEqualTo(formula ? "'" + message : message);
            assertThat(JSON.readTree(cells.get(6)).path("n").asText())
                .isEqualTo(Integer.toString(i));
          }
          List<String> first = records.get(1);
          assertThat(first.get(0))
              .isEqualTo(
                  JsonMapping.timestamp(start.plusMillis((ROWS - 1) * 100L).plusNanos(ROWS - 1)));
          assertThat(first.get(1)).isIn("ERROR", "INFO");
        });
  }

  @Test
  void limitAndFiltersBoundTheExport() {
    export(
        range + "&limit=10001",
        (response, body) -> assertThat(new BufferedReader(body).lines().count()).isEqualTo(10_001));
    export(
        range + "&level=error&format=csv",
        (response, body) -> assertThat(Rfc4180.parse(body)).hasSize((ROWS + 4) / 5 + 1));
  }

  /** A strict RFC 4180 reader for the test: CRLF records, quoted cells may hold anything. */
  static final class Rfc4180 {
    static List<List<String>> parse(Reader in) throws IOException {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      int c;
      while ((c = in.read()) != -1) {
        if (quoted) {
          if (c == '"') {
            int next = in.read();
            if (next == '"') {
              cell.append('"');
            } else {
              quoted = false;
              if (next == -1) {
                break;
              }
              c = next;
            }
          } else {
            cell.append((char) c);
          }
          if (quoted) {
            continue;
          }
        }
        if (c == '"' && cell.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          record.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\r') {
          if (in.read() != '\n') {
            throw new AssertionError("CR without LF");
          }
          record.add(cell.toString());
          cell.setLength(0);
          records.add(record);
          record = new ArrayList<>();
        } else if (c == '\n') {
          throw new AssertionError("bare LF outside quotes after " + records.size() + " records");
        } else if (c != '"') {
          cell.append((char) c);
        }
      }
      if (!record.isEmpty() || cell.length() > 0) {
        throw new AssertionError("last record not terminated by CRLF");
      }
      return records;
    }
  }
}
