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
import picocli.CommandLine.Parameters;

/** Runs every stage of one experiment file in order: preprocess, pretrain, evaluate, report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs an experiment file (experiments/*.yaml) end to end and prints its table.")
public final class RunCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  @Parameters(index = "0", description = "The experiment file.")
  Path file;

  @Option(names = "--dry-run", description = "Print the plan (stages, keys, which are cached) and stop.")
  boolean dryRun;

  @Option(
      names = "--force",
      split = ",",
      description = "Re-run these stages even when cached: run names (pretrain-byol) or kinds (preprocess, pretrain, eval).")
  java.util.Set<String> force = java.util.Set.of();

  @Override
  public Integer call() {
    ExperimentConfig experiment = Experiments.load(file);
    try (MlflowTracking mlflow = tracking.connect()) {
      ExperimentRunner.run(
          mlflow, experiment, file, tracking.workDir(), tracking.reportsDir(), new ExperimentRunner.Settings(dryRun, force));
    }
    return 0;
  }
}
