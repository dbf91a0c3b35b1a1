package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of one process's threads, read from {@code /proc/<pid>/task/<tid>/stat} and summed per
 * thread name with its numbers made {@code #} ({@code "Drop repeated e"}, {@code "rocksdb:low#"},
 * {@code "C# CompilerThre"}), so a TaskManager's time splits into its operators' task threads, the
 * RocksDB background threads, the JIT and the garbage collector. Linux truncates a thread's name to
 * 15 characters. Elsewhere, or for a process that is gone, nothing.
 */
public final class ThreadCpu {

  private ThreadCpu() {}

  /** CPU seconds (user plus system) per thread name, since each thread started. */
  public static Map<String, Double> of(long pid) {
    Map<String, Double> seconds = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", pid + "/task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              seconds.merge(
                  group(ProcessUsage.command(stat)),
                  ProcessUsage.cpuSeconds(ProcessUsage.fieldsAfterCommand(stat)),
                  Double::sum);
            } catch (IOException | RuntimeException gone) {
              // the thread ended between the listing and the read
            }
          });
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return seconds;
  }

  /** The CPU seconds of each name in {@code now} that it did not have in {@code before}. */
  public static Map<String, Double> since(Map<String, Double> before, Map<String, Double> now) {
    Map<String, Double> spent = new TreeMap<>();
    now.forEach((name, seconds) -> spent.put(name, seconds - before.getOrDefault(name, 0.0)));
    return spent;
  }

  static String group(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }
}
