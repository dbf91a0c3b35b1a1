package io.devlogs.settings;

/** A program that reads settings; the README's key table lists the readers of each key. */
public enum Component {
  INGEST("ingest"),
  QUERY("query"),
  JOB("Flink job"),
  SCHEMA("schema"),
  GENERATOR("generator"),
  BENCH("bench");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  /** How the README names it. */
  public String label() {
    return label;
  }
}
