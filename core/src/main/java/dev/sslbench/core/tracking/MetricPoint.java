package dev.sslbench.core.tracking;

/** One logged value of a metric: its step, value and wall-clock timestamp in epoch milliseconds. */
public record MetricPoint(long step, double value, long timestamp) {}
