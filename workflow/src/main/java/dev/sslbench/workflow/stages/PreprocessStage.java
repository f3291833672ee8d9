package dev.sslbench.workflow.stages;

import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.pipelines.Preprocess;
import dev.sslbench.pipelines.PreprocessOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The preprocess stage: runs the Beam pipeline that writes view-pair shards, and tracks it. */
public final class PreprocessStage {

  /** The shards a preprocess run wrote and the run that wrote them. */
  public record Outcome(Path datasetDir, DatasetManifest manifest, String runId) {}

  private PreprocessStage() {}

  /** What decides the shards' bytes (not where they go, nor the runner: every runner writes the same bytes). */
  public static Map<String, String> settings(PreprocessOptions options) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("preprocess.dataset", options.getDatasetName());
    params.put("preprocess.input", options.getInput());
    params.put("preprocess.format", options.getFormat());
    params.put("preprocess.split", options.getSplit());
    params.put("preprocess.limit", String.valueOf(options.getLimit()));
    params.put("preprocess.preset", options.getPreset());
    params.put("preprocess.augmentation_epochs", String.valueOf(options.getAugmentationEpochs()));
    params.put("preprocess.num_shards", String.valueOf(options.getNumShards()));
    params.put("seed", String.valueOf(options.getSeed()));
    return params;
  }

  public static Outcome run(StageContext ctx, PreprocessOptions options, String stageKey) {
    return ctx.inRun(
        "preprocess",
        "preprocess",
        stageKey,
        Map.of("sslbench.runner", options.getRunner().getSimpleName()),
        run -> {
          Map<String, String> params = new LinkedHashMap<>(settings(options));
          params.put("preprocess.runner", options.getRunner().getSimpleName());
          params.put("preprocess.output", options.getOutput());
          run.logParams(params);
          long start = System.nanoTime();
          DatasetManifest manifest;
          try {
            manifest = Preprocess.run(options);
          } catch (IOException e) {
            throw new UncheckedIOException("preprocess into " + options.getOutput() + ": " + e.getMessage(), e);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          Path dir = Path.of(options.getOutput());
          run.log("images", manifest.images(), 0);
          run.log("pairs", manifest.pairs(), 0);
          run.log("dead_letters", manifest.deadLetters(), 0);
          run.log("pairs_per_s", manifest.pairs() / Math.max(seconds, 1e-9), 0);
          run.log("seconds", seconds, 0);
          run.logArtifact(dir.resolve("manifest.json"), null);
          System.err.printf(
              "[preprocess] %d images -> %d view pairs in %d shards, %.1f s (%.0f pairs/s)%n",
              manifest.images(), manifest.pairs(), manifest.shards().size(), seconds, manifest.pairs() / seconds);
          return new Outcome(dir, manifest, run.runId());
        });
  }
}
