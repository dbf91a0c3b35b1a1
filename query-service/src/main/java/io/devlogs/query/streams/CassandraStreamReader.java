package io.devlogs.query.streams;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.records.LogEvent;
import io.devlogs.settings.HostPorts;
import io.devlogs.streams.StreamChunkCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link StreamReader} over Cassandra: per {@code (project, stream, day)} partition of the
 * requested range, oldest day first, until the page (plus one) is full, the chunks of {@code
 * stream_chunks} (what the job writes) merged with the rows of {@code stream_events} (what it wrote
 * before chunks). Chunks are read slice by slice from the slice of the page's start ({@link
 * StreamChunkSlices}); rows from the page's start. A page after a cursor starts in the cursor's day
 * partition, after its {@code (ts, event_id)}. Cassandra stores millisecond timestamps, so these
 * events carry no sub-millisecond part.
 */
public final class CassandraStreamReader implements StreamReader, AutoCloseable {
  private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  private static final String SELECT =
      "SELECT ts, event_id, level, service, message, attributes FROM stream_events"
          + " WHERE project = ? AND stream = ? AND day = ? AND ts >= ? AND ts < ? LIMIT ?";

  private static final String SELECT_AFTER =
      "SELECT ts, event_id, level, service, message, attributes FROM stream_events"
          + " WHERE project = ? AND stream = ? AND day = ? AND (ts, event_id) > (?, ?) AND ts < ?"
          + " LIMIT ?";

  private static final String SELECT_CHUNKS =
      "SELECT slice, block FROM stream_chunks"
          + " WHERE project = ? AND stream = ? AND day = ? AND slice >= ? AND slice < ?";

  /** Chunks per page of the driver: up to 512 KiB each. */
  private static final int CHUNKS_PER_FETCH = 32;

  private final Supplier<CqlSession> connector;
  private CqlSession session;
  private PreparedStatement select;
  private PreparedStatement selectAfter;
  private PreparedStatement selectChunks;

  /** A reader on an open session. */
  public CassandraStreamReader(CqlSession session) {
    this(() -> session);
    Objects.requireNonNull(session, "session");
  }

  /**
   * A reader that opens its session on first use and retries on later requests while Cassandra is
   * unreachable, so the service starts (and search works) before Cassandra does.
   */
  public CassandraStreamReader(Supplier<CqlSession> connector) {
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  /**
   * Validates the settings now and returns a connector for {@link
   * #CassandraStreamReader(Supplier)}.
   */
  public static Supplier<CqlSession> connector(
      String contactPoints, String datacenter, String keyspace) {
    parseContactPoints(contactPoints);
    checkKeyspace(keyspace);
    return () -> connect(contactPoints, datacenter, keyspace);
  }

  private synchronized void prepare() {
    if (select == null) {
      CqlSession opened = connector.get();
      try {
        selectAfter = opened.prepare(SELECT_AFTER);
        select = opened.prepare(SELECT);
        selectChunks = opened.prepare(SELECT_CHUNKS);
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      session = opened;
    }
  }

  /**
   * Opens a session on {@code contactPoints} ({@code host:port,host:port}) with the keyspace set.
   */
  public static CqlSession connect(String contactPoints, String datacenter, String keyspace) {
    checkKeyspace(keyspace);
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .build();
    return CqlSession.builder()
        .addContactPoints(parseContactPoints(contactPoints))
        .withLocalDatacenter(datacenter)
        .withKeyspace(keyspace)
        .withConfigLoader(config)
        .build();
  }

  private static void checkKeyspace(String keyspace) {
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "cassandra.keyspace '" + keyspace + "' is not a plain keyspace name");
    }
  }

  private static List<InetSocketAddress> parseContactPoints(String contactPoints) {
    return HostPorts.parse("cassandra.contact-points", contactPoints);
  }

  @Override
  public List<LogEvent> read(String projectId, StreamRequest request) {
    try {
      prepare();
      return DayPartitions.collect(
          request.days(),
          request.limit() + 1,
          (day, remaining) -> readDay(projectId, request, day, remaining));
    } catch (DriverException e) {
      throw new BackendException("Cassandra", e);
    }
  }

  private List<LogEvent> readDay(
      String projectId, StreamRequest request, LocalDate day, int remaining) {
    Optional<StreamPosition> after = request.after().filter(p -> p.day().equals(day));
    List<LogEvent> rows = readRows(projectId, request, day, after, remaining);
    List<LogEvent> chunks = readChunks(projectId, request, day, after, remaining);
    if (rows.isEmpty()) {
      return chunks;
    }
    return StreamChunkSlices.mergePages(rows, chunks, remaining);
  }

  private List<LogEvent> readChunks(
      String projectId,
      StreamRequest request,
      LocalDate day,
      Optional<StreamPosition> after,
      int remaining) {
    StreamChunkSlices slices = new StreamChunkSlices(request, after, remaining);
    BoundStatement statement =
        selectChunks
            .bind(projectId, request.stream(), day, slices.firstSlice(), request.range().to())
            .setPageSize(CHUNKS_PER_FETCH);
    for (Row row : session.execute(statement)) {
      ByteBuffer block = row.getByteBuffer("block");
      byte[] bytes = new byte[block.remaining()];
      block.get(bytes);
      if (slices.add(row.getInstant("slice"), StreamChunkCodec.decode(bytes))) {
        break;
      }
    }
    return slices.finish();
  }

  private List<LogEvent> readRows(
      String projectId,
      StreamRequest request,
      LocalDate day,
      Optional<StreamPosition> after,
      int remaining) {
    BoundStatement statement =
        after.isPresent()
            ? selectAfter.bind(
                projectId,
                request.stream(),
                day,
                after.get().timestamp(),
                after.get().eventId(),
                request.range().to(),
                remaining)
            : select.bind(
                projectId,
                request.stream(),
                day,
                request.range().from(),
                request.range().to(),
                remaining);
    List<LogEvent> events = new ArrayList<>();
    for (Row row : session.execute(statement)) {
      Map<String, String> attributes = row.getMap("attributes", String.class, String.class);
      events.add(
          new LogEvent(
              row.getString("event_id"),
              row.getInstant("ts"),
              row.getString("level"),
              row.getString("service"),
              request.stream(),
              row.getString("message"),
              attributes));
    }
    return events;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
    }
  }
}
