package dev.sslbench.workflow.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslbench.core.config.ConfigLoader;
import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.Params;
import dev.sslbench.core.tracking.Provenance;
import dev.sslbench.core.tracking.RunRecord;
import dev.sslbench.core.tracking.TrackedRun;
import dev.sslbench.pipelines.PreprocessOptions;
import dev.sslbench.training.PretrainOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs one experiment's stages in dependency order (preprocess, each pretraining, an evaluation per backbone,
 * report) as child runs of one parent run in the experiment's MLflow experiment.
 */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /** Runs the experiment and returns its report; prints the table on standard output. */
  public static ReportStage.Outcome run(
      MlflowTracking tracking, ExperimentConfig config, Path configFile, Path workDir, Path reportsDir) {
    long start = System.nanoTime();
    String experimentId = tracking.getOrCreateExperiment(config.name());
    Map<String, String> tags = new LinkedHashMap<>(Provenance.tags());
    tags.put(StageContext.STAGE_TAG, "experiment");
    tags.put("sslbench.experiment_file", String.valueOf(configFile));
    TrackedRun parent = tracking.startRun(experimentId, config.name(), null, tags);
    System.err.println("[sslbench] experiment " + config.name() + ": " + tracking.runUrl(experimentId, parent.runId()));
    try {
      Map<String, String> params = configParams(config);
      parent.logParams(params);
      Path expDir = workDir.resolve(config.name());
      Files.createDirectories(expDir);
      Path resolved = expDir.resolve("resolved-config.yaml");
      Files.writeString(resolved, ConfigLoader.mapper().writeValueAsString(config));
      parent.logArtifact(resolved, "config");
      StageContext ctx =
          new StageContext(tracking, config.name(), experimentId, parent.runId(), params, workDir, reportsDir);

      PreprocessStage.Outcome data = PreprocessStage.run(ctx, preprocessOptions(config, expDir.resolve("data")));
      List<BackboneSource> backbones = new ArrayList<>();
      for (ExperimentConfig.PretrainConfig p : config.pretrain()) {
        PretrainOptions options =
            PretrainStage.options(
                p, config.backbone(), data.manifest().shape().channels(),
                data.manifest().augmentationEpochs(), config.seed());
        PretrainStage.Outcome trained = PretrainStage.run(ctx, data, options, expDir.resolve("pretrain"));
        backbones.add(BackboneSource.pretrained(p.method(), trained.checkpointDir(), trained.runId()));
      }
      if (config.evaluation().randomInit()) {
        backbones.add(BackboneSource.randomInit(config.backbone(), config.seed()));
      }
      for (BackboneSource backbone : backbones) {
        EvalStage.run(ctx, backbone, data.manifest(), EvalStage.options(config), data.runId());
      }
      ReportStage.Outcome report = ReportStage.run(ctx, parent.runId());
      parent.logArtifact(report.markdown(), "report");
      parent.logArtifact(report.csv(), "report");
      double minutes = (System.nanoTime() - start) / 60e9;
      parent.log("wall_minutes", minutes, 0);
      parent.finish("FINISHED");
      System.out.print(report.table().markdown(config.name()));
      System.out.printf(
          "%nwritten: %s, %s%nwall time: %.1f min; MLflow: %s%n",
          report.markdown(), report.csv(), minutes, tracking.runUrl(experimentId, parent.runId()));
      return report;
    } catch (IOException e) {
      parent.finish("FAILED");
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      parent.setTag("sslbench.error", String.valueOf(e.getMessage()));
      parent.finish("FAILED");
      throw e;
    }
  }

  /** The most recent experiment (parent) run of an MLflow experiment. */
  public static String latestExperimentRun(MlflowTracking tracking, String experimentId) {
    List<RunRecord> runs =
        tracking.searchRuns(experimentId, "tags.`" + StageContext.STAGE_TAG + "` = 'experiment'");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("experiment " + experimentId + " has no experiment run to report on");
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
    o.setOutput(output.toAbsolutePath().toString());
    o.setSeed(config.seed());
    o.setAugmentationEpochs(config.preprocess().augmentationEpochs());
    o.setPreset(config.preprocess().preset());
    o.setNumShards(config.preprocess().numShards());
    return o;
  }
}
