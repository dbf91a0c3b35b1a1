package io.devlogs.projects;

/**
 * A project already holds as many live (unrevoked, unexpired) keys as it may: revoke one, or raise
 * {@code auth.max-live-keys-per-project}. Without this cap every new key would bring its own rate
 * bucket, and a leaked admin key could mint keys without bound.
 */
public final class LiveKeyLimitException extends RuntimeException {

  /** The setting that holds the cap. */
  public static final String SETTING = "auth.max-live-keys-per-project";

  private final String projectId;
  private final int max;

  public LiveKeyLimitException(String projectId, int max) {
    super(
        "project "
            + projectId
            + " already has "
            + max
            + " live keys, the most "
            + SETTING
            + " allows: revoke keys it no longer uses before issuing another");
    this.projectId = projectId;
    this.max = max;
  }

  public String projectId() {
    return projectId;
  }

  /** The cap that was reached. */
  public int max() {
    return max;
  }
}
