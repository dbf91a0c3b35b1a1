package io.devlogs.bench.patterns;

import java.util.Arrays;

class PatternBenchMain {
  public static void main(String[] args) throws Exception {
    PatternBench.run(Arrays.asList(args), System.out);
  }
}
