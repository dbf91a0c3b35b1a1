package io.devlogs.bench.parse;

import io.devlogs.flink.parse.LogEventParser;
import io.devlogs.flink.parse.ParseResult;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.text.LineGrouper;
import io.devlogs.text.StrictUtf8;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * {@code bin/devlogs bench parse}: text lines per second on one core through the job's whole parser
 * ({@link LogEventParser}, from the raw record's bytes to the event), for
 *
 * <ul>
 *   <li>the shapes the parser has long known (the lines of {@code
 *       flink-jobs/src/test/resources/parse/*.log}),
 *   <li>the text formats of the corpus ({@code flink-jobs/src/test/resources/formats/*}, JSON lines
 *       left out), most of them read by the general detector,
 * </ul>
 *
 * against, in the same run, a ceiling (decoding the bytes and splitting the lines, which any parse
 * does) and, with {@code --baseline <checkout>}, the parser of another build (its {@code
 * flink-jobs}, {@code contract} and {@code projects} classes, loaded apart): run it with a checkout
 * of main to see whether a change made parsing slower. One thread; each figure is the best of
 * {@code --rounds} timed rounds after a warm-up, the parsers taking turns in each round.
 */
public final class ParseBench {

  private static final long RECEIVED = 1_714_564_805_000L;
  private static final int WARM_UP_PASSES = 3;

  private ParseBench() {}

  public static void main(String[] args) throws Exception {
    Path resources = Path.of("flink-jobs/src/test/resources");
    Path baseline = null;
    int rounds = 10;
    int records = 200_000;
    for (String arg : args) {
      if (arg.startsWith("--resources=")) {
        resources = Path.of(arg.substring("--resources=".length()));
      } else if (arg.startsWith("--baseline=")) {
        baseline = Path.of(arg.substring("--baseline=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else if (arg.startsWith("--records=")) {
        records = Integer.parseInt(arg.substring("--records=".length()));
      } else {
        System.err.println(
            "usage: bench parse [--baseline=<checkout of another build>] [--rounds=10]"
                + " [--records=200000] [--resources=flink-jobs/src/test/resources]");
        System.exit(2);
      }
    }
    List<String> known = lines(resources.resolve("parse"), ".log");
    List<String> corpus = textLines(resources.resolve("formats"));
    System.out.printf(
        Locale.ROOT,
        "bench parse: %d lines of known shapes, %d lines of %d corpus formats, %d records a"
            + " round, best of %d rounds, 1 thread%n",
        known.size(),
        corpus.size(),
        countDirs(resources.resolve("formats")),
        records,
        rounds);

    LogEventParser parser = new LogEventParser();
    ToIntFunction<RawLogRecord> current =
        r -> parser.parse(r) instanceof ParseResult.Parsed ? 1 : 0;
    ToIntFunction<RawLogRecord> ceiling =
        r -> LineGrouper.lines(StrictUtf8.decode(r.value()).orElse("")).size();
    ToIntFunction<RawLogRecord> previous = baseline == null ? null : baselineParser(baseline);

    System.out.printf(
        Locale.ROOT,
        "%-14s %16s %16s %16s %10s%n",
        "lines",
        "ceiling/s",
        "this build/s",
        baseline == null ? "-" : "baseline/s",
        "vs base");
    for (String[] mix : new String[][] {{"known shapes", "k"}, {"corpus text", "c"}}) {
      List<String> source = mix[1].equals("k") ? known : corpus;
      RawLogRecord[] input = records(source, records);
      List<ToIntFunction<RawLogRecord>> parsers = new ArrayList<>(List.of(ceiling, current));
      if (previous != null) {
        parsers.add(previous);
      }
      double[] best = interleaved(parsers, input, rounds);
      double top = best[0];
      double mine = best[1];
      System.out.printf(
          Locale.ROOT,
          "%-14s %,16.0f %,16.0f %16s %10s%n",
          mix[0],
          top,
          mine,
          previous == null ? "-" : String.format(Locale.ROOT, "%,.0f", best[2]),
          previous == null ? "-" : String.format(Locale.ROOT, "%.2fx", mine / best[2]));
      System.out.printf(
          Locale.ROOT, "%-14s this build reaches %.1f%% of the ceiling%n", "", 100 * mine / top);
    }
  }

  /**
   * Records per second of each parser, the best of {@code rounds} passes over the input after
   * {@link #WARM_UP_PASSES} untimed ones; the parsers take turns within a round, so a machine
   * shared with other work slows them alike.
   */
  private static double[] interleaved(
      List<ToIntFunction<RawLogRecord>> parsers, RawLogRecord[] input, int rounds) {
    double[] best = new double[parsers.size()];
    long sink = 0;
    for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
      for (ToIntFunction<RawLogRecord> parse : parsers) {
        for (RawLogRecord r : input) {
          sink += parse.applyAsInt(r);
        }
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < parsers.size(); i++) {
        ToIntFunction<RawLogRecord> parse = parsers.get(i);
        long start = System.nanoTime();
        for (RawLogRecord r : input) {
          sink += parse.applyAsInt(r);
        }
        best[i] = Math.max(best[i], input.length / ((System.nanoTime() - start) / 1e9));
      }
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive
    }
    return best;
  }

  private static RawLogRecord[] records(List<String> lines, int count) {
    RawLogRecord[] out = new RawLogRecord[count];
    for (int i = 0; i < count; i++) {
      out[i] = record(lines.get(i % lines.size()).getBytes(StandardCharsets.UTF_8), i);
    }
    return out;
  }

  private static RawLogRecord record(byte[] value, long offset) {
    return new RawLogRecord(
        "p_bench",
        value,
        "p_bench",
        Long.toString(RECEIVED),
        "text",
        null,
        null,
        "devlogs-raw",
        0,
        offset,
        RECEIVED);
  }

  /**
   * The parser of another build, in a class loader of its own that loads {@code io.devlogs} classes
   * from that build first; records are rebuilt in its classes.
   */
  private static ToIntFunction<RawLogRecord> baselineParser(Path checkout) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String module : List.of("flink-jobs", "contract", "projects")) {
      Path classes = checkout.resolve(module).resolve("target/classes");
      if (!Files.isDirectory(classes)) {
        throw new IllegalArgumentException(
            classes + " is missing: build that checkout first (mvn -pl flink-jobs -am compile)");
      }
      urls.add(classes.toUri().toURL());
    }
    ClassLoader loader =
        new OwnClassesFirst(urls.toArray(URL[]::new), ParseBench.class.getClassLoader());
    Class<?> parserClass = loader.loadClass("io.devlogs.flink.parse.LogEventParser");
    Class<?> recordClass = loader.loadClass("io.devlogs.flink.records.RawLogRecord");
    Class<?> parsedClass = loader.loadClass("io.devlogs.flink.parse.ParseResult$Parsed");
    Object parser = parserClass.getConstructor().newInstance();
    Method parse = parserClass.getMethod("parse", recordClass);
    Constructor<?> make = null;
    for (Constructor<?> c : recordClass.getConstructors()) {
      if (c.getParameterCount() == 11) {
        make = c; // (key, value, project, received, format, stream, service, topic, partition,
        // offset, Kafka timestamp)
      }
    }
    if (make == null) {
      throw new IllegalStateException("the baseline's RawLogRecord has no 11-argument constructor");
    }
    Constructor<?> construct = make;
    return r -> {
      try {
        Object theirs =
            construct.newInstance(
                r.key(),
                r.value(),
                r.projectHeader(),
                Long.toString(RECEIVED),
                r.formatHeader(),
                null,
                null,
                r.topic(),
                r.partition(),
                r.offset(),
                r.kafkaTimestampMillis());
        return parsedClass.isInstance(parse.invoke(parser, theirs)) ? 1 : 0;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Loads {@code io.devlogs.*} from its own URLs before asking its parent. */
  private static final class OwnClassesFirst extends URLClassLoader {
    OwnClassesFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.devlogs.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

  private static List<String> lines(Path dir, String suffix) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  /** The non-JSON lines of every corpus format (text lines; JSON takes another path). */
  private static List<String> textLines(Path formats) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(formats)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (String line : Files.readAllLines(dir.resolve("sample.log"), StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.startsWith("{")) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  private static long countDirs(Path dir) throws IOException {
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(Files::isDirectory).count();
    }
  }
}
