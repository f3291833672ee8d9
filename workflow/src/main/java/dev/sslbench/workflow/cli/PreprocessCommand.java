package dev.sslbench.workflow.cli;

import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.pipelines.PreprocessOptions;
import dev.sslbench.workflow.stages.PreprocessStage;
import dev.sslbench.workflow.stages.StageContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Runs the Beam preprocess pipeline; every other argument is a standard Beam pipeline option. */
@Command(
    name = "preprocess",
    description = {
      "Reads a dataset and writes seeded augmented view-pair shards with a Beam pipeline.",
      "Arguments other than the ones below are Beam pipeline options, e.g.:",
      "  --input=/usr/share/datasets/fashion-mnist --output=runs/data --limit=1000 --seed=1",
      "  --augmentationEpochs=2 --preset=byol --numShards=8 --runner=DirectRunner",
      "--help lists them all with their defaults."
    })
public final class PreprocessCommand implements Callable<Integer> {
  @Mixin TrackingOptions tracking;

  @Option(names = "--experiment", defaultValue = "preprocess", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
  String experiment;

  @Option(names = {"-h", "--help"}, description = "Show this help and the Beam pipeline options.")
  boolean help;

  @Unmatched List<String> beamArgs = List.of();

  @Override
  public Integer call() {
    if (help) {
      new picocli.CommandLine(this).usage(System.out);
      System.out.println();
      PipelineOptionsFactory.register(PreprocessOptions.class);
      PipelineOptionsFactory.printHelp(System.out, PreprocessOptions.class);
      return 0;
    }
    PreprocessOptions options =
        PipelineOptionsFactory.fromArgs(beamArgs.toArray(String[]::new)).withValidation().as(PreprocessOptions.class);
    try (MlflowTracking mlflow = tracking.connect()) {
      StageContext ctx = StageContext.standalone(mlflow, experiment, tracking.workDir(), tracking.reportsDir());
      PreprocessStage.Outcome out = PreprocessStage.run(ctx, options, null);
      System.out.println("wrote " + out.manifest().pairs() + " view pairs to " + out.datasetDir());
    }
    return 0;
  }
}
