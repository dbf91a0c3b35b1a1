package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.testing.Poll;
import io.javalin.testtools.JavalinTest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * End to end without changing the Flink job: text, OTLP and Loki requests go through this ingest
 * code into the local stack's raw topic, and the job already running on the local Flink cluster
 * stores them in ClickHouse with the level, service, stream, message and attributes each format
 * carries. Needs the stack of {@code bin/devlogs up} (its job reads {@code kafka.raw-topic}).
 */
class FormatsPipelineIT {

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(120);
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private static ApiKeyStore keyStore;
  private static Project project;
  private static String ingestKey;

  @BeforeAll
  static void createProject() {
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    keyStore = new ApiKeyStore(database);
    project = new ProjectStore(database).createProject("formats-it-" + UUID.randomUUID());
    ingestKey = keyStore.issueKey(project.id(), Scope.INGEST);
  }

  @Test
  void textOtlpAndLokiEventsReachClickHouseThroughTheUnchangedJob() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    long nowNanos = Instant.now().toEpochMilli() * 1_000_000L;
    String text =
        "level=error msg=\"charge failed "
            + run
            + "\"\n"
            + "java.lang.IllegalStateException: card expired\n"
            + "\tat shop.Billing.charge(Billing.java:42)\n";
    ExportLogsServiceRequest otlp =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(attribute("service.name", "checkout"))
                            .addAttributes(attribute("deployment.environment", "it")))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                LogRecord.newBuilder()
                                    .setTimeUnixNano(nowNanos)
                                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
                                    .setBody(AnyValue.newBuilder().setStringValue("otlp " + run))
                                    .setTraceId(
                                        ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID))))))
            .build();
    String loki =
        "{\"streams\":[{\"stream\":{\"service_name\":\"api\",\"level\":\"debug\",\"pod\":\"p-1\"},"
            + "\"values\":[[\""
            + nowNanos
            + "\",\"loki "
            + run
            + "\"]]}]}";

    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(10));
    try (KafkaEventSink sink =
        KafkaEventSink.create(
            SETTINGS.get(KafkaKeys.BOOTSTRAP_SERVERS), SETTINGS.get(KafkaKeys.RAW_TOPIC))) {
      JavalinTest.test(
          IngestServer.createApp(IngestOptions.defaults(), TestDeps.of(keys::authenticate, sink)),
          (server, client) -> {
            Response textAnswer =
                client.request(
                    "/v1/logs?stream=run-" + run + "&service=billing",
                    b ->
                        b.header("Authorization", "Bearer " + ingestKey)
                            .post(
                                okhttp3.RequestBody.create(
                                    text.getBytes(UTF_8), okhttp3.MediaType.get("text/plain"))));
            assertThat(textAnswer.code()).as(textAnswer.body().string()).isEqualTo(200);
            Response otlpAnswer =
                client.request(
                    "/v1/logs",
                    b ->
                        b.header("Authorization", "Bearer " + ingestKey)
                            .post(
                                okhttp3.RequestBody.create(
                                    otlp.toByteArray(),
                                    okhttp3.MediaType.get("application/x-protobuf"))));
            assertThat(otlpAnswer.code()).isEqualTo(200);
            Response lokiAnswer =
                client.request(
                    "/loki/api/v1/push",
                    b ->
                        b.header("Authorization", "Bearer " + ingestKey)
                            .post(
                                okhttp3.RequestBody.create(
                                    loki.getBytes(UTF_8),
                                    okhttp3.MediaType.get("application/json"))));
            assertThat(lokiAnswer.code()).isEqualTo(204);
          });
    }

    Map<String, StoredEvent> stored = pollStoredEvents(project.id(), 3);
    StoredEvent textEvent = stored.get("charge failed " + run);
    assertThat(textEvent).as("text event in %s", stored.keySet()).isNotNull();
    assertThat(textEvent.level).isEqualTo("ERROR");
    assertThat(textEvent.service).isEqualTo("billing");
    assertThat(textEvent.stream).isEqualTo("run-" + run);
    assertThat(textEvent.fullMessage)
        .as("the stack trace stays with its line")
        .contains("card expired", "Billing.java:42");

    StoredEvent otlpEvent = stored.get("otlp " + run);
    assertThat(otlpEvent.level).isEqualTo("WARN");
    assertThat(otlpEvent.service).isEqualTo("checkout");
    assertThat(otlpEvent.attributes)
        .containsEntry("trace_id", TRACE_ID)
        .containsEntry("deployment.environment", "it");

    StoredEvent lokiEvent = stored.get("loki " + run);
    assertThat(lokiEvent.level).isEqualTo("DEBUG");
    assertThat(lokiEvent.service).isEqualTo("api");
    assertThat(lokiEvent.attributes).containsEntry("pod", "p-1");
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** One stored row; keyed by the first line of its message. */
  private record StoredEvent(
      String level,
      String service,
      String stream,
      String fullMessage,
      Map<String, String> attributes) {}

  private static Map<String, StoredEvent> pollStoredEvents(String projectId, int count)
      throws SQLException, InterruptedException {
    String url = SETTINGS.get(ClickHouseKeys.URL);
    Properties properties = new Properties();
    properties.setProperty("user", SETTINGS.get(ClickHouseKeys.USER));
    properties.setProperty("password", SETTINGS.get(ClickHouseKeys.PASSWORD));
    // ClickHouse 18.16 answers compressed requests with an empty body.
    ClickHouseDataSource clickHouse =
        new ClickHouseDataSource(
            url + (url.contains("?") ? "&" : "?") + "compress=false", properties);
    Map<String, StoredEvent> events =
        Poll.latest(ARRIVAL_TIMEOUT, () -> read(clickHouse, projectId), e -> e.size() >= count);
    assertThat(events)
        .as("events of project %s within %s", projectId, ARRIVAL_TIMEOUT)
        .hasSize(count);
    return events;
  }

  private static Map<String, StoredEvent> read(ClickHouseDataSource clickHouse, String projectId)
      throws SQLException {
    Map<String, StoredEvent> events = new LinkedHashMap<>();
    try (Connection c = clickHouse.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT toString(level), service, stream, message, attr_keys, attr_values"
                    + " FROM events WHERE project = ?")) {
      s.setString(1, projectId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String[] keys = (String[]) rs.getArray(5).getArray();
          String[] values = (String[]) rs.getArray(6).getArray();
          Map<String, String> attributes = new LinkedHashMap<>();
          for (int i = 0; i < keys.length; i++) {
            attributes.put(keys[i], values[i]);
          }
          String message = rs.getString(4);
          events.put(
              message.split("\n", 2)[0],
              new StoredEvent(
                  rs.getString(1), rs.getString(2), rs.getString(3), message, attributes));
        }
      }
    }
    return events;
  }
}
