package io.devlogs.query.http;

import io.devlogs.projects.ProjectKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key lookups where concurrent requests with the same key share one lookup. A crowd of dashboard
 * users of one project sends the same key many times a second; when its cache entry expires, each
 * request would otherwise open its own PostgreSQL connection at once, and a few hundred of them
 * exhaust PostgreSQL's connections (every request then waits, then fails with 503). Keys are held
 * only while their lookup runs, under their hash.
 */
public final class SharedKeyLookups implements QueryKeys {

  private final QueryKeys keys;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<ProjectKey>>> running =
      new ConcurrentHashMap<>();

  public SharedKeyLookups(QueryKeys keys) {
    this.keys = keys;
  }

  @Override
  public Optional<ProjectKey> authenticate(String rawKey) {
    if (rawKey == null) {
      return keys.authenticate(null);
    }
    String id = Authentication.keyIdOf(rawKey);
    CompletableFuture<Optional<ProjectKey>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<ProjectKey>> first = running.putIfAbsent(id, mine);
    if (first != null) {
      try {
        return first.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
      }
    }
    try {
      Optional<ProjectKey> result = keys.authenticate(rawKey);
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(id, mine);
    }
  }
}
