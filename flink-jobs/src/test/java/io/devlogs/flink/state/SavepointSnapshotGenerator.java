package io.devlogs.flink.state;

import io.devlogs.flink.state.JobStateTypes.StateType;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed state snapshots that {@link SavepointCompatibilityTest} restores from. Not a
 * test: surefire never runs it by name, and it does nothing without the property below.
 *
 * <p>Regenerate only on purpose, never to make a failing compatibility test pass: new snapshots
 * mean the job can no longer restore the savepoints of the job that runs today. Do it for a state
 * type that is new (its files are missing), or after a release whose savepoints need no longer be
 * restored (it writes only the files that are missing: delete those to write again):
 *
 * <pre>
 * mvn -B -o -pl flink-jobs -am verify -Dtest=SavepointSnapshotGenerator \
 *     -Ddevlogs.regenerate-savepoint-snapshots=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SavepointSnapshotGenerator {

  @Test
  @EnabledIfSystemProperty(named = "devlogs.regenerate-savepoint-snapshots", matches = "true")
  void writeSnapshots() throws Exception {
    Files.createDirectories(StateSnapshotFiles.SOURCE_DIRECTORY);
    for (StateType<?> type : JobStateTypes.all()) {
      if (!Files.exists(StateSnapshotFiles.SOURCE_DIRECTORY.resolve(type.name() + ".snapshot"))) {
        StateSnapshotFiles.write(type, StateSnapshotFiles.SOURCE_DIRECTORY);
      }
    }
  }
}
