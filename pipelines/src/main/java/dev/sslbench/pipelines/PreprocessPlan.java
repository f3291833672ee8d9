package dev.sslbench.pipelines;

import dev.sslbench.core.augment.AugmentationPreset;
import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.data.IdxDataset;
import dev.sslbench.core.data.IdxImages;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a preprocess run needs, resolved from the options and checked against the source
 * headers before any work starts, so that bad input fails fast with the file named.
 */
public record PreprocessPlan(
    String dataset,
    Path source,
    String split,
    Path imagesFile,
    Path labelsFile,
    long limit,
    long images,
    ImageShape shape,
    AugmentationPreset preset,
    long seed,
    int epochs,
    int numShards) {

  /** Validates {@code opts} and reads the source headers (count, shape). */
  public static PreprocessPlan resolve(PreprocessOptions opts) throws IOException {
    if (!"idx".equals(opts.getFormat())) {
      throw new IllegalArgumentException(
          "--format=" + opts.getFormat() + " is not supported (supported: idx)");
    }
    require(opts.getLimit() >= 0, "--limit must be >= 0, got " + opts.getLimit());
    require(opts.getAugmentationEpochs() >= 1,
        "--augmentationEpochs must be >= 1, got " + opts.getAugmentationEpochs());
    require(opts.getNumShards() >= 1, "--numShards must be >= 1, got " + opts.getNumShards());
    Path source = Path.of(opts.getInput()).toAbsolutePath().normalize();
    IdxDataset idx = IdxDataset.of(source, opts.getSplit());
    long images;
    ImageShape shape;
    try (IdxImages in = idx.open(opts.getLimit())) {
      images = in.count();
      shape = in.shape();
    }
    require(images > 0, idx.imagesFile() + " holds no images");
    long pairs = images * opts.getAugmentationEpochs();
    require(opts.getNumShards() <= pairs,
        "--numShards=" + opts.getNumShards() + " exceeds the " + pairs + " pairs to write");
    AugmentationPreset preset = AugmentationPresets.byName(opts.getPreset(), shape);
    return new PreprocessPlan(opts.getDatasetName(), source, opts.getSplit(), idx.imagesFile(),
        idx.labelsFile(), opts.getLimit(), images, shape, preset, opts.getSeed(),
        opts.getAugmentationEpochs(), opts.getNumShards());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The settings recorded in the manifest's options, as strings. */
  public Map<String, String> manifestOptions() {
    Map<String, String> o = new TreeMap<>();
    o.put("format", "idx");
    o.put("imagesFile", imagesFile.getFileName().toString());
    o.put("labelsFile", labelsFile.getFileName().toString());
    o.put("limit", Long.toString(limit));
    o.put("numShards", Integer.toString(numShards));
    o.put("view1", preset.view1().toString());
    o.put("view2", preset.view2().toString());
    return o;
  }

  /** The manifest without what the pipeline computes (pairs, statistics, shards, dead letters). */
  public DatasetManifest manifestTemplate(String createdAt) {
    return new DatasetManifest(ShardFormat.VERSION, dataset, source.toString(), split, images,
        epochs, 0, shape, null, null, seed, preset.name(), manifestOptions(), List.of(), 0,
        createdAt);
  }
}
