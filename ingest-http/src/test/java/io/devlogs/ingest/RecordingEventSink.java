package io.devlogs.ingest;

import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.EventSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory sink for handler tests: records batches, or fails every send when told to. */
final class RecordingEventSink implements EventSink {

  final List<EventBatch> batches = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;

  @Override
  public CompletableFuture<Void> send(EventBatch batch) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    batches.add(batch);
    return CompletableFuture.completedFuture(null);
  }

  List<String> events() {
    return batches.stream()
        .flatMap(b -> b.events().stream())
        .map(e -> new String(e, java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }
}
