package dev.sslbench.workflow.cli;

import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.RunRecord;
import dev.sslbench.workflow.stages.ExperimentRunner;
import dev.sslbench.workflow.stages.ReportStage;
import dev.sslbench.workflow.stages.StageContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import dev.sslbench.workflow.stages.Experiments;

/** Rebuilds an experiment's table from MLflow alone. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds the results table (reports/<experiment>/table.md and table.csv) of an experiment run from",
      "the runs tracked in MLflow, and logs it as artifacts of a new report run."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  @Parameters(index = "0", arity = "0..1", description = "Experiment file whose experiment to report on.")
  java.nio.file.Path file;

  @Option(names = "--experiment", description = "MLflow experiment name (default: the file's name: key).")
  String experiment;

  @Option(names = "--run", description = "Experiment (parent) run id (default: the latest one of the experiment).")
  String runId;

  @Override
  public Integer call() {
    if (experiment == null) {
      if (file == null) {
        throw new IllegalArgumentException("name an experiment file or --experiment NAME");
      }
      experiment = Experiments.load(file).name();
    }
    try (MlflowTracking mlflow = tracking.connect()) {
      String experimentId = mlflow.getOrCreateExperiment(experiment);
      String parent = runId != null ? runId : ExperimentRunner.latestExperimentRun(mlflow, experimentId);
      RunRecord parentRun = mlflow.read(parent);
      StageContext ctx =
          StageContext.of(
              mlflow, experiment, experimentId, parentRun.runId(), java.util.Map.of(), tracking.workDir(),
              tracking.reportsDir());
      ReportStage.Outcome outcome = ReportStage.run(ctx, parent);
      System.out.print(outcome.table().markdown(experiment));
      System.out.println("\nwritten: " + outcome.markdown() + ", " + outcome.csv());
    }
    return 0;
  }
}
