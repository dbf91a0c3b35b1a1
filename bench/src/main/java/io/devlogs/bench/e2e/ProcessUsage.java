package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the stack's processes, read from {@code /proc/<pid>/stat}: one
 * per pid file of the launcher ({@code .devlogs/run/<component>.pid}), plus this benchmark's own
 * process (the load driver). Linux only; elsewhere, or for a process that is gone, nothing.
 *
 * @param component the pid file's name, e.g. {@code flink-taskmanager}
 * @param pid the process
 * @param cpuSeconds user plus system CPU time since it started
 * @param rssBytes resident memory now
 */
public record ProcessUsage(String component, long pid, double cpuSeconds, long rssBytes) {

  /** The name of this benchmark's own process in the tables. */
  public static final String LOAD_DRIVER = "bench (load driver, probes)";

  /** Linux's USER_HZ, the unit of CPU times in {@code stat}; 100 on every mainstream build. */
  static final double TICKS_PER_SECOND = 100;

  static final long PAGE_BYTES = 4096;

  /** Every process of {@code pidDir} that runs, and this one; by component name. */
  public static Map<String, ProcessUsage> read(Optional<Path> pidDir) {
    Map<String, ProcessUsage> usage = new TreeMap<>();
    if (pidDir.isPresent() && Files.isDirectory(pidDir.get())) {
      try (Stream<Path> files = Files.list(pidDir.get())) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".pid"))
            .forEach(
                f -> {
                  String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                  pidIn(f).flatMap(pid -> of(name, pid)).ifPresent(u -> usage.put(name, u));
                });
      } catch (IOException e) {
        // no table rather than no benchmark
      }
    }
    of(LOAD_DRIVER, ProcessHandle.current().pid()).ifPresent(u -> usage.put(LOAD_DRIVER, u));
    return usage;
  }

  /** The usage of one process, if it runs. */
  static Optional<ProcessUsage> of(String component, long pid) {
    try {
      return Optional.of(parse(component, pid, Files.readString(Path.of("/proc", pid + "/stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a {@code stat} line: the command name is in parentheses and may hold spaces, so fields
   * are counted after its closing parenthesis (utime and stime are fields 14 and 15, rss 24).
   */
  static ProcessUsage parse(String component, long pid, String stat) {
    String[] f = fieldsAfterCommand(stat);
    long rssPages = Long.parseLong(f[24 - 3]);
    return new ProcessUsage(component, pid, cpuSeconds(f), rssPages * PAGE_BYTES);
  }

  /** User plus system CPU time of a process's or a thread's {@code stat} fields. */
  static double cpuSeconds(String[] fieldsAfterCommand) {
    String[] f = fieldsAfterCommand;
    return (Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3])) / TICKS_PER_SECOND;
  }

  /** The fields of a {@code stat} line after the command name: [0] is field 3 (state). */
  static String[] fieldsAfterCommand(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
  }

  /** The command (a thread's name, in a task's {@code stat}) between the parentheses. */
  static String command(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  private static Optional<Long> pidIn(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
