package io.devlogs.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of libchdb.so's C API that {@link CurrentClickHouse} calls ({@code chdb.h} of chDB
 * 26.x): a connection is a {@code chdb_connection *} from {@code chdb_connect}, queries take the
 * {@code chdb_connection} it points to. Text goes in and out as UTF-8 bytes, whatever the JVM's
 * default charset.
 */
interface LibChdb extends Library {

  /** {@code chdb_connection *chdb_connect(int argc, char **argv)}; NULL on failure. */
  Pointer chdb_connect(int argc, String[] argv);

  /** {@code void chdb_close_conn(chdb_connection *conn)}. */
  void chdb_close_conn(Pointer connection);

  /**
   * {@code chdb_result *chdb_query_n(chdb_connection, const char *, size_t, const char *, size_t)}.
   */
  Pointer chdb_query_n(
      Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

  /** {@code char *chdb_result_buffer(chdb_result *)}. */
  Pointer chdb_result_buffer(Pointer result);

  /** {@code size_t chdb_result_length(chdb_result *)}. */
  long chdb_result_length(Pointer result);

  /** {@code const char *chdb_result_error(chdb_result *)}: NULL when the query succeeded. */
  Pointer chdb_result_error(Pointer result);

  /** {@code void chdb_destroy_query_result(chdb_result *)}. */
  void chdb_destroy_query_result(Pointer result);

  /** Loads the library once per JVM. */
  static LibChdb load(Path library) {
    if (!Files.isRegularFile(library)) {
      throw new IllegalStateException(
          library
              + " does not exist. test-support's build fetches it (fetch-libchdb.sh): build with"
              + " `mvn -pl <module> -am ...`, or point -Ddevlogs.libchdb at a libchdb.so.");
    }
    return Native.load(library.toString(), LibChdb.class);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String utf8(Pointer text, long length) {
    return text == null || length == 0
        ? ""
        : new String(text.getByteArray(0, Math.toIntExact(length)), StandardCharsets.UTF_8);
  }

  static String utf8(Pointer text) {
    return text == null ? null : text.getString(0, StandardCharsets.UTF_8.name());
  }
}
