package io.devlogs.schema;

import java.nio.file.Path;

/** One store whose schema is kept as DDL files; applying twice changes nothing. */
interface SchemaTarget {

  /** The name of the store, which is also the name of its folder under the DDL root. */
  String name();

  /** Applies every DDL file of this store found in {@code folder}. */
  void apply(Path folder) throws Exception;
}
