package dev.sslbench.pipelines;

import dev.sslbench.core.augment.AugmentationPreset;
import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.data.CifarDataset;
import dev.sslbench.core.data.ImageDataset;
import dev.sslbench.core.data.ImageDatasets;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything a preprocess run needs, resolved from the options and checked against the source
 * (file lengths, headers, shape) before any work starts, so that bad input fails fast with the
 * file named.
 *
 * @param files the source files of the split (for an image folder, its directory)
 * @param images source records used (after {@code limit}), bad ones included
 */
public record PreprocessPlan(
    String dataset,
    Path source,
    String format,
    String split,
    String cifar100Label,
    List<Path> files,
    long limit,
    long images,
    ImageShape shape,
    AugmentationPreset preset,
    long seed,
    int epochs,
    int numShards) {

  public PreprocessPlan {
    files = List.copyOf(files);
  }

  /** Validates {@code opts} and reads what the source says of its size and shape. */
  public static PreprocessPlan resolve(PreprocessOptions opts) {
    require(opts.getLimit() >= 0, "--limit must be >= 0, got " + opts.getLimit());
    require(opts.getAugmentationEpochs() >= 1,
        "--augmentationEpochs must be >= 1, got " + opts.getAugmentationEpochs());
    require(opts.getNumShards() >= 1, "--numShards must be >= 1, got " + opts.getNumShards());
    CifarDataset.Cifar100Label label;
    try {
      label = CifarDataset.Cifar100Label.parse(opts.getCifar100Label());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--cifar100Label: " + e.getMessage(), e);
    }
    Path source = Path.of(opts.getInput()).toAbsolutePath().normalize();
    ImageDataset data = ImageDatasets.open(opts.getFormat(), source, opts.getSplit(), label);
    long images = data.count(opts.getLimit());
    require(images > 0, "the " + opts.getFormat() + " dataset " + source + " (split "
        + opts.getSplit() + ") holds no images");
    ImageShape shape = data.shape();
    long pairs = images * opts.getAugmentationEpochs();
    require(opts.getNumShards() <= pairs,
        "--numShards=" + opts.getNumShards() + " exceeds the " + pairs + " pairs to write");
    AugmentationPreset preset = AugmentationPresets.byName(opts.getPreset(), shape);
    return new PreprocessPlan(opts.getDatasetName(), source, data.format(), opts.getSplit(),
        opts.getCifar100Label(), data.files(), opts.getLimit(), images, shape, preset,
        opts.getSeed(), opts.getAugmentationEpochs(), opts.getNumShards());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The settings recorded in the manifest's options, as strings. */
  public Map<String, String> manifestOptions() {
    Map<String, String> o = new TreeMap<>();
    o.put("format", format);
    o.put("files", files.stream().map(this::relativeName).collect(Collectors.joining(",")));
    if (ImageDatasets.CIFAR100.equals(format)) {
      o.put("cifar100Label", cifar100Label);
    }
    o.put("limit", Long.toString(limit));
    o.put("numShards", Integer.toString(numShards));
    o.put("view1", preset.view1().toString());
    o.put("view2", preset.view2().toString());
    return o;
  }

  private String relativeName(Path file) {
    String name = source.relativize(file.toAbsolutePath().normalize()).toString();
    return name.isEmpty() ? "." : name;
  }

  /** The manifest without what the pipeline computes (pairs, statistics, shards, dead letters). */
  public DatasetManifest manifestTemplate(String createdAt) {
    return new DatasetManifest(ShardFormat.VERSION, dataset, source.toString(), split, images,
        epochs, 0, shape, null, null, seed, preset.name(), manifestOptions(), List.of(), 0,
        createdAt);
  }
}
