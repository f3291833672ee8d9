package dev.sslbench.workflow.cli;

import dev.sslbench.workflow.stages.Experiments;
import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.workflow.stages.ExperimentRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The quickstart experiment: Fashion-MNIST, BYOL and SimSiam against random-init, kNN and linear probe. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Runs experiments/quickstart.yaml end to end on the embedded defaults: preprocess (Beam DirectRunner),",
      "pretrain BYOL and SimSiam (DJL, CPU), evaluate them and a random-init backbone (kNN, linear),",
      "and print the table. About 20 minutes on 2 cores."
    })
public final class QuickstartCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  @Option(
      names = "--config",
      description = "Experiment file (default: experiments/quickstart.yaml in the sslbench checkout).")
  Path config;

  @Option(names = "--dry-run", description = "Print the plan (stages, keys, which are cached) and stop.")
  boolean dryRun;

  @Option(
      names = "--force",
      split = ",",
      description = "Re-run these stages even when cached: run names (pretrain-byol) or kinds (preprocess, pretrain, eval).")
  java.util.Set<String> force = java.util.Set.of();

  @Override
  public Integer call() {
    Path file = config != null ? config : CheckoutPaths.root().resolve("experiments/quickstart.yaml");
    ExperimentConfig experiment = Experiments.load(file);
    try (MlflowTracking mlflow = tracking.connect()) {
      ExperimentRunner.run(
          mlflow, experiment, file, tracking.workDir(), tracking.reportsDir(), new ExperimentRunner.Settings(dryRun, force));
    }
    return 0;
  }
}
