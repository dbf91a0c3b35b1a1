package io.devlogs.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.state.JobStateTypes.StateType;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job restores the state that the job of today writes into its savepoints: for every type it
 * keeps in operator or keyed state, the serializer snapshot committed under {@code
 * savepoint-compat/} (written once by {@link SavepointSnapshotGenerator}) is still readable, the
 * current serializer is compatible with it as is (no migration), and a stored value reads back as
 * the value it was.
 *
 * <p>A type that only gained fields since its snapshot ({@code grown}, e.g. {@code
 * LogEvent.patternId}) may need Flink's migration instead: its stored value must read back with the
 * snapshot's serializer and survive the rewrite with today's.
 *
 * <p>It fails when a state class is renamed or moved (a snapshot names the classes, among them
 * {@code io.devlogs.flink.records.LogEvent} and {@code Level}), when a field is added, removed or
 * changes type, or when an enum's constants are reordered or removed.
 */
class SavepointCompatibilityTest {

  static List<StateType<?>> stateTypes() {
    return JobStateTypes.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateTypes")
  <T> void currentSerializerIsCompatibleAsIs(StateType<T> type) throws Exception {
    TypeSerializerSnapshot<T> stored = StateSnapshotFiles.snapshot(type);

    TypeSerializerSchemaCompatibility<T> compatibility =
        type.serializer().snapshotConfiguration().resolveSchemaCompatibility(stored);

    if (type.grown() == null) {
      assertThat(compatibility.isCompatibleAsIs()).as(type.name() + ": " + compatibility).isTrue();
    } else {
      assertThat(compatibility.isCompatibleAsIs() || compatibility.isCompatibleAfterMigration())
          .as(type.name() + " (grown: " + type.grown() + "): " + compatibility)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateTypes")
  <T> void storedValueReadsBack(StateType<T> type) throws Exception {
    TypeSerializer<T> reader =
        type.grown() == null
            ? type.serializer()
            : StateSnapshotFiles.snapshot(type).restoreSerializer();
    T restored = StateSnapshotFiles.deserialize(reader, StateSnapshotFiles.sample(type));

    assertThat(restored).usingRecursiveComparison().isEqualTo(type.sample());
  }

  /** What Flink's migration does with a grown type: reads with the old, writes with the new. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("stateTypes")
  <T> void migratedValueReadsBackWithTodaysSerializer(StateType<T> type) throws Exception {
    T old =
        StateSnapshotFiles.deserialize(
            StateSnapshotFiles.snapshot(type).restoreSerializer(), StateSnapshotFiles.sample(type));

    T migrated =
        StateSnapshotFiles.deserialize(
            type.serializer(), StateSnapshotFiles.serialize(type.serializer(), old));

    assertThat(migrated).usingRecursiveComparison().isEqualTo(type.sample());
  }
}
