package io.devlogs.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Prometheus registry of a service process: its own metrics, registered by the service, next to
 * the process's and the JVM's (CPU seconds, resident memory, open files, heap, garbage collection,
 * threads, JIT), so an operator and {@code bin/devlogs bench crowd} can see what a service costs
 * from its {@code /metrics} alone.
 */
public final class ServiceRegistry {

  private ServiceRegistry() {}

  /** A new registry holding the process and JVM metrics. */
  public static PrometheusRegistry create() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }
}
