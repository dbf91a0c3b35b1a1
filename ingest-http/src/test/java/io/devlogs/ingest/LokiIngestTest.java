package io.devlogs.ingest;

import static io.devlogs.ingest.FormatsTestApp.json;
import static io.devlogs.ingest.FormatsTestApp.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.airlift.compress.snappy.SnappyCompressor;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.ingest.loki.logproto.EntryAdapter;
import io.devlogs.ingest.loki.logproto.LabelPairAdapter;
import io.devlogs.ingest.loki.logproto.PushRequest;
import io.devlogs.ingest.loki.logproto.StreamAdapter;
import io.javalin.testtools.JavalinTest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The Loki push API as Promtail / Alloy / Vector send it: JSON per Loki's HTTP API documentation,
 * and snappy-compressed protobuf built with classes generated from Loki's {@code push.proto}.
 */
class LokiIngestTest {

  private static final String PATH = "/loki/api/v1/push";

  private final FormatsTestApp app = new FormatsTestApp(IngestLimits.DEFAULT);

  @Test
  void jsonPushMapsLabelsMetadataAndService() {
    String body =
        """
        {"streams": [
          {"stream": {"service_name": "api", "app": "shop", "env": "prod", "level": "warn", "id": "x"},
           "values": [
             ["1740830400123456789", "GET /health 200"],
             ["1740830401000000000", "slow query", {"trace_id": "abc", "user": "u1"}]
           ]},
          {"stream": {"job": "varlogs"}, "values": [["1740830402000000000", "kernel: hi"]]}
        ]}
        """;
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response = post(client, PATH, "application/json", body);
          assertThat(response.code()).isEqualTo(204);
          List<JsonNode> events = app.jsonEvents();
          assertThat(events).hasSize(3);
          JsonNode first = events.get(0);
          assertThat(first.get("ts").asLong()).isEqualTo(1740830400123456789L);
          assertThat(first.get("message").asText()).isEqualTo("GET /health 200");
          assertThat(first.get("service").asText()).isEqualTo("api");
          assertThat(first.get("level").asText()).isEqualTo("warn");
          assertThat(first.has("attr.level")).as("a level label is the level").isFalse();
          assertThat(first.get("app").asText()).as("app keeps its name").isEqualTo("shop");
          assertThat(first.has("attr.app")).isFalse();
          assertThat(first.get("env").asText()).isEqualTo("prod");
          assertThat(first.get("attr.id").asText()).isEqualTo("x");
          assertThat(first.has("id")).isFalse();
          assertThat(events.get(1).get("trace_id").asText())
              .as("trace_id metadata is the trace id")
              .isEqualTo("abc");
          assertThat(events.get(1).get("user").asText()).isEqualTo("u1");
          assertThat(events.get(2).get("service").asText()).isEqualTo("varlogs");
        });
  }

  @Test
  void snappyProtobufPushIsRead() {
    PushRequest request =
        PushRequest.newBuilder()
            .addStreams(
                StreamAdapter.newBuilder()
                    .setLabels("{app=\"shop\", path=\"C:\\\\logs\", quote=\"say \\\"hi\\\"\"}")
                    .addEntries(
                        EntryAdapter.newBuilder()
                            .setTimestamp(Timestamp.newBuilder().setSeconds(1740830400).setNanos(5))
                            .setLine("order placed")
                            .addStructuredMetadata(
                                LabelPairAdapter.newBuilder().setName("user").setValue("u9")))
                    .addEntries(
                        EntryAdapter.newBuilder()
                            .setTimestamp(Timestamp.newBuilder().setSeconds(1740830401))
                            .setLine("order shipped")))
            .build();
    byte[] compressed = snappy(request.toByteArray());
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response =
              client.request(
                  PATH,
                  b ->
                      b.header(
                              "Authorization",
                              "Basic "
                                  + Base64.getEncoder()
                                      .encodeToString(
                                          ("tenant:" + FormatsTestApp.KEY).getBytes(UTF_8)))
                          .post(
                              RequestBody.create(
                                  compressed, MediaType.get("application/x-protobuf"))));
          assertThat(response.code()).isEqualTo(204);
          List<JsonNode> events = app.jsonEvents();
          assertThat(events).hasSize(2);
          assertThat(events.get(0).get("ts").asLong()).isEqualTo(1740830400_000000005L);
          assertThat(events.get(0).get("message").asText()).isEqualTo("order placed");
          assertThat(events.get(0).get("service").asText()).isEqualTo("shop");
          assertThat(events.get(0).get("path").asText()).isEqualTo("C:\\logs");
          assertThat(events.get(0).get("quote").asText()).isEqualTo("say \"hi\"");
          assertThat(events.get(0).get("user").asText()).isEqualTo("u9");
          assertThat(events.get(1).get("message").asText()).isEqualTo("order shipped");
        });
  }

  @Test
  void badEntriesAreRejectedWhileTheOthersAreAccepted() {
    String body =
        """
        {"streams": [{"stream": {"app": "a"}, "values": [
          ["1740830400000000000", "fine"],
          [1740830400000000000, "number timestamp"],
          ["1740830400000000000", 42],
          ["1740830400000000000", "meta", {"k": 1}],
          "not an array"
        ]}]}
        """;
    JavalinTest.test(
        app.app,
        (server, client) -> {
          Response response = post(client, PATH, "application/json", body);
          assertThat(response.code()).isEqualTo(400);
          JsonNode answer = json(response);
          assertThat(answer.get("accepted").asInt()).isEqualTo(1);
          assertThat(answer.get("rejected").asInt()).isEqualTo(4);
          JsonNode problems = answer.get("detail").get("problems");
          assertThat(problems.get(0).get("record").asInt()).isEqualTo(1);
          assertThat(problems.get(0).get("problem").asText()).contains("timestamp");
          assertThat(problems.get(1).get("problem").asText()).contains("log line must be a string");
          assertThat(problems.get(2).get("problem").asText()).contains("structured metadata");
          assertThat(problems.get(3).get("record").asInt()).isEqualTo(4);
          assertThat(app.sink.events()).hasSize(1);
        });
  }

  @Test
  void malformedPushesAre400AndWriteNothing() {
    byte[] validProto =
        snappy(
            PushRequest.newBuilder()
                .addStreams(
                    StreamAdapter.newBuilder()
                        .setLabels("{app=\"x\"}")
                        .addEntries(EntryAdapter.newBuilder().setLine("l")))
                .build()
                .toByteArray());
    byte[] badLabels =
        snappy(
            PushRequest.newBuilder()
                .addStreams(
                    StreamAdapter.newBuilder()
                        .setLabels("app=x")
                        .addEntries(EntryAdapter.newBuilder().setLine("l")))
                .build()
                .toByteArray());
    JavalinTest.test(
        app.app,
        (server, client) -> {
          for (String body :
              List.of(
                  "{\"streams\": {}}",
                  "[1]",
                  "{\"streams\": [{\"stream\": \"a\", \"values\": []}]}",
                  "{bad")) {
            Response response = post(client, PATH, "application/json", body);
            assertThat(response.code()).as(body).isEqualTo(400);
          }
          Response notSnappy =
              post(client, PATH, "application/x-protobuf", "not snappy".getBytes(UTF_8), Map.of());
          assertThat(notSnappy.code()).isEqualTo(400);
          Response truncated =
              post(
                  client,
                  PATH,
                  "application/x-protobuf",
                  Arrays.copyOf(validProto, validProto.length - 3),
                  Map.of());
          assertThat(truncated.code()).isEqualTo(400);
          Response labels = post(client, PATH, "application/x-protobuf", badLabels, Map.of());
          assertThat(labels.code()).isEqualTo(400);
          assertThat(json(labels).get("message").asText()).contains("stream labels");
          assertThat(app.sink.batches).isEmpty();
        });
  }

  @Test
  void snappyBombIsRefusedBeforeDecompressing() {
    FormatsTestApp small = new FormatsTestApp(new IngestLimits(100_000, 500, 50_000));
    byte[] bomb = snappy(new byte[1_000_000]);
    assertThat(bomb.length).isLessThan(100_000);
    JavalinTest.test(
        small.app,
        (server, client) -> {
          Response response = post(client, PATH, "application/x-protobuf", bomb, Map.of());
          assertThat(response.code()).isEqualTo(413);
          assertThat(json(response).get("message").asText())
              .contains("50000 bytes once decompressed");
        });
  }

  static byte[] snappy(byte[] data) {
    SnappyCompressor compressor = new SnappyCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(data.length)];
    int n = compressor.compress(data, 0, data.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }
}
