package dev.sslbench.workflow.stages;

import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.RunRecord;
import java.util.List;
import java.util.Optional;

/**
 * Finished stage runs of an experiment, by stage key. A hit is the newest FINISHED run that computed the key itself
 * (not an earlier cache hit pointing at it).
 */
public final class StageCache {
  public static final String KEY_TAG = "sslbench.stage_key";
  public static final String REUSES_TAG = "sslbench.reuses_run_id";

  private final MlflowTracking tracking;
  private final String experimentId;

  public StageCache(MlflowTracking tracking, String experimentId) {
    this.tracking = tracking;
    this.experimentId = experimentId;
  }

  public Optional<RunRecord> finished(String key) {
    List<RunRecord> runs =
        tracking.searchRuns(
            experimentId, "tags.`" + KEY_TAG + "` = '" + key + "' and attributes.status = 'FINISHED'");
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (!runs.get(i).tags().containsKey(REUSES_TAG)) {
        return Optional.of(runs.get(i));
      }
    }
    return Optional.empty();
  }

  /** The run a child stands for: the original run of a cache hit, else the child itself. */
  public RunRecord resolve(RunRecord child) {
    String original = child.tags().get(REUSES_TAG);
    return original == null ? child : tracking.read(original);
  }
}
