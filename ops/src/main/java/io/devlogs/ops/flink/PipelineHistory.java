package io.devlogs.ops.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the launcher keeps about the pipeline job under {@code .devlogs/data/flink}: the savepoint
 * of its last stop ({@code last-savepoint}), the ids of the jobs it submitted ({@code
 * pipeline-jobs}, newest last; their retained checkpoints are the pipeline's, other jobs on the
 * cluster such as the benchmark's keep theirs apart), and the cluster's checkpoint and savepoint
 * directories.
 */
public final class PipelineHistory {
  private static final int JOBS_KEPT = 20;

  private final Path flinkData;

  /**
   * @param flinkData {@code .devlogs/data/flink}
   */
  public PipelineHistory(Path flinkData) {
    this.flinkData = flinkData;
  }

  public Path lastSavepointFile() {
    return flinkData.resolve("last-savepoint");
  }

  public Path pipelineJobsFile() {
    return flinkData.resolve("pipeline-jobs");
  }

  public Path savepointsDirectory() {
    return flinkData.resolve("savepoints");
  }

  public Path checkpointsDirectory() {
    return flinkData.resolve("checkpoints");
  }

  /** Adds a submitted job's id, keeping the newest twenty. */
  public void recordJob(String jobId) {
    List<String> ids = new ArrayList<>(lines(pipelineJobsFile()));
    ids.add(jobId);
    write(pipelineJobsFile(), ids.subList(Math.max(0, ids.size() - JOBS_KEPT), ids.size()));
  }

  public void recordSavepoint(String location) {
    write(lastSavepointFile(), List.of(location));
  }

  public Optional<String> lastSavepoint() {
    return lines(lastSavepointFile()).stream().filter(line -> !line.isBlank()).findFirst();
  }

  /**
   * The newest completed checkpoint (a {@code chk-N} directory with its {@code _metadata}) of the
   * pipeline's jobs. Checkpoints are retained when a job is cancelled or lost, not when it ends
   * with a savepoint.
   */
  public Optional<Checkpoint> newestCheckpoint() {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String line : lines(pipelineJobsFile())) {
      if (line.matches("[0-9a-f]{32}")) {
        ids.add(line);
      }
    }
    List<Checkpoint> found = new ArrayList<>();
    for (String id : ids) {
      Path jobDir = checkpointsDirectory().resolve(id);
      if (!Files.isDirectory(jobDir)) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(jobDir)) {
        dirs.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
            .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
            .forEach(dir -> found.add(new Checkpoint(dir, modified(dir.resolve("_metadata")))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found.stream().max(Comparator.comparing(Checkpoint::written));
  }

  /**
   * Where to resume the pipeline from: the newer of the last savepoint and the newest retained
   * checkpoint, or nothing (the consumer group's committed offsets). The savepoint stays a
   * candidate after a job resumed from it: a job that completed no checkpoint since (one that
   * stalled, or was cancelled at once) must resume from it again, not from an older retained
   * checkpoint, whose replay would write what the exactly-once sinks already committed a second
   * time.
   */
  public Optional<String> restorePoint() {
    Optional<String> savepoint = lastSavepoint();
    long savepointSeconds =
        savepoint
            .map(location -> Path.of(location.replaceFirst("^file:", "")).resolve("_metadata"))
            .filter(Files::isRegularFile)
            .map(metadata -> modified(metadata).toMillis() / 1000)
            .orElse(0L);
    Optional<Checkpoint> checkpoint = newestCheckpoint();
    if (checkpoint.isPresent() && checkpoint.get().written().toMillis() / 1000 > savepointSeconds) {
      return Optional.of(checkpoint.get().directory().toString());
    }
    return savepoint;
  }

  /** A retained checkpoint: its {@code chk-N} directory and when its metadata was written. */
  public record Checkpoint(Path directory, FileTime written) {}

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
