package io.devlogs.query.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A cached body as stored outside the process: the project id, a newline, then the body. Reading
 * checks the project, so a key mix-up can never hand one project's result to another.
 */
final class StoredResult {
  private StoredResult() {}

  static byte[] encode(String projectId, byte[] body) {
    byte[] project = projectId.getBytes(StandardCharsets.UTF_8);
    byte[] stored = Arrays.copyOf(project, project.length + 1 + body.length);
    stored[project.length] = '\n';
    System.arraycopy(body, 0, stored, project.length + 1, body.length);
    return stored;
  }

  /** The body if {@code stored} belongs to {@code projectId}. */
  static Optional<byte[]> decode(String projectId, byte[] stored) {
    byte[] project = projectId.getBytes(StandardCharsets.UTF_8);
    if (stored == null
        || stored.length <= project.length
        || stored[project.length] != '\n'
        || !Arrays.equals(stored, 0, project.length, project, 0, project.length)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(stored, project.length + 1, stored.length));
  }
}
