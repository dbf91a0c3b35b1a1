package io.devlogs.settings;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.GENERATOR;
import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.JOB;
import static io.devlogs.settings.Component.QUERY;
import static io.devlogs.settings.Component.SCHEMA;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key of devlogs, declared once. A new setting is one declaration here plus the
 * code that reads it; the README's key table and {@code bin/devlogs env} are generated from this
 * list ({@code SettingsRegistryTest} fails when the README drifts).
 */
public final class SettingsRegistry {
  private SettingsRegistry() {}

  // --- Kafka ------------------------------------------------------------------------------

  public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS =
      Setting.of(
          "kafka.bootstrap-servers",
          ValueType.TEXT,
          "127.0.0.1:19092",
          "Kafka brokers, comma-separated host:port",
          INGEST,
          JOB,
          QUERY,
          SCHEMA,
          BENCH);

  public static final Setting<String> KAFKA_RAW_TOPIC =
      Setting.of(
          "kafka.raw-topic",
          ValueType.TEXT,
          "devlogs-raw",
          "the topic ingest writes accepted events to and the job reads",
          INGEST,
          JOB,
          SCHEMA,
          BENCH,
          GENERATOR);

  // --- PostgreSQL ---------------------------------------------------------------------------

  public static final Setting<String> POSTGRES_URL =
      Setting.of(
          "postgres.url",
          ValueType.TEXT,
          "jdbc:postgresql://127.0.0.1:15432/devlogs",
          "projects, API keys and project settings",
          INGEST,
          QUERY,
          JOB,
          SCHEMA);

  public static final Setting<String> POSTGRES_USER =
      Setting.of(
          "postgres.user",
          ValueType.TEXT,
          "devlogs",
          "PostgreSQL user",
          INGEST,
          QUERY,
          JOB,
          SCHEMA);

  public static final Setting<String> POSTGRES_PASSWORD =
      Setting.of(
              "postgres.password",
              ValueType.TEXT,
              "devlogs",
              "PostgreSQL password",
              INGEST,
              QUERY,
              JOB,
              SCHEMA)
          .asSecret();

  /** Every declared setting, in declaration order. */
  public static List<Setting<?>> all() {
    List<Setting<?>> settings = new ArrayList<>();
    for (Field field : SettingsRegistry.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
        try {
          settings.add((Setting<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.copyOf(settings);
  }

  /** The settings a program reads. */
  public static List<Setting<?>> readBy(Component component) {
    return all().stream().filter(s -> s.readBy().contains(component)).toList();
  }
}
