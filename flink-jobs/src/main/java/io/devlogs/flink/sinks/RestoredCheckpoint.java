package io.devlogs.flink.sinks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id of the savepoint or retained checkpoint a job is submitted to resume from ({@code
 * execution.state-recovery.path}), read from its {@code _metadata} as Flink itself reads it.
 */
public final class RestoredCheckpoint {

  private static final Logger LOG = LoggerFactory.getLogger(RestoredCheckpoint.class);

  private RestoredCheckpoint() {}

  /**
   * The id of the checkpoint the job restores, or none for a fresh start. A path this process
   * cannot read (a client without the cluster's storage credentials) also gives none, with a
   * warning: the caller then behaves as before it knew.
   */
  public static OptionalLong of(ReadableConfig configuration) {
    return configuration
        .getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
        .map(RestoredCheckpoint::idAt)
        .orElse(OptionalLong.empty());
  }

  private static OptionalLong idAt(String pointer) {
    try {
      CompletedCheckpointStorageLocation location =
          AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(pointer);
      try (InputStream in = location.getMetadataHandle().openInputStream()) {
        long id =
            Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in),
                    Thread.currentThread().getContextClassLoader(),
                    location.getExternalPointer())
                .getCheckpointId();
        return OptionalLong.of(id);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not read the checkpoint id of {}: {}", pointer, e.toString());
      return OptionalLong.empty();
    }
  }
}
