package dev.sslbench.workflow.stages;

import dev.sslbench.core.config.ExperimentConfig.PretrainConfig;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.PretrainResult;
import dev.sslbench.training.Pretrainer;
import dev.sslbench.training.backbone.BackboneSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The pretrain stage: one SSL method on the shards, tracked, ending in a backbone checkpoint. */
public final class PretrainStage {

  /** The checkpoint a pretraining wrote and the run that wrote it. */
  public record Outcome(String runId, Path checkpointDir, PretrainResult result) {}

  private PretrainStage() {}

  /**
   * Resolves the options of one pretraining: the method's defaults, then what the experiment file sets. Config
   * epochs are image epochs; each pass over the shards holds {@code augmentationEpochs} of them.
   */
  public static PretrainOptions options(
      PretrainConfig p, String backbonePreset, int channels, int augmentationEpochs, long seed) {
    if (p.epochs() % augmentationEpochs != 0) {
      throw new IllegalArgumentException(
          "epochs " + p.epochs() + " is not a multiple of the shards' augmentation epochs (" + augmentationEpochs
              + "): each pass over the shards is " + augmentationEpochs + " image epochs");
    }
    BackboneSpec spec = BackboneSpec.preset(backbonePreset, channels);
    if (p.encoderNorm() != null) {
      spec = spec.withNorm(p.encoderNorm());
    }
    PretrainOptions o = PretrainOptions.defaults(p.method(), spec);
    o = o.withEpochs(p.epochs() / augmentationEpochs).withBatchSize(p.batchSize()).withSeed(seed);
    o =
        o.withOptimizer(
            p.optimizer() != null ? p.optimizer() : o.optimizer(),
            p.lr() != null ? p.lr() : o.lr(),
            p.weightDecay() != null ? p.weightDecay() : o.weightDecay(),
            p.momentum() != null ? p.momentum() : o.momentum());
    if (p.warmupEpochs() != null) {
      o = o.withWarmupEpochs(p.warmupEpochs() / augmentationEpochs);
    }
    if (p.tauBase() != null) {
      o = o.withTauBase(p.tauBase());
    }
    if (p.maxSteps() != null) {
      o = o.withMaxSteps(p.maxSteps());
    }
    if (p.projectorNorm() != null || p.predictorNorm() != null) {
      o =
          o.withHeadNorms(
              p.projectorNorm() != null ? p.projectorNorm() : o.projectorNorm(),
              p.predictorNorm() != null ? p.predictorNorm() : o.predictorNorm());
    }
    PretrainOptions.MethodParams m = o.methodParams();
    if (p.stopGradient() != null) {
      m = m.withStopGradient(p.stopGradient());
    }
    if (p.predictor() != null) {
      m = m.withPredictor(p.predictor());
    }
    if (p.temperature() != null) {
      m = m.withTemperature(p.temperature());
    }
    return o.withMethodParams(m);
  }

  /** Trains into {@code outDir} (the checkpoint goes to {@code outDir/checkpoint}). */
  public static Outcome run(
      StageContext ctx, PreprocessStage.Outcome data, String label, PretrainOptions options, Path outDir,
      String stageKey) {
    int augmentationEpochs = data.manifest().augmentationEpochs();
    String method = options.method();
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    tags.put(StageContext.METHOD_TAG, method);
    tags.put(StageContext.LABEL_TAG, label);
    if (data.runId() != null) {
      tags.put(StageContext.SHARDS_RUN_TAG, data.runId());
    }
    return ctx.inRun(
        "pretrain-" + label,
        "pretrain",
        stageKey,
        tags,
        run -> {
          Map<String, String> params = new java.util.LinkedHashMap<>(options.asParams());
          // The table's epochs are passes over the images, as in the papers.
          params.put("train_passes", params.get("epochs"));
          params.put("epochs", String.valueOf(options.epochs() * augmentationEpochs));
          params.put("data.dir", data.datasetDir().toString());
          params.put("data.pairs", String.valueOf(data.manifest().pairs()));
          run.logParams(params);
          PretrainResult result;
          try {
            result = new Pretrainer().run(options, ShardDataset.open(data.datasetDir()), outDir, run);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          run.log("final_loss", result.finalLoss(), result.steps());
          run.log("final_z_std", result.finalZStd(), result.steps());
          run.log("mean_throughput_img_s", result.imagesPerSecond(), result.steps());
          run.log("mean_loader_wait_fraction", result.loaderWaitFraction(), result.steps());
          run.log("train_seconds", result.seconds(), result.steps());
          run.logArtifacts(result.checkpointDir(), "checkpoint");
          System.err.printf(
              "[pretrain-%s] %d steps in %.0f s, %.0f img/s, loader wait %.1f%%, final loss %.4f, z_std %.4f%n",
              label, result.steps(), result.seconds(), result.imagesPerSecond(),
              100 * result.loaderWaitFraction(), result.finalLoss(), result.finalZStd());
          return new Outcome(run.runId(), result.checkpointDir(), result);
        });
  }
}
