package dev.sslbench.core.tracking;

import java.util.Map;

/**
 * A run as read back from the tracking server: identity, status, params, tags and the latest value
 * of each metric.
 */
public record RunRecord(
    String runId,
    String experimentId,
    String runName,
    String status,
    String artifactUri,
    long startTime,
    long endTime,
    Map<String, String> params,
    Map<String, String> tags,
    Map<String, Double> metrics) {

  public RunRecord {
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
    metrics = Map.copyOf(metrics);
  }

  /** The parent run's id, or {@code null} for a top-level run. */
  public String parentRunId() {
    return tags.get(TrackingKeys.PARENT_RUN_ID);
  }
}
