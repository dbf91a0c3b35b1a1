package io.devlogs.flink.state;

import io.devlogs.flink.state.JobStateTypes.StateType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The committed state of {@link JobStateTypes}, as a savepoint stores it: per state type, {@code
 * <name>.snapshot} (its serializer's snapshot, the way Flink writes it into a savepoint's metadata)
 * and {@code <name>.sample} (the sample value written by that serializer).
 */
final class StateSnapshotFiles {

  /** Where the generator writes them, relative to the flink-jobs module. */
  static final Path SOURCE_DIRECTORY = Path.of("src/test/resources/savepoint-compat");

  private static final String RESOURCE_DIRECTORY = "/savepoint-compat/";

  private StateSnapshotFiles() {}

  static <T> void write(StateType<T> type, Path directory) throws IOException {
    DataOutputSerializer snapshot = new DataOutputSerializer(256);
    TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(
        snapshot, type.serializer().snapshotConfiguration());
    Files.write(directory.resolve(type.name() + ".snapshot"), snapshot.getCopyOfBuffer());
    Files.write(
        directory.resolve(type.name() + ".sample"), serialize(type.serializer(), type.sample()));
  }

  /** The committed serializer snapshot of a state type. */
  static <T> TypeSerializerSnapshot<T> snapshot(StateType<T> type) throws IOException {
    return TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
        new DataInputDeserializer(resource(type.name() + ".snapshot")),
        StateSnapshotFiles.class.getClassLoader());
  }

  /** The committed sample of a state type, as bytes written by the serializer of its snapshot. */
  static byte[] sample(StateType<?> type) {
    return resource(type.name() + ".sample");
  }

  static <T> byte[] serialize(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  static <T> T deserialize(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
    return serializer.deserialize(new DataInputDeserializer(bytes));
  }

  private static byte[] resource(String name) {
    try (InputStream in = StateSnapshotFiles.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "no committed state snapshot "
                + RESOURCE_DIRECTORY
                + name
                + ": a new state type needs one, see SavepointSnapshotGenerator");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
