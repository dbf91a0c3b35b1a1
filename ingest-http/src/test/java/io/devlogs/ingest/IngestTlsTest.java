package io.devlogs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.tls.ClientAuth;
import io.devlogs.ingest.tls.TestCertificates;
import io.devlogs.ingest.tls.TestCertificates.Authority;
import io.devlogs.ingest.tls.TestCertificates.Identity;
import io.devlogs.ingest.tls.TlsOptions;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and mutual TLS on the ingest port, with certificates generated here. */
class IngestTlsTest {

  private static final String KEY_A = "dl_ingest_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String KEY_B = "dl_ingest_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final Map<String, ProjectKey> KEYS =
      Map.of(
          KEY_A, new ProjectKey("p_a", Scope.INGEST),
          KEY_B, new ProjectKey("p_b", Scope.INGEST));

  @TempDir static Path dir;
  private static Authority ca;
  private static Authority otherCa;
  private static Identity server;
  private static Identity clientA;
  private static Identity strangerClient;

  private final RecordingEventSink sink = new RecordingEventSink();
  private Javalin app;

  @BeforeAll
  static void certificates() {
    ca = Authority.create("devlogs test CA");
    otherCa = Authority.create("someone else's CA");
    server = ca.server(dir);
    clientA = ca.client(dir, "CN=p_a,O=devlogs shippers");
    strangerClient = otherCa.client(dir, "CN=p_a");
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private URI start(ClientAuth clientAuth) {
    TlsOptions tls =
        new TlsOptions(
            server.keystore(),
            TestCertificates.PASSWORD,
            clientAuth,
            clientAuth == ClientAuth.NONE ? null : ca.truststore(dir),
            clientAuth == ClientAuth.NONE ? null : TestCertificates.PASSWORD);
    app =
        IngestServer.createApp(
            IngestOptions.defaults().withAddress("127.0.0.1", 0).withTls(tls),
            TestDeps.of(key -> Optional.ofNullable(KEYS.get(key)), sink));
    app.start("127.0.0.1", 0);
    return URI.create("https://localhost:" + app.port() + "/v1/logs");
  }

  private static HttpResponse<String> post(HttpClient client, URI uri, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"over tls\"}\n"));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void httpsWithABearerKeyIsAcceptedAndPlainHttpIsRefused() throws Exception {
    URI https = start(ClientAuth.NONE);

    HttpResponse<String> response = post(TestCertificates.httpClient(ca, null), https, KEY_A);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(sink.batches).extracting(EventBatch::projectId).containsExactly("p_a");

    URI plain = URI.create("http://localhost:" + app.port() + "/v1/logs");
    assertThatThrownBy(() -> post(HttpClient.newHttpClient(), plain, KEY_A))
        .as("plain HTTP on the TLS port")
        .isInstanceOf(IOException.class);
    assertThat(sink.batches).hasSize(1);
  }

  @Test
  void aClientThatDoesNotTrustTheServerCertificateCannotConnect() {
    URI https = start(ClientAuth.NONE);
    assertThatThrownBy(() -> post(TestCertificates.httpClient(otherCa, null), https, KEY_A))
        .isInstanceOf(IOException.class);
    assertThat(sink.batches).isEmpty();
  }

  @Test
  void requiredClientCertificateMapsToItsProjectWithoutAKey() throws Exception {
    URI https = start(ClientAuth.REQUIRED);

    HttpResponse<String> response = post(TestCertificates.httpClient(ca, clientA), https, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(sink.batches).extracting(EventBatch::projectId).containsExactly("p_a");

    HttpResponse<String> withOwnKey = post(TestCertificates.httpClient(ca, clientA), https, KEY_A);
    assertThat(withOwnKey.statusCode()).isEqualTo(200);

    HttpResponse<String> withOtherProjectsKey =
        post(TestCertificates.httpClient(ca, clientA), https, KEY_B);
    assertThat(withOtherProjectsKey.statusCode()).isEqualTo(403);
    assertThat(withOtherProjectsKey.body()).contains("different projects");
    assertThat(sink.batches).extracting(EventBatch::projectId).containsExactly("p_a", "p_a");
  }

  @Test
  void requiredClientCertificateRefusesNoCertificateAndUntrustedOnes() {
    URI https = start(ClientAuth.REQUIRED);

    assertThatThrownBy(() -> post(TestCertificates.httpClient(ca, null), https, KEY_A))
        .as("no client certificate, even with a valid key")
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post(TestCertificates.httpClient(ca, strangerClient), https, KEY_A))
        .as("a client certificate of an untrusted CA")
        .isInstanceOf(IOException.class);
    assertThat(sink.batches).isEmpty();
  }

  @Test
  void optionalClientCertificateLetsKeyOnlyClientsIn() throws Exception {
    URI https = start(ClientAuth.OPTIONAL);

    assertThat(post(TestCertificates.httpClient(ca, null), https, KEY_B).statusCode())
        .isEqualTo(200);
    assertThat(post(TestCertificates.httpClient(ca, null), https, null).statusCode())
        .as("neither a certificate nor a key")
        .isEqualTo(401);
    assertThat(post(TestCertificates.httpClient(ca, clientA), https, null).statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> post(TestCertificates.httpClient(ca, strangerClient), https, null))
        .as("an untrusted certificate fails the handshake even when optional")
        .isInstanceOf(IOException.class);
    assertThat(sink.batches).extracting(EventBatch::projectId).containsExactly("p_b", "p_a");
  }

  @Test
  void aTrustedCertificateWithoutAProjectCnIs403() throws Exception {
    URI https = start(ClientAuth.REQUIRED);
    Identity noProject = ca.client(dir, "O=devlogs shippers");
    Identity badCn = ca.client(dir, "CN=not a project id");

    HttpResponse<String> missing = post(TestCertificates.httpClient(ca, noProject), https, null);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("has no CN naming the project");
    HttpResponse<String> bad = post(TestCertificates.httpClient(ca, badCn), https, null);
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).contains("'not a project id' is not a project id");
    assertThat(sink.batches).isEmpty();
  }
}
