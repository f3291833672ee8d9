package dev.sslbench.core.tracking;

/** Receives step-indexed metrics; training and evaluation log through this, never to MLflow directly. */
@FunctionalInterface
public interface MetricSink {

  /** A sink that drops everything, for code paths that run untracked (unit tests, benchmarks). */
  MetricSink NONE = (key, value, step) -> {};

  void log(String key, double value, long step);
}
