package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineHistoryTest {
  private static final String JOB_A = "0d1ed9d53563dfeb430054294cccc1da";
  private static final String JOB_B = "40ab10530e3a4ebc231fe171dbbf0e59";
  private static final String OTHER = "eb4bd774a8ba1848a1b3bfb9f22c953b";

  @TempDir Path flinkData;

  private Path checkpoint(String job, int n, long epochSecond) throws IOException {
    Path dir = flinkData.resolve("checkpoints").resolve(job).resolve("chk-" + n);
    Files.createDirectories(dir);
    Path metadata = Files.writeString(dir.resolve("_metadata"), "m");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return dir;
  }

  private String savepoint(long epochSecond) throws IOException {
    Path dir =
        Files.createDirectories(flinkData.resolve("savepoints").resolve("savepoint-0d1ed9-1"));
    Path metadata = Files.writeString(dir.resolve("_metadata"), "m");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return "file:" + dir;
  }

  @Test
  void nothingRecordedMeansTheCommittedOffsets() {
    assertThat(new PipelineHistory(flinkData).restorePoint()).isEmpty();
  }

  @Test
  void theNewestCheckpointOfThePipelinesOwnJobsOnly() throws IOException {
    PipelineHistory history = new PipelineHistory(flinkData);
    history.recordJob(JOB_A);
    history.recordJob(JOB_B);
    checkpoint(JOB_A, 3, 1_000);
    Path newest = checkpoint(JOB_B, 7, 2_000);
    checkpoint(OTHER, 9, 3_000);
    Files.createDirectories(flinkData.resolve("checkpoints").resolve(JOB_B).resolve("chk-8"));

    assertThat(history.newestCheckpoint().map(PipelineHistory.Checkpoint::directory))
        .contains(newest);
    assertThat(history.restorePoint()).contains(newest.toString());
  }

  @Test
  void theNewerOfTheLastSavepointAndTheNewestCheckpoint() throws IOException {
    PipelineHistory history = new PipelineHistory(flinkData);
    history.recordJob(JOB_A);
    Path checkpoint = checkpoint(JOB_A, 3, 1_000);
    String savepoint = savepoint(2_000);
    history.recordSavepoint(savepoint);
    assertThat(history.restorePoint()).contains(savepoint);

    Files.setLastModifiedTime(
        checkpoint.resolve("_metadata"), FileTime.from(Instant.ofEpochSecond(3_000)));
    assertThat(history.restorePoint()).contains(checkpoint.toString());

    assertThat(history.lastSavepoint())
        .as("kept while checkpoints may go missing")
        .contains(savepoint);
  }

  @Test
  void keepsTheNewestTwentyJobIds() throws IOException {
    PipelineHistory history = new PipelineHistory(flinkData);
    IntStream.range(0, 25).forEach(i -> history.recordJob(String.format("%032x", i)));
    assertThat(Files.readAllLines(history.pipelineJobsFile()))
        .hasSize(20)
        .startsWith(String.format("%032x", 5))
        .endsWith(String.format("%032x", 24));
  }
}
