package dev.sslbench.workflow.stages;

import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.Provenance;
import dev.sslbench.core.tracking.TrackedRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every stage needs: the tracking server, the experiment, the parent run (null for a stage run on its own),
 * the common params logged on every run, the provenance tags (read once: they run git), and where outputs go.
 */
public record StageContext(
    MlflowTracking tracking,
    String experimentName,
    String experimentId,
    String parentRunId,
    Map<String, String> commonParams,
    Map<String, String> provenance,
    Path workDir,
    Path reportsDir) {

  public static final String STAGE_TAG = "sslbench.stage";
  public static final String METHOD_TAG = "sslbench.method";
  /** The run's name in tables: the method, or the label an ablation gives it. */
  public static final String LABEL_TAG = "sslbench.label";
  public static final String PRETRAIN_RUN_TAG = "sslbench.pretrain_run_id";
  public static final String SHARDS_RUN_TAG = "sslbench.preprocess_run_id";

  public StageContext {
    commonParams = Map.copyOf(commonParams);
    provenance = Map.copyOf(provenance);
  }

  /** A context under {@code parentRunId} (null for none), with this process's provenance. */
  public static StageContext of(
      MlflowTracking tracking, String experimentName, String experimentId, String parentRunId,
      Map<String, String> commonParams, Path workDir, Path reportsDir) {
    return new StageContext(
        tracking, experimentName, experimentId, parentRunId, commonParams, Provenance.tags(), workDir, reportsDir);
  }

  /** A context for one stage run on its own, in experiment {@code name}, without a parent run. */
  public static StageContext standalone(MlflowTracking tracking, String name, Path workDir, Path reportsDir) {
    return of(tracking, name, tracking.getOrCreateExperiment(name), null, Map.of(), workDir, reportsDir);
  }

  /**
   * Records that a stage was skipped because {@code original} already computed its key: a finished child run that
   * links to the original (so the UI shows the hit, and the report reads the original's results).
   */
  public void recordCacheHit(String runName, String stage, String stageKey, Map<String, String> tags, String originalRunId) {
    Map<String, String> all = new LinkedHashMap<>(tags);
    all.put(StageCache.REUSES_TAG, originalRunId);
    all.put("sslbench.cache_hit", "true");
    TrackedRun run = tracking.startRun(experimentId, runName, parentRunId, stageTags(stage, stageKey, all));
    if (!commonParams.isEmpty()) {
      run.logParams(commonParams);
    }
    run.finish("FINISHED");
    System.err.println("[sslbench] stage " + runName + ": skipped, reusing " + tracking.runUrl(experimentId, originalRunId));
  }

  /**
   * Runs {@code body} inside a new child run tagged with the stage and provenance. The run ends FINISHED when the
   * body returns and FAILED (with the error as a tag) when it throws; the error is rethrown.
   */
  public <T> T inRun(
      String runName, String stage, String stageKey, Map<String, String> tags, Function<TrackedRun, T> body) {
    TrackedRun run = tracking.startRun(experimentId, runName, parentRunId, stageTags(stage, stageKey, tags));
    System.err.println("[sslbench] stage " + runName + ": " + tracking.runUrl(experimentId, run.runId()));
    try {
      if (!commonParams.isEmpty()) {
        run.logParams(commonParams);
      }
      T result = body.apply(run);
      run.finish("FINISHED");
      return result;
    } catch (RuntimeException | Error e) {
      String message = String.valueOf(e.getMessage());
      run.setTag("sslbench.error", message.length() > 4000 ? message.substring(0, 4000) : message);
      run.finish("FAILED");
      throw e;
    }
  }

  /** Provenance, the stage, its key (when it has one) and the stage's own tags. */
  private Map<String, String> stageTags(String stage, String stageKey, Map<String, String> tags) {
    Map<String, String> all = new LinkedHashMap<>(provenance);
    all.put(STAGE_TAG, stage);
    if (stageKey != null) {
      all.put(StageCache.KEY_TAG, stageKey);
    }
    all.putAll(tags);
    return all;
  }
}
