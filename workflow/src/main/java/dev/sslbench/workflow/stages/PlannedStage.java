package dev.sslbench.workflow.stages;

import dev.sslbench.core.tracking.RunRecord;
import java.util.Optional;

/** One stage of an experiment's plan: its run name, kind, key, and the finished run that already computed it. */
public record PlannedStage(String runName, String stage, String key, Optional<RunRecord> cached) {

  public boolean skipped() {
    return cached.isPresent();
  }

  public String describe() {
    return String.format(
        "  %-22s key %s  %s",
        runName,
        key,
        cached.map(r -> "cached: finished run " + r.runId() + ", skipped").orElse("runs"));
  }
}
