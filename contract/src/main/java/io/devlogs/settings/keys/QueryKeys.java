package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** The query service and its live tail. */
public final class QueryKeys {
  private QueryKeys() {}

  public static final Setting<String> HOST =
      Setting.of("query.host", ValueType.TEXT, "0.0.0.0", "bind address", QUERY)
          .inLocalStack(LocalStack.HOST);

  public static final Setting<Integer> PORT =
      Setting.of(
              "query.port",
              ValueType.PORT,
              "18090",
              "HTTP port of the API and the dashboard",
              QUERY)
          .inLocalStack();

  public static final Setting<Integer> MAX_EXECUTION_SECONDS =
      Setting.of(
          "query.max-execution-seconds",
          ValueType.integer(1, Integer.MAX_VALUE),
          "30",
          "ClickHouse `max_execution_time` of each search",
          QUERY);

  public static final Setting<Integer> EXPORT_MAX_EXECUTION_SECONDS =
      Setting.of(
          "query.export-max-execution-seconds",
          ValueType.integer(1, Integer.MAX_VALUE),
          "300",
          "ClickHouse `max_execution_time` of each export",
          QUERY);

  public static final Setting<Long> MAX_ROWS_TO_READ =
      Setting.of(
          "query.max-rows-to-read",
          ValueType.longInteger(1, Long.MAX_VALUE),
          "500000000",
          "ClickHouse rows one query may read; over it: 422",
          QUERY);

  public static final Setting<Long> MAX_MEMORY_BYTES =
      Setting.of(
          "query.max-memory-bytes",
          ValueType.longInteger(1, Long.MAX_VALUE),
          "2000000000",
          "ClickHouse memory one query may use; over it: 422",
          QUERY);

  public static final Setting<String> CURSOR_SECRET =
      Setting.of(
              "query.cursor-secret",
              ValueType.TEXT,
              "",
              "signs search cursors; at least 16 characters, the same on every instance (empty: random per process)",
              QUERY)
          .asSecret();

  public static final Setting<Integer> RATE_PROJECT_PER_MINUTE =
      Setting.of(
          "query.rate-limit.project-per-minute",
          ValueType.integer(0, Integer.MAX_VALUE),
          "1000",
          "API requests per minute of all a project's keys together, on each instance (at most a minute's worth at once); over it: 429; 0 disables",
          QUERY);

  public static final Setting<Integer> RATE_KEY_PER_MINUTE =
      Setting.of(
          "query.rate-limit.key-per-minute",
          ValueType.integer(0, Integer.MAX_VALUE),
          "600",
          "API requests per minute of one key, on each instance; over it: 429; 0 disables",
          QUERY);

  public static final Setting<Integer> MAX_IN_FLIGHT_REQUESTS =
      Setting.of(
          "query.max-in-flight-requests",
          ValueType.integer(1, 100_000),
          "128",
          "the most requests one instance holds at once, checked before any other work (authentication included); the limit itself adapts below this to the time requests spend inside (`devlogs_query_in_flight_limit`); beyond it: an immediate 503 `overloaded` with `Retry-After`; `/healthz`, `/readyz` and `/metrics` are not counted",
          QUERY);

  public static final Setting<Integer> ACCEPT_QUEUE =
      Setting.of(
          "query.accept-queue",
          ValueType.integer(0, 65_535),
          "1024",
          "connections the kernel holds until the query service accepts them (the listen backlog, capped by `net.core.somaxconn`); 0 keeps Jetty's 50, which a crowd of new connections overflows into seconds of SYN retries",
          QUERY);

  public static final Setting<Integer> MAX_CONCURRENT_STORE_QUERIES =
      Setting.of(
          "query.max-concurrent-store-queries",
          ValueType.integer(1, 10_000),
          "8",
          "store queries one instance runs at once; more wait in its queue",
          QUERY);

  public static final Setting<Integer> STORE_QUEUE =
      Setting.of(
          "query.store-queue",
          ValueType.integer(0, 100_000),
          "16",
          "requests that may wait for a store query slot; beyond it: an immediate 503 `overloaded`",
          QUERY);

  public static final Setting<Integer> STORE_QUEUE_TIMEOUT_MS =
      Setting.of(
          "query.store-queue-timeout-ms",
          ValueType.integer(0, 60_000),
          "500",
          "how long a request waits in that queue before it gets 503 `overloaded`, while the queue keeps emptying; once it has not emptied for 100 ms a request waits at most 5 ms",
          QUERY);

  public static final Setting<String> CACHE =
      Setting.of(
          "query.cache",
          ValueType.oneOf("none", "local", "redis"),
          "local",
          "where identical read results are cached: `none`, `local` (in the process), `redis` (shared by every instance)",
          QUERY);

  public static final Setting<String> CACHE_REDIS_URL =
      Setting.of(
              "query.cache.redis-url",
              ValueType.TEXT,
              "redis://127.0.0.1:16379",
              "the Redis of `query.cache=redis`",
              QUERY)
          .inLocalStack();

  public static final Setting<Integer> CACHE_LIVE_TTL_SECONDS =
      Setting.of(
          "query.cache.live-ttl-seconds",
          ValueType.integer(1, 3_600),
          "1",
          "how long a result whose range reaches now is reused (also the time bucket of cache keys); a request with `Cache-Control: no-cache` is answered from the store",
          QUERY);

  public static final Setting<Integer> CACHE_WINDOWS_TTL_SECONDS =
      Setting.of(
          "query.cache.windows-ttl-seconds",
          ValueType.integer(1, 3_600),
          "10",
          "how long a live result of the minute-window routes (`/v1/metrics/*`) is reused: the job updates a minute's window when it closes, not with every event",
          QUERY);

  public static final Setting<Integer> CACHE_PAST_TTL_SECONDS =
      Setting.of(
          "query.cache.past-ttl-seconds",
          ValueType.integer(1, 86_400),
          "60",
          "how long a result whose range ended before that is reused (late events may still arrive)",
          QUERY);

  public static final Setting<Integer> CACHE_STALE_SECONDS =
      Setting.of(
          "query.cache.stale-seconds",
          ValueType.integer(0, 3_600),
          "60",
          "how long past its TTL a cached result may still answer a request the store-query gate refuses (`X-Devlogs-Cache: stale` instead of 503 `overloaded`); 0: never",
          QUERY);

  public static final Setting<Long> CACHE_LOCAL_MAX_BYTES =
      Setting.of(
          "query.cache.local-max-bytes",
          ValueType.longInteger(1, Long.MAX_VALUE),
          "67108864",
          "bytes of results `query.cache=local` keeps",
          QUERY);

  public static final Setting<Integer> TAIL_QUEUE_EVENTS =
      Setting.of(
          "tail.queue-events",
          ValueType.integer(1, Integer.MAX_VALUE),
          "1000",
          "events queued per live-tail socket; a client further behind is dropped (4008)",
          QUERY);

  public static final Setting<Integer> TAIL_QUEUE_CHARS =
      Setting.of(
          "tail.queue-chars",
          ValueType.integer(1, Integer.MAX_VALUE),
          "4194304",
          "characters of JSON queued per live-tail socket",
          QUERY);

  public static final Setting<Integer> TAIL_MAX_SOCKETS_PER_PROJECT =
      Setting.of(
          "tail.max-sockets-per-project",
          ValueType.integer(1, Integer.MAX_VALUE),
          "20",
          "live tails open per project (4429 beyond)",
          QUERY);

  public static final Setting<Integer> TAIL_MAX_SOCKETS =
      Setting.of(
          "tail.max-sockets",
          ValueType.integer(1, Integer.MAX_VALUE),
          "500",
          "live tails open per process (4429 beyond)",
          QUERY);

  public static final Setting<Integer> TAIL_KAFKA_TIMEOUT_SECONDS =
      Setting.of(
          "tail.kafka-timeout-seconds",
          ValueType.integer(1, Integer.MAX_VALUE),
          "10",
          "how long live tail waits for Kafka before answering `backend_unavailable`",
          QUERY);
}
