package dev.sslbench.workflow.cli;

import dev.sslbench.core.config.ExperimentConfig.PretrainConfig;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.workflow.stages.PreprocessStage;
import dev.sslbench.workflow.stages.PretrainStage;
import dev.sslbench.workflow.stages.StageContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Pretrains one SSL method on a directory of view-pair shards. */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    description = "Pretrains a backbone with an SSL method (DJL, PyTorch engine; GPU when present, else CPU).")
public final class PretrainCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  @Option(names = "--data", required = true, description = "Shard directory written by 'preprocess'.")
  Path data;

  @Option(names = "--method", required = true, completionCandidates = MethodNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
  String method;

  @Option(names = "--backbone", defaultValue = "resnet-tiny", completionCandidates = BackboneNames.class, description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String backbone;

  @Option(names = "--epochs", defaultValue = "2", description = "Image epochs, a multiple of the shards' augmentation epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "256", description = "View pairs per step (default: ${DEFAULT-VALUE}); the method's LR scales with it.")
  int batchSize;

  @Option(names = "--optimizer", description = "sgd, adam or adamw (default: the method's).")
  String optimizer;

  @Option(names = "--lr", description = "Peak learning rate (default: the method's, scaled with batch / 256).")
  Double lr;

  @Option(names = "--weight-decay", description = "Weight decay on weights, never on biases or norms (default: the method's).")
  Double weightDecay;

  @Option(names = "--momentum", description = "SGD momentum / Adam beta1 (default: the method's).")
  Double momentum;

  @Option(names = "--warmup-epochs", description = "Linear LR warm-up in image epochs (default: the method's).")
  Double warmupEpochs;

  @Option(names = "--tau-base", description = "BYOL's base EMA momentum (default: 0.99).")
  Double tauBase;

  @Option(names = "--max-steps", description = "Stop after this many steps (default: all epochs).")
  Integer maxSteps;

  @Option(names = "--label", description = "Name of this run in tables and MLflow (default: the method).")
  String label;

  @Option(names = "--encoder-norm", description = "Backbone norm: bn, gn_ws (GroupNorm + Weight Standardization), ln or none (default: bn).")
  String encoderNorm;

  @Option(names = "--projector-norm", description = "Projector norm: bn, ln or none (default: the method's).")
  String projectorNorm;

  @Option(names = "--predictor-norm", description = "Predictor norm (BYOL, SimSiam): bn, ln or none (default: bn).")
  String predictorNorm;

  @Option(names = "--stop-gradient", negatable = true, description = "Stop-gradient on the target branch (BYOL, SimSiam; default: on).")
  Boolean stopGradient;

  @Option(names = "--predictor", negatable = true, description = "BYOL's predictor (default: on).")
  Boolean predictor;

  @Option(names = "--temperature", description = "Softmax temperature (SimCLR, MoCo v2, SwAV; default: the method's).")
  Double temperature;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Output directory (default: <work-dir>/<experiment>/pretrain).")
  Path out;

  @Option(names = "--experiment", defaultValue = "pretrain", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
  String experiment;

  @Override
  public Integer call() throws IOException {
    DatasetManifest manifest = DatasetManifest.read(data);
    PretrainConfig config =
        new PretrainConfig(
            method, label, epochs, batchSize, optimizer, lr, weightDecay, momentum, warmupEpochs, tauBase, maxSteps,
            encoderNorm, projectorNorm, predictorNorm, stopGradient, predictor, temperature);
    PretrainOptions options =
        PretrainStage.options(config, backbone, manifest.shape().channels(), manifest.augmentationEpochs(), seed);
    try (MlflowTracking mlflow = tracking.connect()) {
      StageContext ctx = StageContext.standalone(mlflow, experiment, tracking.workDir(), tracking.reportsDir());
      Path dir = out != null ? out : tracking.workDir().resolve(experiment).resolve("pretrain");
      PretrainStage.Outcome outcome =
          PretrainStage.run(
              ctx, new PreprocessStage.Outcome(data, manifest, null), config.label(), options,
              dir.resolve(config.label()), null);
      System.out.println("checkpoint: " + outcome.checkpointDir());
    }
    return 0;
  }
}
