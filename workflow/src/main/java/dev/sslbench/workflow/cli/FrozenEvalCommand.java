package dev.sslbench.workflow.cli;

import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.evaluation.KnnOptions;
import dev.sslbench.evaluation.LinearProbeOptions;
import dev.sslbench.workflow.stages.BackboneSource;
import dev.sslbench.workflow.stages.EvalOptions;
import dev.sslbench.workflow.stages.EvalStage;
import dev.sslbench.workflow.stages.StageContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Evaluates a frozen backbone with weighted kNN ({@code eval knn}), a linear probe ({@code eval linear}) or both
 * ({@code eval all}); one instance per protocol.
 */
@Command(
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a frozen backbone on un-augmented images: weighted kNN (cosine, exp(sim/T)) and/or a linear",
      "probe (cross-entropy on frozen features), fit on the train split and reported on the test split."
    })
public final class FrozenEvalCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  private final String protocol;

  public FrozenEvalCommand(String protocol) {
    this.protocol = protocol;
  }

  static final class Backbone {
    @Option(names = "--checkpoint", required = true, description = "Checkpoint directory written by 'pretrain'.")
    Path checkpoint;

    @Option(names = "--random-init", required = true, description = "Evaluate an untrained backbone of --backbone.")
    boolean randomInit;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Backbone backbone;

  @Option(names = "--backbone", defaultValue = "resnet-tiny", completionCandidates = BackboneNames.class, description = "Preset for --random-init, one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--data", required = true, description = "Shard directory whose manifest gives the image shape and normalisation.")
  Path data;

  @Option(names = "--dataset", defaultValue = "/usr/share/datasets/fashion-mnist", description = "Dataset directory (default: ${DEFAULT-VALUE}).")
  Path dataset;

  @Option(names = "--format", defaultValue = "idx", description = "Dataset format: idx, cifar10, cifar100, stl10 or folder (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--train-limit", defaultValue = "0", description = "First N train images to fit on (0 = all).")
  int trainLimit;

  @Option(names = "--test-limit", defaultValue = "0", description = "First N test images to report on (0 = all).")
  int testLimit;

  @Option(names = "--k", defaultValue = "200", description = "kNN neighbours (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--temperature", defaultValue = "0.1", description = "kNN temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--linear-epochs", defaultValue = "100", description = "Linear probe epochs (default: ${DEFAULT-VALUE}).")
  int linearEpochs;

  @Option(names = "--linear-lr", defaultValue = "0.001", description = "Linear probe Adam LR (default: ${DEFAULT-VALUE}).")
  double linearLr;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--method", description = "Method name to record (default: from the checkpoint, or random-init).")
  String method;

  @Option(names = "--experiment", defaultValue = "eval", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
  String experiment;

  @Override
  public Integer call() throws IOException {
    DatasetManifest manifest = DatasetManifest.read(data);
    KnnOptions knn = protocol.equals("linear") ? null : KnnOptions.DEFAULTS.withK(k).withTemperature(temperature);
    LinearProbeOptions linear =
        protocol.equals("knn")
            ? null
            : LinearProbeOptions.DEFAULTS.withEpochs(linearEpochs).withLearningRate(linearLr).withSeed(seed);
    EvalOptions options = new EvalOptions(format, dataset, trainLimit, testLimit, knn, linear);
    BackboneSource source =
        backbone.randomInit
            ? BackboneSource.randomInit(preset, seed)
            : BackboneSource.pretrained(
                method != null ? method : "pretrained", method != null ? method : "pretrained", backbone.checkpoint, null);
    try (MlflowTracking mlflow = tracking.connect()) {
      StageContext ctx = StageContext.standalone(mlflow, experiment, tracking.workDir(), tracking.reportsDir());
      EvalStage.Outcome out = EvalStage.run(ctx, source, manifest, options, null, null);
      if (out.knn() != null) {
        System.out.printf("knn_top1 %.4f  knn_top5 %.4f%n", out.knn().top1(), out.knn().top5());
      }
      if (out.linear() != null) {
        System.out.printf("linear_top1 %.4f  linear_top5 %.4f%n", out.linear().top1(), out.linear().top5());
      }
    }
    return 0;
  }
}
