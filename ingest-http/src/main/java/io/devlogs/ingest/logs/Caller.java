package io.devlogs.ingest.logs;

import io.devlogs.projects.ProjectKey;
import java.util.Objects;

/**
 * Who is pushing events, and which rate-limit buckets the request draws from.
 *
 * @param key the project and scopes the request authenticated as
 * @param rateLimitBucket the buckets' name: one per API key, one per project for certified clients
 */
public record Caller(ProjectKey key, String rateLimitBucket) {
  public Caller {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rateLimitBucket, "rateLimitBucket");
  }

  public String projectId() {
    return key.projectId();
  }
}
