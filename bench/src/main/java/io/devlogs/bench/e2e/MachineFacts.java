package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured: what its figures mean depends on these.
 *
 * @param cores processors the JVM sees
 * @param memoryGib total memory
 * @param cpuModel the first {@code model name} of /proc/cpuinfo
 * @param os name and kernel version
 * @param jdk the running JDK
 * @param loadAtStart 1/5/15-minute load averages when the run started (before the ceilings)
 * @param loadAtEnd the same when it ended
 */
public record MachineFacts(
    int cores,
    double memoryGib,
    String cpuModel,
    String os,
    String jdk,
    String loadAtStart,
    String loadAtEnd) {

  /** Reads this machine's facts; {@code loadAtStart} comes from the caller, who saw the start. */
  public static MachineFacts read(String loadAtStart) {
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        memoryKib() / 1024.0 / 1024.0,
        readCpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        loadAtStart,
        loadAverages());
  }

  /** The 1, 5 and 15-minute load averages of /proc/loadavg, e.g. {@code "3.10 2.50 1.90"}. */
  public static String loadAverages() {
    List<String> line = proc("/proc/loadavg");
    if (line.isEmpty()) {
      return "unknown";
    }
    String[] fields = line.get(0).split("\\s+");
    return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** The 1-minute load average, NaN where /proc/loadavg is missing. */
  public static double load1() {
    String averages = loadAverages();
    return averages.equals("unknown") ? Double.NaN : Double.parseDouble(averages.split(" ")[0]);
  }

  private static long memoryKib() {
    return proc("/proc/meminfo").stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> line.replaceAll("\\D", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(0);
  }

  private static String readCpuModel() {
    return proc("/proc/cpuinfo").stream()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }

  private static List<String> proc(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
