package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadCpuTest {

  @Test
  void namesLoseTheirNumbersSoThreadsOfOneKindAddUp() {
    assertThat(ThreadCpu.group("rocksdb:low12")).isEqualTo("rocksdb:low#");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C# CompilerThre");
    assertThat(ThreadCpu.group("Drop repeated e")).isEqualTo("Drop repeated e");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aBusyThreadsCpuShowsUnderItsGroup() throws Exception {
    long pid = ProcessHandle.current().pid();
    Map<String, Double> before = ThreadCpu.of(pid);
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] burners = new Thread[2];
    for (int i = 0; i < burners.length; i++) {
      burners[i] =
          new Thread(
              () -> {
                long x = 0;
                while (!stop.get()) {
                  x += System.nanoTime() % 7;
                }
                assertThat(x).isNotNegative();
              },
              "cpu-burner-" + (i + 7));
      burners[i].start();
    }
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      double spent = 0;
      while (spent < 0.05 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        spent = ThreadCpu.since(before, ThreadCpu.of(pid)).getOrDefault("cpu-burner-#", 0.0);
      }
      assertThat(spent).isGreaterThanOrEqualTo(0.05);
    } finally {
      stop.set(true);
      for (Thread t : burners) {
        t.join();
      }
    }
    assertThat(ThreadCpu.of(-1)).isEmpty();
  }
}
