package io.devlogs.query.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.alerts.Connections;
import io.devlogs.query.alerts.RuleRequest;
import io.devlogs.query.alerts.RuleStore;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier end to end: transitions produced to a Kafka topic of this run on the stack's broker,
 * read by the real {@link AlertNotifier} (read_committed, its own group), delivered to a local
 * webhook receiver (JDK HttpServer) and a real SMTP server (GreenMail), with deliveries and dead
 * letters in the stack's PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class NotifierIT {
  /** Ports of this work's range (26200-26299). */
  private static final int WEBHOOK_PORT = 26210;

  private static final int SMTP_PORT = 26211;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  private final LocalStack stack;
  private final TestProjects projects;
  private final Connections db;
  private final NotificationStore store;
  private final RuleStore rules;
  private final String topic;
  private LocalWebhookReceiver webhooks;
  private KafkaProducer<String, byte[]> producer;
  private AlertNotifier notifier;
  private TransitionNotifier transitions;
  private TestProject project;

  NotifierIT(LocalStack stack) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
    ProjectsDatabase database = ProjectsDatabase.connect(stack.settings());
    this.db = database::openConnection;
    this.store = new NotificationStore(db);
    this.rules = new RuleStore(db);
    this.topic = stack.uniqueName("alr-alerts");
  }

  @BeforeAll
  void start() throws Exception {
    webhooks = new LocalWebhookReceiver(WEBHOOK_PORT);
    project = projects.create("alr-notify");
    String bootstrap = stack.get(KafkaKeys.BOOTSTRAP_SERVERS);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(props);

    NotifyOptions options =
        new NotifyOptions(
            true,
            bootstrap,
            topic,
            stack.uniqueName("alr-notifier"),
            new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)),
            Duration.ofSeconds(5),
            "127.0.0.1",
            SMTP_PORT,
            "alerts@devlogs.test");
    NotifierMetrics metrics = NotifierMetrics.unregistered();
    transitions =
        new TransitionNotifier(
            store,
            options.deliveries(Clock.systemUTC()),
            options.retries(),
            TransitionNotifier.Pause.SLEEP,
            metrics);
    notifier = new AlertNotifier(options, transitions, metrics).start();
  }

  @AfterAll
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (webhooks != null) {
      webhooks.close();
    }
  }

  @Test
  void aFiringTransitionReachesTheWebhookSignedAndTheMailbox() throws Exception {
    Receiver hook = webhook("/signed");
    Receiver mail =
        store.create(
            project.id(),
            new NotificationStore.NewReceiver(
                "on call", ReceiverKind.EMAIL, "oncall@devlogs.test", "", "0123456789abcdef"));
    String ruleId = rule(hook.id(), mail.id());
    AlertTransition firing =
        Transitions.of(project.id(), ruleId, AlertState.FIRING, AlertState.PENDING, 2);
    send(firing);

    LocalWebhookReceiver.Received request = awaitRequests("/signed", 1).get(0);
    long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
    assertThat(
            WebhookSignature.verify(
                hook.secret(),
                timestamp,
                request.body(),
                request.header(WebhookSignature.SIGNATURE_HEADER)))
        .isTrue();
    assertThat(request.header(WebhookSignature.IDEMPOTENCY_HEADER))
        .isEqualTo(firing.idempotencyKey());
    assertThat(AlertTransitionJson.read(request.body())).isEqualTo(firing);

    Poll.until(WAIT, () -> MAIL.getReceivedMessages().length >= 1, "the alert e-mail arrives");
    MimeMessage message = MAIL.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[FIRING] card declines (critical)");
    assertThat(message.getHeader(EmailDelivery.IDEMPOTENCY_HEADER)[0])
        .isEqualTo(firing.idempotencyKey());
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("oncall@devlogs.test");
    assertThat((String) message.getContent()).contains(firing.summary());
    Poll.until(
        WAIT,
        () -> store.handled(firing.idempotencyKey(), mail.id()),
        "the e-mail's delivery is recorded");
    assertThat(store.failures(project.id(), 10)).isEmpty();
  }

  @Test
  void aFailingReceiverIsRetriedUntilItAnswers() throws Exception {
    webhooks.script("/flaky", n -> n <= 2 ? 503 : 200);
    Receiver hook = webhook("/flaky");
    String ruleId = rule(hook.id());
    AlertTransition firing =
        Transitions.of(project.id(), ruleId, AlertState.FIRING, AlertState.PENDING, 2);
    send(firing);

    List<LocalWebhookReceiver.Received> attempts = awaitRequests("/flaky", 3);
    assertThat(attempts)
        .extracting(r -> r.header(WebhookSignature.IDEMPOTENCY_HEADER))
        .containsOnly(firing.idempotencyKey());
    Poll.until(
        WAIT, () -> store.handled(firing.idempotencyKey(), hook.id()), "the delivery is recorded");
    assertThat(store.failures(project.id(), 100))
        .noneMatch(f -> f.idempotencyKey().equals(firing.idempotencyKey()));
  }

  @Test
  void aReceiverThatNeverAnswersGetsItsNotificationDeadLettered() throws Exception {
    webhooks.script("/down", n -> 500);
    Receiver hook = webhook("/down");
    String ruleId = rule(hook.id());
    AlertTransition resolved =
        Transitions.of(project.id(), ruleId, AlertState.RESOLVED, AlertState.FIRING, 3);
    send(resolved);

    List<NotificationStore.Failure> failures =
        Poll.until(
            WAIT,
            () -> store.failures(project.id(), 100),
            list ->
                list.stream().anyMatch(f -> f.idempotencyKey().equals(resolved.idempotencyKey())),
            "the notification is dead-lettered");
    NotificationStore.Failure failure =
        failures.stream()
            .filter(f -> f.idempotencyKey().equals(resolved.idempotencyKey()))
            .findFirst()
            .orElseThrow();
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.lastError()).contains("answered 500");
    assertThat(failure.state()).isEqualTo("resolved");
    assertThat(failure.receiverName()).isEqualTo("/down");
    assertThat(
            AlertTransitionJson.read(
                failure.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(resolved);
    assertThat(webhooks.received("/down")).hasSize(3);
  }

  @Test
  void aRepeatedTransitionCarriesTheSameKeyAndIsDeliveredOnce() throws Exception {
    Receiver hook = webhook("/repeat");
    String ruleId = rule(hook.id());
    AlertTransition firing =
        Transitions.of(project.id(), ruleId, AlertState.FIRING, AlertState.PENDING, 2);
    AlertTransition resolved =
        Transitions.of(project.id(), ruleId, AlertState.RESOLVED, AlertState.FIRING, 3);
    // The job's transaction replayed: the same transition twice, then the next one.
    send(firing);
    send(firing);
    send(resolved);
    List<LocalWebhookReceiver.Received> received = awaitRequests("/repeat", 2);
    assertThat(received)
        .extracting(r -> r.header(WebhookSignature.IDEMPOTENCY_HEADER))
        .containsExactly(firing.idempotencyKey(), resolved.idempotencyKey());

    // A crash between the receiver's answer and the delivery's record sends it again: with the
    // same key and the same body, so the receiver can drop it.
    transitions.deliver(hook, UUID.fromString(ruleId), firing);
    List<LocalWebhookReceiver.Received> again = awaitRequests("/repeat", 3);
    assertThat(again.get(2).header(WebhookSignature.IDEMPOTENCY_HEADER))
        .isEqualTo(again.get(0).header(WebhookSignature.IDEMPOTENCY_HEADER));
    assertThat(again.get(2).body()).isEqualTo(again.get(0).body());
  }

  private Receiver webhook(String path) {
    return store.create(
        project.id(),
        new NotificationStore.NewReceiver(
            path, ReceiverKind.WEBHOOK, webhooks.url(path), "", "secret-" + UUID.randomUUID()));
  }

  /** A stored match_count rule of the project that notifies these receivers. */
  private String rule(UUID... receivers) {
    StringBuilder ids = new StringBuilder();
    for (UUID id : receivers) {
      ids.append(ids.length() == 0 ? "" : ", ").append('"').append(id).append('"');
    }
    String body =
        "{\"name\": \"card declines\", \"kind\": \"match_count\", \"definition\":"
            + " {\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 300, \"op\": \">\","
            + " \"threshold\": 10}, \"severity\": \"critical\", \"receivers\": ["
            + ids
            + "]}";
    return rules
        .create(
            project.id(),
            RuleRequest.parse(body, project.id(), "00000000-0000-0000-0000-000000000000", 1))
        .rule()
        .id();
  }

  private void send(AlertTransition transition) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topic, transition.project(), AlertTransitionJson.write(transition)))
        .get();
  }

  private List<LocalWebhookReceiver.Received> awaitRequests(String path, int count) {
    return Poll.until(
        WAIT,
        () -> webhooks.received(path),
        list -> list.size() >= count,
        count + " requests to " + path);
  }
}
