package io.devlogs.http;

/** One dependency {@code /readyz} checks. */
@FunctionalInterface
public interface ReadinessProbe {

  /**
   * Checks the dependency now, within the probe's own short timeout.
   *
   * @throws Exception saying what is wrong when it is not usable
   */
  void check() throws Exception;
}
