package dev.sslbench.pipelines;

import dev.sslbench.core.data.DatasetFormatException;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardFormatException;
import dev.sslbench.pipelines.transforms.AugmentPairs;
import dev.sslbench.pipelines.transforms.ReadImages;
import dev.sslbench.pipelines.transforms.WriteShards;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preprocesses a source image dataset into a view-pair dataset: reads the images, draws the
 * augmented pairs, writes shards and manifest into a temporary sibling of the output and swaps
 * it into place only when complete.
 */
public final class Preprocess {
  private static final Logger LOG = LoggerFactory.getLogger(Preprocess.class);

  private Preprocess() {}

  /**
   * Runs the pipeline and returns the manifest of the new dataset. On failure the temporary
   * directory is deleted and any previous output is left as it was.
   */
  public static DatasetManifest run(PreprocessOptions opts) throws IOException {
    if (opts.getOutput() == null || opts.getOutput().isBlank()) {
      throw new IllegalArgumentException("--output is required");
    }
    PreprocessPlan plan = PreprocessPlan.resolve(opts);
    Path output = Path.of(opts.getOutput()).toAbsolutePath().normalize();
    OutputDirs.checkReplaceable(output);
    Path tmp = OutputDirs.createTemp(output);
    try {
      Pipeline p = Pipeline.create(opts);
      PreprocessPipeline.build(p, plan, tmp, Instant.now().toString());
      PipelineResult result = runToCompletion(p);
      logCounters(result);
      // Check what was written before it replaces anything.
      ShardDataset.open(tmp);
      OutputDirs.replace(tmp, output);
    } catch (IOException | RuntimeException | Error e) {
      try {
        OutputDirs.deleteRecursively(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    DatasetManifest m = DatasetManifest.read(output);
    LOG.info("wrote {} pairs of {} images ({}) in {} shards to {}", m.pairs(), m.images(),
        m.shape(), m.shards().size(), output);
    return m;
  }

  private static PipelineResult runToCompletion(Pipeline p) throws IOException {
    try {
      PipelineResult result = p.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("preprocess pipeline ended in state " + state);
      }
      return result;
    } catch (PipelineExecutionException e) {
      // The runner wraps the DoFn's exception; surface the one that names the file and record.
      Throwable cause = e.getCause();
      if (cause instanceof DatasetFormatException
          || cause instanceof ShardFormatException
          || cause instanceof IllegalArgumentException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof IOException io) {
        throw new IOException("preprocess pipeline failed: " + io.getMessage(), io);
      }
      throw new IllegalStateException("preprocess pipeline failed: " + cause, cause);
    }
  }

  private static void logCounters(PipelineResult result) {
    MetricsFilter.Builder filter = MetricsFilter.builder();
    for (Class<?> step : List.of(ReadImages.class, AugmentPairs.class, WriteShards.class)) {
      filter.addNameFilter(MetricNameFilter.inNamespace(step.getName()));
    }
    MetricQueryResults metrics = result.metrics().queryMetrics(filter.build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      LOG.info("counter {} = {}", c.getName().getName(), c.getAttempted());
    }
  }

  /** Parses Beam-style options ({@code --help} lists them) and runs the pipeline. */
  public static void main(String[] args) throws IOException {
    PipelineOptionsFactory.register(PreprocessOptions.class);
    PreprocessOptions opts =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(PreprocessOptions.class);
    DatasetManifest m;
    try {
      m = run(opts);
    } catch (DatasetFormatException | ShardFormatException | IllegalArgumentException e) {
      System.err.println("preprocess failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.printf(Locale.ROOT, "%s %s: %d images x %d epochs = %d pairs (%d dead letters), "
            + "%d shards in %s%n",
        m.dataset(), m.split(), m.images(), m.augmentationEpochs(), m.pairs(), m.deadLetters(),
        m.shards().size(), opts.getOutput());
  }
}
