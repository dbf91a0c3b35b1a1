package io.devlogs.settings;

import io.devlogs.settings.keys.AuthKeys;
import io.devlogs.settings.keys.CassandraKeys;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.EndpointKeys;
import io.devlogs.settings.keys.HealthKeys;
import io.devlogs.settings.keys.IngestKeys;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.NotifyKeys;
import io.devlogs.settings.keys.PeopleKeys;
import io.devlogs.settings.keys.PostgresKeys;
import io.devlogs.settings.keys.QueryKeys;
import io.devlogs.settings.keys.SchemaKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key of devlogs: the {@code public static final Setting} fields of the classes
 * in {@code io.devlogs.settings.keys}, one class per concern. A new setting is one declaration
 * there plus the code that reads it; the README's key table and {@code bin/devlogs env} are
 * generated from this list, and a test fails when they drift.
 */
public final class SettingsRegistry {
  private SettingsRegistry() {}

  /** The key classes, in the order the README lists them. */
  private static final List<Class<?>> KEY_CLASSES =
      List.of(
          KafkaKeys.class,
          PostgresKeys.class,
          ClickHouseKeys.class,
          CassandraKeys.class,
          IngestKeys.class,
          AuthKeys.class,
          QueryKeys.class,
          PeopleKeys.class,
          NotifyKeys.class,
          HealthKeys.class,
          JobKeys.class,
          SchemaKeys.class,
          EndpointKeys.class);

  /** Every declared setting, by key class and then in declaration order. */
  public static List<Setting<?>> all() {
    List<Setting<?>> settings = new ArrayList<>();
    for (Class<?> keys : KEY_CLASSES) {
      for (Field field : keys.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
          try {
            settings.add((Setting<?>) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
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
