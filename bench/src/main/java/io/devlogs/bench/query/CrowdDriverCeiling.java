package io.devlogs.bench.query;

import io.devlogs.bench.TrivialEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The crowd driver's own ceiling: the same {@link CrowdRun} (users, refreshes, the same clients)
 * against a {@link TrivialEndpoint} in a process of its own that answers 200 at once, as the query
 * service runs in its own. What it measures is what the driver alone can send and time on this
 * machine, so a crowd's figures near it measure the driver, not the service.
 */
final class CrowdDriverCeiling implements AutoCloseable {

  /** Handler threads of the trivial endpoint. */
  private static final int THREADS = 8;

  private final Process process;
  private final String url;

  private CrowdDriverCeiling(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts the trivial endpoint's process and waits until it listens. */
  static CrowdDriverCeiling start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    TrivialEndpoint.class.getName(),
                    Integer.toString(THREADS)))
            .redirectErrorStream(true)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith(TrivialEndpoint.LISTENING)) {
        String port = line.substring(TrivialEndpoint.LISTENING.length()).trim();
        return new CrowdDriverCeiling(process, "http://127.0.0.1:" + port);
      }
    }
    process.destroyForcibly();
    throw new IOException("the trivial endpoint's process ended before it listened");
  }

  /** The endpoint's base URL. */
  String url() {
    return url;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
