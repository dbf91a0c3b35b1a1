package io.devlogs.bench.launch;

import io.devlogs.bench.e2e.ComponentCost;
import io.devlogs.bench.e2e.ProcessUsage;
import io.devlogs.bench.e2e.ThreadCpu;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The job's second half in {@code bench pipeline}: from the first poll at which ClickHouse held
 * half of the events until it held all of them, when the JIT has compiled the hot paths and the job
 * has checkpointed many times. Its events/s, and the CPU seconds per 1,000 events of every process
 * of the stack and of each thread group of the TaskManager (its operators' task threads, RocksDB's
 * background threads, the JIT, the garbage collector), so the next bottleneck shows.
 */
final class WarmHalf {

  static final String TASK_MANAGER = "flink-taskmanager";

  private final Optional<Path> pidDir;
  private final long startNanos;
  private final long startCount;
  private final Map<String, ProcessUsage> processes;
  private final Map<String, Double> taskManagerThreads;

  private WarmHalf(Optional<Path> pidDir, long startNanos, long startCount) {
    this.pidDir = pidDir;
    this.startNanos = startNanos;
    this.startCount = startCount;
    this.processes = ProcessUsage.read(pidDir);
    this.taskManagerThreads = threads(processes);
  }

  /** Starts measuring now, when ClickHouse holds {@code count} events. */
  static WarmHalf start(Optional<Path> pidDir, long count) {
    return new WarmHalf(pidDir, System.nanoTime(), count);
  }

  /** The figures from the start until now, when ClickHouse holds {@code count} events. */
  Figures end(long count) {
    long nanos = System.nanoTime() - startNanos;
    long events = count - startCount;
    Map<String, ProcessUsage> processesNow = ProcessUsage.read(pidDir);
    Map<String, Double> perProcess = new LinkedHashMap<>();
    for (ComponentCost cost :
        ComponentCost.between("warm", nanos / 1e9, events, processes, processesNow)) {
      perProcess.put(cost.component(), perThousand(cost.cpuSeconds(), events));
    }
    Map<String, Double> perThread = new LinkedHashMap<>();
    ThreadCpu.since(taskManagerThreads, threads(processesNow))
        .forEach((name, seconds) -> perThread.put(name, perThousand(seconds, events)));
    return new Figures(Bench.rate(events, nanos / 1e9), perProcess, perThread);
  }

  /**
   * @param rate events/s
   * @param processCpu CPU seconds per 1,000 events per process of the stack (and the bench's own)
   * @param taskManagerThreadCpu the TaskManager's, per thread group
   */
  record Figures(
      long rate, Map<String, Double> processCpu, Map<String, Double> taskManagerThreadCpu) {}

  private static Map<String, Double> threads(Map<String, ProcessUsage> processes) {
    ProcessUsage taskManager = processes.get(TASK_MANAGER);
    return taskManager == null ? Map.of() : ThreadCpu.of(taskManager.pid());
  }

  private static double perThousand(double seconds, long events) {
    return events <= 0 ? 0 : seconds * 1000 / events;
  }
}
