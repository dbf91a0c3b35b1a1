package io.devlogs.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/devlogs} of this checkout, as an operator runs it. Its progress lines are echoed. It
 * acts on the stack of {@code DEVLOGS_HOME} when that is set, else on this checkout's own.
 */
final class Launcher {
  private static final long TIMEOUT_SECONDS = 180;

  private final Path script = locate();

  /** What a command printed and how it exited. */
  record Outcome(int exitCode, String output) {}

  /** Runs {@code bin/devlogs <args>} and returns its output; fails unless it exits with 0. */
  String run(String... args) {
    Outcome outcome = attempt(args);
    if (outcome.exitCode() != 0) {
      throw new AssertionError(
          "bin/devlogs "
              + String.join(" ", args)
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output());
    }
    return outcome.output();
  }

  /** The checkout's root folder. */
  Path repositoryRoot() {
    return script.getParent().getParent();
  }

  /** Runs {@code bin/devlogs <args>}, whatever its exit code. */
  Outcome attempt(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = script.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    String what = "bin/devlogs " + String.join(" ", args);
    System.out.println("[system-test] $ " + what);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(script.getParent().getParent().toFile())
              .redirectErrorStream(true)
              .start();
      StringBuilder output = new StringBuilder();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("[system-test]   " + line);
          output.append(line).append('\n');
        }
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(what + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Outcome(process.exitValue(), output.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The launcher in the nearest folder above the working directory (the module's) that has it. */
  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("bin").resolve("devlogs");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no executable bin/devlogs above " + Path.of("").toAbsolutePath());
  }
}
