package io.devlogs.ingest.admin;

import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.http.ApiException;
import io.devlogs.ingest.auth.Authenticator;
import io.devlogs.ingest.auth.RequestAuthenticator;
import io.devlogs.ingest.deadletters.DeadLetterStore;
import io.devlogs.ingest.deadletters.ReplayPlan;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/admin/dead-letters/replay} with an admin key: sends the project's chosen dead
 * letters (from ClickHouse {@code dead_letters}, see {@link ReplayRequest} for the choice) through
 * ingest's sink again, each as the one-event request it first was ({@link ReplayPlan}), so that a
 * replayed event keeps its id and replaying twice stores it once. The project is the key's: another
 * project's dead letters are never selected, whatever ids the body names.
 *
 * <p>Answers 200 {@code {"projectId", "selected", "replayed", "skipped", "dryRun", "letters":
 * [{"id", "cause", "outcome": "replayed"|"would replay"|"skipped", "reason"?}]}} once Kafka
 * acknowledged every replayed record; 503 with {@code Retry-After} when ClickHouse or Kafka cannot
 * be reached (nothing is lost: a replay can be repeated).
 */
public final class DeadLetterReplayApi {

  public static final String PATH = "/v1/admin/dead-letters/replay";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayApi.class);

  private final RequestAuthenticator auth;
  private final DeadLetterStore store;
  private final ReplayPlan plan;
  private final EventSink sink;
  private final Duration sendTimeout;
  private final Clock clock;

  public DeadLetterReplayApi(
      Authenticator authenticator,
      DeadLetterStore store,
      ReplayPlan plan,
      EventSink sink,
      Duration sendTimeout,
      Clock clock) {
    this.auth = new RequestAuthenticator(authenticator);
    this.store = Objects.requireNonNull(store, "store");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code POST /v1/admin/dead-letters/replay}. */
  public void replay(Context ctx) {
    ProjectKey key = auth.require(ctx, Scope.ADMIN);
    String projectId = key.projectId();
    ReplayRequest.Replay request = ReplayRequest.parse(ctx.bodyAsBytes(), clock.instant());
    List<DeadLetterRow> letters;
    try {
      letters = store.select(projectId, request.selection());
    } catch (IllegalStateException e) {
      LOG.warn("Dead letters of {} not readable: {}", projectId, e.getMessage());
      throw ApiException.unavailable(
          "clickhouse", "dead letters not readable (ClickHouse unavailable), retry later");
    }
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    List<Map<String, Object>> outcomes = new ArrayList<>();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    int replayed = 0;
    for (DeadLetterRow letter : letters) {
      ReplayPlan.Decision decision = plan.decide(projectId, letter);
      Map<String, Object> outcome = new LinkedHashMap<>();
      outcome.put("id", letter.id());
      outcome.put("cause", letter.cause());
      if (decision instanceof ReplayPlan.Replay replay) {
        outcome.put("outcome", request.dryRun() ? "would replay" : "replayed");
        if (!request.dryRun()) {
          sends.add(sink.send(replay.batch()));
        }
        replayed++;
      } else if (decision instanceof ReplayPlan.Skip skip) {
        outcome.put("outcome", "skipped");
        outcome.put("reason", skip.reason());
      }
      outcomes.add(outcome);
    }
    await(sends, deadline);
    LOG.info(
        "Dead letters of {}: {} selected, {} {}",
        projectId,
        letters.size(),
        replayed,
        request.dryRun() ? "would be replayed (dry run)" : "replayed");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projectId", projectId);
    body.put("dryRun", request.dryRun());
    body.put("selected", letters.size());
    body.put("replayed", request.dryRun() ? 0 : replayed);
    body.put("skipped", letters.size() - replayed);
    body.put("letters", outcomes);
    ctx.json(body);
  }

  private void await(List<CompletableFuture<Void>> sends, long deadlineNanos) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Kafka did not acknowledge replayed dead letters: {}", e.toString());
      throw ApiException.unavailable(
          "kafka", "dead letters not replayed (Kafka unavailable), retry later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("kafka", "server shutting down, retry later");
    }
  }
}
