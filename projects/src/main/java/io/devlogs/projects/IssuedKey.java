package io.devlogs.projects;

import java.util.Objects;

/** A key just issued: the raw key, shown once and stored nowhere, and what may be shown later. */
public record IssuedKey(String rawKey, ApiKeyInfo info) {
  public IssuedKey {
    Objects.requireNonNull(rawKey, "rawKey");
    Objects.requireNonNull(info, "info");
  }

  @Override
  public String toString() {
    return "IssuedKey[" + info + "]";
  }
}
