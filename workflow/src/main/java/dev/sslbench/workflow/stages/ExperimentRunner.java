package dev.sslbench.workflow.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslbench.core.config.ConfigLoader;
import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.Params;
import dev.sslbench.core.tracking.Provenance;
import dev.sslbench.core.tracking.RunRecord;
import dev.sslbench.core.tracking.TrackedRun;
import dev.sslbench.pipelines.PreprocessOptions;
import dev.sslbench.pipelines.PreprocessPlan;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.checkpoint.BackboneCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs one experiment's stages in dependency order (preprocess, each pretraining, an evaluation per backbone,
 * report) as child runs of one parent run in the experiment's MLflow experiment. Every stage has a key derived
 * from its settings and its inputs' keys; a stage whose key already has a finished run (and, for stages that write
 * files, whose output is still on disk) is skipped and linked instead of recomputed.
 */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /** How to run: {@code force} names stages (run names like {@code pretrain-byol}, or kinds like {@code eval}) to recompute. */
  public record Settings(boolean dryRun, Set<String> force) {
    public static final Settings DEFAULT = new Settings(false, Set.of());

    boolean forced(String runName, String stage) {
      return force.contains(runName) || force.contains(stage);
    }
  }

  /** Runs the experiment and returns its report (empty on a dry run); prints the plan and the table. */
  public static Optional<ReportStage.Outcome> run(
      MlflowTracking tracking, ExperimentConfig config, Path configFile, Path workDir, Path reportsDir) {
    return run(tracking, config, configFile, workDir, reportsDir, Settings.DEFAULT);
  }

  public static Optional<ReportStage.Outcome> run(
      MlflowTracking tracking,
      ExperimentConfig config,
      Path configFile,
      Path workDir,
      Path reportsDir,
      Settings settings) {
    long start = System.nanoTime();
    String experimentId = tracking.getOrCreateExperiment(config.name());
    StageCache cache = new StageCache(tracking, experimentId);
    Path expDir = workDir.resolve(config.name()).toAbsolutePath();

    // The plan: every key is known before anything runs, so the cache can be consulted up front.
    List<PlannedStage> plan = new ArrayList<>();
    PreprocessOptions preprocess = preprocessOptions(config, null);
    String dataKey = StageKeys.key("preprocess", PreprocessStage.settings(preprocess), List.of());
    Path dataDir = expDir.resolve("data-" + dataKey);
    preprocess.setOutput(dataDir.toString());
    PlannedStage dataStage =
        plan(plan, cache, settings, "preprocess", "preprocess", dataKey, r -> Files.isRegularFile(dataDir.resolve("manifest.json")));
    int channels = channels(preprocess);
    int augmentationEpochs = config.preprocess().augmentationEpochs();

    record Training(String label, PretrainOptions options, Path outDir, PlannedStage stage) {}
    List<Training> trainings = new ArrayList<>();
    for (ExperimentConfig.PretrainConfig p : config.pretrain()) {
      PretrainOptions options = PretrainStage.options(p, config.backbone(), channels, augmentationEpochs, config.seed());
      String key = StageKeys.key("pretrain", options.asParams(), List.of(dataKey));
      Path outDir = expDir.resolve("pretrain").resolve(p.label() + "-" + key);
      Path checkpoint = outDir.resolve("checkpoint").resolve(BackboneCheckpoint.META_FILE);
      trainings.add(
          new Training(
              p.label(), options, outDir,
              plan(plan, cache, settings, "pretrain-" + p.label(), "pretrain", key, r -> Files.isRegularFile(checkpoint))));
    }
    EvalOptions evalOptions = EvalStage.options(config);
    record Evaluation(int training, PlannedStage stage) {}
    List<Evaluation> evaluations = new ArrayList<>();
    for (int i = 0; i < trainings.size(); i++) {
      Training t = trainings.get(i);
      String key = StageKeys.key("eval", EvalStage.settings(evalOptions), List.of(t.stage().key(), dataKey));
      evaluations.add(new Evaluation(i, plan(plan, cache, settings, "eval-" + t.label(), "eval", key, r -> true)));
    }
    String randomInitKey =
        StageKeys.key(
            "random-init", Map.of("backbone", config.backbone(), "seed", String.valueOf(config.seed()), "channels", String.valueOf(channels)), List.of());
    if (config.evaluation().randomInit()) {
      String key = StageKeys.key("eval", EvalStage.settings(evalOptions), List.of(randomInitKey, dataKey));
      evaluations.add(new Evaluation(-1, plan(plan, cache, settings, "eval-random-init", "eval", key, r -> true)));
    }
    System.err.println("[sslbench] plan for experiment " + config.name() + " (" + configFile + "):");
    plan.forEach(s -> System.err.println(s.describe()));
    System.err.printf("  %-22s always runs (reads the stages above back from MLflow)%n", "report");
    if (settings.dryRun()) {
      return Optional.empty();
    }

    Map<String, String> provenance = Provenance.tags();
    Map<String, String> tags = new LinkedHashMap<>(provenance);
    tags.put(StageContext.STAGE_TAG, "experiment");
    tags.put("sslbench.experiment_file", String.valueOf(configFile));
    TrackedRun parent = tracking.startRun(experimentId, config.name(), null, tags);
    System.err.println("[sslbench] experiment " + config.name() + ": " + tracking.runUrl(experimentId, parent.runId()));
    try {
      Map<String, String> params = configParams(config);
      parent.logParams(params);
      Files.createDirectories(expDir);
      Path resolved = expDir.resolve("resolved-config.yaml");
      Files.writeString(resolved, ConfigLoader.mapper().writeValueAsString(config));
      parent.logArtifact(resolved, "config");
      StageContext ctx =
          new StageContext(
              tracking, config.name(), experimentId, parent.runId(), params, provenance, workDir, reportsDir);

      PreprocessStage.Outcome data;
      if (dataStage.skipped()) {
        String original = dataStage.cached().get().runId();
        ctx.recordCacheHit("preprocess", "preprocess", dataKey, Map.of(), original);
        data = new PreprocessStage.Outcome(dataDir, DatasetManifest.read(dataDir), original);
      } else {
        data = PreprocessStage.run(ctx, preprocess, dataKey);
      }

      List<BackboneSource> backbones = new ArrayList<>();
      for (Training t : trainings) {
        String method = t.options().method();
        String runId;
        if (t.stage().skipped()) {
          runId = t.stage().cached().get().runId();
          Map<String, String> hitTags =
              Map.of(StageContext.METHOD_TAG, method, StageContext.LABEL_TAG, t.label(), StageContext.SHARDS_RUN_TAG, data.runId());
          ctx.recordCacheHit(t.stage().runName(), "pretrain", t.stage().key(), hitTags, runId);
        } else {
          runId = PretrainStage.run(ctx, data, t.label(), t.options(), t.outDir(), t.stage().key()).runId();
        }
        backbones.add(BackboneSource.pretrained(method, t.label(), t.outDir().resolve("checkpoint"), runId));
      }
      for (Evaluation e : evaluations) {
        BackboneSource backbone =
            e.training() < 0 ? BackboneSource.randomInit(config.backbone(), config.seed()) : backbones.get(e.training());
        if (e.stage().skipped()) {
          Map<String, String> hitTags = new LinkedHashMap<>();
          hitTags.put(StageContext.METHOD_TAG, backbone.method());
          hitTags.put(StageContext.LABEL_TAG, backbone.label());
          if (backbone.pretrainRunId() != null) {
            hitTags.put(StageContext.PRETRAIN_RUN_TAG, backbone.pretrainRunId());
          }
          ctx.recordCacheHit(e.stage().runName(), "eval", e.stage().key(), hitTags, e.stage().cached().get().runId());
        } else {
          EvalStage.run(ctx, backbone, data.manifest(), evalOptions, data.runId(), e.stage().key());
        }
      }
      ReportStage.Outcome report = ReportStage.run(ctx, parent.runId());
      parent.logArtifact(report.markdown(), "report");
      parent.logArtifact(report.csv(), "report");
      double minutes = (System.nanoTime() - start) / 60e9;
      parent.log("wall_minutes", minutes, 0);
      parent.log("stages_skipped", plan.stream().filter(PlannedStage::skipped).count(), 0);
      parent.finish("FINISHED");
      System.out.print(report.table().markdown(config.name()));
      System.out.printf(
          "%nwritten: %s, %s%nwall time: %.1f min; MLflow: %s%n",
          report.markdown(), report.csv(), minutes, tracking.runUrl(experimentId, parent.runId()));
      return Optional.of(report);
    } catch (IOException e) {
      parent.finish("FAILED");
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      parent.setTag("sslbench.error", String.valueOf(e.getMessage()));
      parent.finish("FAILED");
      throw e;
    }
  }

  private static PlannedStage plan(
      List<PlannedStage> plan,
      StageCache cache,
      Settings settings,
      String runName,
      String stage,
      String key,
      Predicate<RunRecord> outputPresent) {
    Optional<RunRecord> hit =
        settings.forced(runName, stage) ? Optional.empty() : cache.finished(key).filter(outputPresent);
    PlannedStage planned = new PlannedStage(runName, stage, key, hit);
    plan.add(planned);
    return planned;
  }

  /** From the dataset's headers, before anything runs, so every stage key is known up front. */
  private static int channels(PreprocessOptions preprocess) {
    return PreprocessPlan.resolve(preprocess).shape().channels();
  }

  /** The most recent experiment (parent) run of an MLflow experiment. */
  public static String latestExperimentRun(MlflowTracking tracking, String experimentId) {
    List<RunRecord> runs =
        tracking.searchRuns(experimentId, "tags.`" + StageContext.STAGE_TAG + "` = 'experiment'");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(
          "MLflow experiment " + experimentId + " has no experiment run to report on (run the experiment first)");
    }
    return runs.get(runs.size() - 1).runId();
  }

  /** The full resolved config, flattened with the same snake_case keys as the YAML file. */
  static Map<String, String> configParams(ExperimentConfig config) {
    JsonNode tree = ConfigLoader.mapper().valueToTree(config);
    Map<String, String> params = new LinkedHashMap<>(Params.flatten(tree));
    params.put("seed", String.valueOf(config.seed()));
    params.put("backbone", config.backbone());
    return params;
  }

  static PreprocessOptions preprocessOptions(ExperimentConfig config, Path output) {
    PreprocessOptions o = PipelineOptionsFactory.as(PreprocessOptions.class);
    o.setInput(config.dataset().path());
    o.setFormat(config.dataset().format());
    o.setDatasetName(config.dataset().name());
    o.setSplit("train");
    o.setLimit(config.preprocess().limit());
    if (output != null) {
      o.setOutput(output.toAbsolutePath().toString());
    }
    o.setSeed(config.seed());
    o.setAugmentationEpochs(config.preprocess().augmentationEpochs());
    o.setPreset(config.preprocess().preset());
    o.setNumShards(config.preprocess().numShards());
    return o;
  }
}
