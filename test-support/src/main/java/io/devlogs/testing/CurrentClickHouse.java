package io.devlogs.testing;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A current ClickHouse (26.x) inside the test's JVM: libchdb.so, the engine of the npm package
 * {@code @chdb/lib-linux-x64-gnu}, called through JNA. The local stack runs ClickHouse 18.16; tests
 * named {@code *CurrentClickHouseTest} run the statements devlogs sends on this one too, so every
 * statement stays in what both versions accept.
 *
 * <p>One session per test class, in a fresh temporary folder, from before its first test to after
 * its last:
 *
 * <pre>{@code
 * @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();
 * ... clickhouse.execute("SELECT version()") ...
 * }</pre>
 *
 * <p>The library is fetched by test-support's build into {@code chdb.lib.dir} (see {@code
 * fetch-libchdb.sh}); {@code -Ddevlogs.libchdb=<file>} points at another. The test JVM must run
 * with HotSpot's signal chaining ({@code LD_PRELOAD=<java.home>/lib/libjsig.so}, set for surefire
 * and failsafe in the parent pom): the engine installs handlers for SIGSEGV and others, which would
 * otherwise replace the JVM's own.
 */
public final class CurrentClickHouse implements BeforeAllCallback, AfterAllCallback {

  private static final Object ENGINE = new Object();
  private static LibChdb library;

  private Path folder;
  private Pointer connection;

  /** Opens the session (JUnit calls it before the class's first test). */
  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    open();
  }

  /** Closes the session and deletes its folder (JUnit calls it after the class's last test). */
  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  /** Opens a session in a fresh temporary folder; {@link #close()} ends it. */
  public void open() throws IOException {
    synchronized (ENGINE) {
      if (connection != null) {
        throw new IllegalStateException("this CurrentClickHouse session is open already");
      }
      LibChdb chdb = library();
      folder = Files.createTempDirectory("current-clickhouse");
      String[] argv = {"clickhouse", "--path=" + folder};
      connection = chdb.chdb_connect(argv.length, argv);
      if (connection == null) {
        throw new IllegalStateException("libchdb.so could not open a session in " + folder);
      }
    }
  }

  /** Ends the session: the engine shuts down, and its folder is deleted. */
  public void close() throws IOException {
    synchronized (ENGINE) {
      if (connection == null) {
        return;
      }
      library().chdb_close_conn(connection);
      connection = null;
      deleteRecursively(folder);
    }
  }

  /**
   * Runs one statement and returns its answer as TabSeparated text ({@code ""} for statements that
   * return nothing). An {@code INSERT ... FORMAT <format>} may carry its rows after the statement,
   * on the next line. Throws {@link Refused} naming the statement and ClickHouse's error.
   */
  public String execute(String sql) {
    synchronized (ENGINE) {
      if (connection == null) {
        throw new IllegalStateException("the CurrentClickHouse session is not open");
      }
      LibChdb chdb = library();
      byte[] query = LibChdb.utf8(sql);
      byte[] format = LibChdb.utf8("TSV");
      Pointer result =
          chdb.chdb_query_n(connection.getPointer(0), query, query.length, format, format.length);
      if (result == null) {
        throw new Refused(sql, "libchdb.so returned no result");
      }
      try {
        String error = LibChdb.utf8(chdb.chdb_result_error(result));
        if (error != null && !error.isEmpty()) {
          throw new Refused(sql, error.strip());
        }
        return LibChdb.utf8(chdb.chdb_result_buffer(result), chdb.chdb_result_length(result));
      } finally {
        chdb.chdb_destroy_query_result(result);
      }
    }
  }

  /** The server's version, e.g. {@code 26.5.3.1}. */
  public String version() {
    return execute("SELECT version()").strip();
  }

  /** ClickHouse refused a statement. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARS = 4000;

    private final String statement;
    private final String error;

    Refused(String statement, String error) {
      super(
          "Current ClickHouse refused the statement:\n"
              + abbreviate(statement)
              + "\nwith: "
              + error);
      this.statement = statement;
      this.error = error;
    }

    public String statement() {
      return statement;
    }

    /** ClickHouse's error text, e.g. {@code Code: 60. DB::Exception: Unknown table ...}. */
    public String error() {
      return error;
    }

    private static String abbreviate(String text) {
      return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
  }

  private static LibChdb library() {
    synchronized (ENGINE) {
      if (library == null) {
        requireSignalChaining();
        library = LibChdb.load(libraryPath());
      }
      return library;
    }
  }

  /** Where the library is: {@code -Ddevlogs.libchdb}, else where the build fetched it. */
  static Path libraryPath() {
    String override = System.getProperty("devlogs.libchdb");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Properties fetched = new Properties();
    try (InputStream in =
        CurrentClickHouse.class.getResourceAsStream("current-clickhouse.properties")) {
      if (in == null) {
        throw new IllegalStateException("current-clickhouse.properties is missing from the jar");
      }
      fetched.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Path.of(fetched.getProperty("chdb.library"));
  }

  private static void requireSignalChaining() {
    try {
      if (!Files.readString(Path.of("/proc/self/maps")).contains("libjsig")) {
        throw new IllegalStateException(
            "CurrentClickHouse needs HotSpot's signal chaining: run the JVM with"
                + " LD_PRELOAD="
                + System.getProperty("java.home")
                + "/lib/libjsig.so (the parent pom sets it for surefire and failsafe).");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
