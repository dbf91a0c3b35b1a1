package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The services a benchmark runs for a while (an ingest or query server of this build on a free
 * port), started and stopped by bin/devlogs ({@code service start|stop}): pid files, logs and
 * readiness stay the launcher's.
 */
final class LauncherServices {
  private final Path launcher;

  LauncherServices(Path launcher) {
    this.launcher = launcher;
  }

  /**
   * Starts the service and waits until its health URL answers.
   *
   * @return its pid
   */
  String start(String name, String module, String mainClass, String healthUrl, List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(launcher.toString(), "service", "start", name, module, mainClass, healthUrl));
    command.addAll(args);
    Result result = run(command);
    if (result.exitCode != 0) {
      throw new CommandFailed("starting " + name + " failed (see its log)");
    }
    String[] lines = result.output.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Stops the service (SIGTERM, then SIGKILL after 30 s); nothing if it does not run. */
  void stop(String name) {
    run(List.of(launcher.toString(), "service", "stop", name));
  }

  /** A port in 20000-29999 that nothing listens on now. */
  static int freePort() {
    while (true) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }
}
