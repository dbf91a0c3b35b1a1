package io.devlogs.ingest.admin;

import io.devlogs.projects.ApiKeyInfo;
import io.devlogs.projects.IssuedKey;
import io.devlogs.projects.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The JSON shape of keys in admin answers: never the hash; the raw key only when just issued. */
final class KeyJson {

  private KeyJson() {}

  static Map<String, Object> of(ApiKeyInfo key, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", key.id());
    json.put("projectId", key.projectId());
    json.put("prefix", key.prefix());
    json.put("scopes", new TreeSet<>(key.scopes()).stream().map(Scope::dbValue).toList());
    json.put("createdAt", key.createdAt().toString());
    json.put("expiresAt", Objects.toString(key.expiresAt(), null));
    json.put("revokedAt", Objects.toString(key.revokedAt(), null));
    json.put("status", key.status(now));
    return json;
  }

  /** The key's fields and {@code "key"}: the raw key, shown this once. */
  static Map<String, Object> issued(IssuedKey issued, Instant now) {
    Map<String, Object> json = of(issued.info(), now);
    json.put("key", issued.rawKey());
    return json;
  }
}
