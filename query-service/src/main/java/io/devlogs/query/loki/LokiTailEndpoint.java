package io.devlogs.query.loki;

import io.devlogs.http.ApiException;
import io.devlogs.http.BasicCredentials;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.logql.LogqlAst.Expr;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlFilter;
import io.devlogs.query.logql.LogqlParser;
import io.devlogs.query.logql.LogqlSyntaxException;
import io.devlogs.query.tail.JettyTailSocket;
import io.devlogs.query.tail.TailClose;
import io.devlogs.query.tail.TailHub;
import io.devlogs.query.tail.TailRefusedException;
import io.devlogs.query.tail.TailSocket;
import io.devlogs.query.tail.TailSubscriber;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /loki/api/v1/tail?query=<log query>}: Loki's live tail. The key comes from the
 * upgrade's {@code Authorization} (bearer, or basic with the key as password: Grafana's proxy adds
 * it); the query is checked first. Matching events of the project arrive as Loki's tail messages
 * from the moment the tail opens (the shared {@link TailHub}, its per-project and per-server socket
 * limits and its bounded queues); a refusal closes the socket with the codes of {@code /v1/tail}
 * and the problem as reason. {@code start}, {@code limit} and {@code delay_for} are accepted; no
 * past events are replayed.
 */
public final class LokiTailEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(LokiTailEndpoint.class);
  private static final long PING_SECONDS = 20;

  private final QueryKeys keys;
  private final TailHub hub;
  private final ScheduledExecutorService timer;
  private final Map<String, TailSubscriber> subscribers = new ConcurrentHashMap<>();

  public LokiTailEndpoint(QueryKeys keys, TailHub hub) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "loki-tail-timer");
              thread.setDaemon(true);
              return thread;
            });
  }

  public void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  /** A plain GET of the tail (no upgrade): 400 in Loki's shape saying how to connect. */
  public static void upgradeRequired(Context ctx) {
    ctx.status(400)
        .json(
            LokiErrors.body(
                400,
                LokiRoutes.BASE
                    + "/tail is a WebSocket endpoint: connect with ws:// (or wss://) and Upgrade:"
                    + " websocket"));
  }

  private void connected(WsConnectContext ctx) {
    TailSocket client = new JettyTailSocket(ctx.session, timer);
    SearchFilters filters;
    try {
      LokiParams params = new LokiParams(ctx.queryParamMap());
      String query = params.required("query");
      Expr expr = LogqlParser.parse(query);
      if (!(expr instanceof LogExpr log)) {
        throw ApiException.badParameter(
            "query", "a live tail takes a log query, not a metric query");
      }
      params.limit();
      params.time("start");
      filters = SearchFilters.logqlOnly(LogqlFilter.of(query, log));
    } catch (ApiException | LogqlSyntaxException e) {
      refuse(client, e.getMessage(), TailClose.BAD_FILTER);
      return;
    }
    String header = ctx.header("Authorization");
    String token =
        KeyAuthenticator.bearerToken(header)
            .or(() -> BasicCredentials.password(header))
            .orElse(null);
    ProjectKey key;
    try {
      key = KeyCheck.require(keys::authenticate, token, Scope.QUERY);
    } catch (ApiException e) {
      refuse(
          client,
          e.getMessage(),
          e.status() == 403
              ? TailClose.WRONG_SCOPE
              : e.status() == 503 ? TailClose.UNAVAILABLE : TailClose.BAD_KEY);
      return;
    } catch (RuntimeException e) {
      LOG.warn("Loki tail: key lookup failed", e);
      refuse(client, "the key store did not answer; retry later", TailClose.UNAVAILABLE);
      return;
    }
    ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
    try {
      subscribers.put(
          ctx.sessionId(), hub.subscribe(key.projectId(), filters, new LokiTailSocket(client)));
    } catch (TailRefusedException e) {
      refuse(client, e.detail(), TailClose.TOO_MANY);
      return;
    }
    if (!ctx.session.isOpen()) {
      closed(ctx.sessionId()); // closed while subscribing: its close event found nothing
    }
  }

  private void closed(String sessionId) {
    TailSubscriber subscriber = subscribers.remove(sessionId);
    if (subscriber != null) {
      hub.unsubscribe(subscriber);
    }
  }

  private static void refuse(TailSocket client, String reason, int code) {
    client.close(code, reason.length() <= 120 ? reason : reason.substring(0, 120));
  }
}
