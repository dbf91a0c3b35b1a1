package io.devlogs.flink.alerts;

import java.io.Serializable;
import java.util.Map;

/** Where the job reads the enabled alert rules and their silences from. */
@FunctionalInterface
public interface RulesSource extends Serializable, AutoCloseable {

  /**
   * Every enabled rule that can be used, by {@link RuleKeys#of}, as {@link LoadedRule#toJson}
   * texts. A rule row that cannot be used is left out (and said so in the log), never fails the
   * load.
   */
  Map<String, String> loadAll() throws Exception;

  /** Releases what loads keep open between calls; nothing by default. */
  @Override
  default void close() {}
}
