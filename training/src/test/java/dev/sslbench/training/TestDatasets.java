package dev.sslbench.training;

import dev.sslbench.core.augment.AugmentationPreset;
import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.augment.PairRandom;
import dev.sslbench.core.augment.ViewAugmenter;
import dev.sslbench.core.data.IdxDataset;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.core.shard.ShardFormat;
import dev.sslbench.core.shard.ShardWriter;
import dev.sslbench.core.shard.ViewPair;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Writes small view-pair datasets in the real shard format for the training tests. */
public final class TestDatasets {

  /** Where the Fashion-MNIST package installs the IDX files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private TestDatasets() {}

  /** One source image and its two views. */
  public record Pair(long index, int label, byte[] source, byte[] view1, byte[] view2) {}

  /**
   * The first {@code images} Fashion-MNIST training images, each augmented once per epoch with the
   * project's BYOL preset, written as {@code shards} shards.
   */
  public static ShardDataset fashionMnist(Path dir, int images, int epochs, int shards, long seed)
      throws IOException {
    List<LabeledImage> source = IdxDataset.of(FASHION_MNIST, "train").load(images);
    ImageShape shape = new ImageShape(28, 28, 1);
    AugmentationPreset preset = AugmentationPresets.byol(shape);
    ViewAugmenter augmenter = new ViewAugmenter();
    List<List<Pair>> byEpoch = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      List<Pair> pairs = new ArrayList<>();
      for (LabeledImage img : source) {
        byte[] v1 = augmenter.augment(img.pixels(), shape, preset.view(0), PairRandom.forView(seed, img.index(), e, 0));
        byte[] v2 = augmenter.augment(img.pixels(), shape, preset.view(1), PairRandom.forView(seed, img.index(), e, 1));
        pairs.add(new Pair(img.index(), img.label(), img.pixels(), v1, v2));
      }
      byEpoch.add(pairs);
    }
    return write(dir, "fashion-mnist", shape, byEpoch, shards, seed);
  }

  /** {@code images} random images with random (independent) views, one epoch. */
  public static ShardDataset random(Path dir, ImageShape shape, int images, int shards, long seed)
      throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      pairs.add(new Pair(i, i % 10, bytes(r, shape.pixels()), bytes(r, shape.pixels()), bytes(r, shape.pixels())));
    }
    return write(dir, "random", shape, List.of(pairs), shards, seed);
  }

  /**
   * Writes the pairs of each epoch as {@code shards} shards of contiguous images, records sorted by
   * (epoch, imageIndex), plus a manifest whose mean/std are computed over the source images.
   */
  public static ShardDataset write(
      Path dir, String name, ImageShape shape, List<List<Pair>> byEpoch, int shards, long seed)
      throws IOException {
    Path shardDir = dir.resolve(ShardDataset.SHARDS_DIR);
    Files.createDirectories(shardDir);
    List<Pair> first = byEpoch.get(0);
    int images = first.size();
    List<ShardEntry> entries = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < shards; s++) {
      int from = (int) ((long) images * s / shards);
      int to = (int) ((long) images * (s + 1) / shards);
      String file = ShardFormat.fileName(s, shards);
      Path path = shardDir.resolve(file);
      long count;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path));
          ShardWriter w = new ShardWriter(out, shape)) {
        for (int e = 0; e < byEpoch.size(); e++) {
          for (Pair p : byEpoch.get(e).subList(from, to)) {
            w.write(new ViewPair(p.index(), e, p.label(), p.view1(), p.view2()));
          }
        }
        count = w.count();
      }
      total += count;
      entries.add(new ShardEntry(ShardDataset.SHARDS_DIR + "/" + file, count, sha256(path)));
    }
    int c = shape.channels();
    double[] sum = new double[c];
    double[] sq = new double[c];
    for (Pair p : first) {
      for (int i = 0; i < p.source().length; i++) {
        double v = (p.source()[i] & 0xff) / 255.0;
        sum[i % c] += v;
        sq[i % c] += v * v;
      }
    }
    double n = (double) images * shape.height() * shape.width();
    double[] mean = new double[c];
    double[] std = new double[c];
    for (int ch = 0; ch < c; ch++) {
      mean[ch] = sum[ch] / n;
      std[ch] = Math.sqrt(Math.max(1e-12, sq[ch] / n - mean[ch] * mean[ch]));
    }
    new DatasetManifest(
            ShardFormat.VERSION, name, "test", "train", images, byEpoch.size(), total, shape, mean,
            std, seed, "test", Map.of(), entries, 0, "2025-01-01T00:00:00Z")
        .write(dir);
    return ShardDataset.open(dir);
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
