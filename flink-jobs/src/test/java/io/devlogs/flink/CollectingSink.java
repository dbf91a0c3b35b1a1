package io.devlogs.flink;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

/** Test sink collecting into a static list per instance (MiniCluster runs in this JVM). */
@SuppressWarnings("deprecation")
final class CollectingSink<T> implements SinkFunction<T> {
  private static final Map<String, List<Object>> VALUES = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  CollectingSink() {
    VALUES.put(id, new CopyOnWriteArrayList<>());
  }

  @Override
  public void invoke(T value, Context context) {
    VALUES.get(id).add(value);
  }

  @SuppressWarnings("unchecked")
  List<T> values() {
    return (List<T>) List.copyOf(VALUES.get(id));
  }
}
