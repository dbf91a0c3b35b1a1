package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Java program run as its own process, as bin/devlogs' {@code run_main} ran the benchmark's
 * tools: its standard output read line by line, its standard error appended to a log file.
 */
final class JavaMain {
  /** What the process printed and how it ended. */
  record Result(int exitCode, List<String> lines) {
    boolean ok() {
      return exitCode == 0;
    }

    String output() {
      return String.join("\n", lines);
    }
  }

  private final List<String> command;

  private JavaMain(List<String> command) {
    this.command = command;
  }

  /** A main class of this JVM's classpath (the bench module's). */
  static JavaMain ofThisClasspath(String mainClass, List<String> args) {
    return on(System.getProperty("java.class.path"), List.of(), mainClass, args);
  }

  /** A main class of another classpath (the Kafka tools), with JVM options. */
  static JavaMain on(
      String classpath, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return new JavaMain(command);
  }

  /** Runs it to its end; every output line also goes to {@code eachLine}. */
  Result run(Path stderrLog, Consumer<String> eachLine) {
    try {
      Files.createDirectories(stderrLog.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
          eachLine.accept(line);
        }
      }
      return new Result(process.waitFor(), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }

  Result run(Path stderrLog) {
    return run(stderrLog, line -> {});
  }
}
