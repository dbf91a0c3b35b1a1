package io.devlogs.query.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.signin.SessionCookie;
import io.devlogs.query.signin.SessionLookup;
import io.devlogs.query.signin.SignedIn;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /v1/tail}: checks the filters, authenticates (the {@code Authorization} header of the
 * upgrade, or a first message {@code {"type":"auth","key":...}} within 5 s, since browsers cannot
 * set headers on a WebSocket) and subscribes the socket to the {@link TailHub}. The HTTP {@code
 * Authentication} before-handler does not run on WebSocket routes; this is their authentication.
 */
public final class TailEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TailEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PING_INTERVAL = Duration.ofSeconds(20);

  private final QueryKeys keys;
  private final SessionLookup sessions;
  private final TailHub hub;
  private final ScheduledExecutorService timer;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public TailEndpoint(QueryKeys keys, TailHub hub) {
    this(keys, hub, SessionLookup.none());
  }

  /**
   * With people's sessions: an upgrade with a valid session cookie (and no Authorization header)
   * tails the session's project at once; SameSite=Lax keeps other sites' pages from sending it.
   */
  public TailEndpoint(QueryKeys keys, TailHub hub, SessionLookup sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "live-tail-timer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The handlers of the route: {@code app.ws("/v1/tail", endpoint::configure)}. */
  public void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onMessage(this::received);
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  /** A plain GET of the tail's path (no WebSocket upgrade): 426 saying how to connect. */
  public static void upgradeRequired(Context ctx) {
    throw new ApiException(
        ErrorCode.UPGRADE_REQUIRED,
        "/v1/tail is a WebSocket endpoint: connect with ws:// (or wss://) and Upgrade: websocket");
  }

  /**
   * The tail's filters: those of search except the time range (a tail starts now); unknown
   * parameters are refused like everywhere else.
   */
  static SearchFilters parseFilters(RequestParams params) {
    for (String name : List.of("from", "to")) {
      if (params.names().contains(name)) {
        throw ApiException.badParameter(name, "live tail starts now and takes no time range");
      }
    }
    if (params.names().contains("pattern")) {
      throw ApiException.badParameter("pattern", "live tail does not filter by pattern yet");
    }
    params.rejectUnknown(SearchFilters.PARAMETERS, SearchFilters.ATTRIBUTE_PREFIX);
    return SearchFilters.parse(params);
  }

  private void connected(WsConnectContext ctx) {
    TailSocket socket = new JettyTailSocket(ctx.session, timer);
    SearchFilters filters;
    try {
      filters = parseFilters(new RequestParams(ctx.queryParamMap()));
    } catch (ApiException e) {
      refuse(socket, e.error(), e.getMessage(), TailClose.BAD_FILTER);
      return;
    }
    Connection connection = new Connection(socket, filters);
    connections.put(ctx.sessionId(), connection);
    ctx.enableAutomaticPings(PING_INTERVAL.toSeconds(), TimeUnit.SECONDS);
    String header = ctx.header("Authorization");
    String cookie = ctx.cookie(SessionCookie.NAME);
    if (header == null && cookie != null && subscribedAsPerson(connection, cookie)) {
      return;
    }
    if (header != null) {
      authenticate(
          connection,
          KeyAuthenticator.bearerToken(header),
          "the Authorization header must be 'Bearer <query key>'");
    } else {
      connection.authTimeout =
          timer.schedule(
              () ->
                  authenticate(
                      connection,
                      Optional.empty(),
                      "no key: send {\"type\":\"auth\",\"key\":\"<query key>\"} as the first"
                          + " message within "
                          + AUTH_TIMEOUT.toSeconds()
                          + " s, or 'Authorization: Bearer <query key>' on the upgrade"),
              AUTH_TIMEOUT.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Subscribes the connection to the session's project if the session is valid and has one;
   * otherwise false, and the key flow goes on (a stale cookie beside a valid key).
   */
  private boolean subscribedAsPerson(Connection connection, String cookie) {
    Optional<String> projectId;
    try {
      projectId = sessions.resolve(cookie).flatMap(SignedIn::project).map(p -> p.projectId());
    } catch (RuntimeException e) {
      LOG.warn("live tail: session lookup failed", e);
      return false;
    }
    if (projectId.isEmpty() || !connection.settle()) {
      return false;
    }
    try {
      connection.subscribed(
          hub, hub.subscribe(projectId.get(), connection.filters, connection.socket));
    } catch (TailRefusedException e) {
      refuse(connection.socket, e.error(), e.detail(), TailClose.TOO_MANY);
    }
    return true;
  }

  private void received(WsMessageContext ctx) {
    Connection connection = connections.get(ctx.sessionId());
    if (connection == null || connection.isSettled()) {
      return; // Messages after authentication mean nothing; pausing is the client's business.
    }
    authenticate(
        connection,
        authMessageKey(ctx.message()),
        "the first message must be {\"type\":\"auth\",\"key\":\"<query key>\"}");
  }

  private void authenticate(Connection connection, Optional<String> token, String missingDetail) {
    if (!connection.settle()) {
      return;
    }
    TailSocket socket = connection.socket;
    ProjectKey key;
    try {
      key = KeyCheck.require(keys::authenticate, token.orElse(null), Scope.QUERY);
    } catch (ApiException e) {
      refuse(socket, e.error(), token.isEmpty() ? missingDetail : e.getMessage(), closeCode(e));
      return;
    } catch (RuntimeException e) {
      LOG.warn("live tail: key lookup failed", e);
      refuse(
          socket,
          ErrorCode.BACKEND_UNAVAILABLE.code(),
          "the key store did not answer; retry later",
          TailClose.UNAVAILABLE);
      return;
    }
    try {
      connection.subscribed(hub, hub.subscribe(key.projectId(), connection.filters, socket));
    } catch (TailRefusedException e) {
      refuse(socket, e.error(), e.detail(), TailClose.TOO_MANY);
    }
  }

  private void closed(String sessionId) {
    Connection connection = connections.remove(sessionId);
    if (connection != null) {
      connection.close(hub);
    }
  }

  /** The key of a message {@code {"type":"auth","key":"..."}}, or empty for anything else. */
  static Optional<String> authMessageKey(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node != null
          && "auth".equals(node.path("type").asText())
          && node.path("key").isTextual()
          && !node.path("key").asText().isBlank()) {
        return Optional.of(node.path("key").asText());
      }
    } catch (IOException e) {
      // Not JSON: the same answer as any other wrong first message.
    }
    return Optional.empty();
  }

  /** The close code of a refused key: a bad key, a missing scope, or no key store. */
  private static int closeCode(ApiException e) {
    return switch (e.status()) {
      case 403 -> TailClose.WRONG_SCOPE;
      case 503 -> TailClose.UNAVAILABLE;
      default -> TailClose.BAD_KEY;
    };
  }

  private static void refuse(TailSocket socket, String error, String detail, int code) {
    socket.closeWith(TailMessages.error(error, detail), code, error);
  }

  /** One socket's state between connect and close. */
  private static final class Connection {
    final TailSocket socket;
    final SearchFilters filters;
    volatile ScheduledFuture<?> authTimeout;

    // Guarded by this.
    private boolean settled;
    private boolean closed;
    private TailSubscriber subscriber;

    Connection(TailSocket socket, SearchFilters filters) {
      this.socket = socket;
      this.filters = filters;
    }

    synchronized boolean isSettled() {
      return settled;
    }

    /** True for the first authentication attempt only (header, message or timeout). */
    synchronized boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      if (authTimeout != null) {
        authTimeout.cancel(false);
      }
      return true;
    }

    void subscribed(TailHub hub, TailSubscriber subscribed) {
      synchronized (this) {
        if (!closed) {
          subscriber = subscribed;
          return;
        }
      }
      hub.unsubscribe(subscribed); // The socket closed while we subscribed.
    }

    void close(TailHub hub) {
      TailSubscriber current;
      synchronized (this) {
        closed = true;
        settled = true;
        if (authTimeout != null) {
          authTimeout.cancel(false);
        }
        current = subscriber;
      }
      if (current != null) {
        hub.unsubscribe(current);
      }
    }
  }
}
