package dev.sslbench.pipelines.bench;

import dev.sslbench.core.augment.AugmentationPreset;
import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.augment.PairRandom;
import dev.sslbench.core.augment.ViewAugmenter;
import dev.sslbench.core.shard.ImageShape;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures single-thread augmentation throughput in view pairs per second.
 *
 * <p>Usage: {@code AugmentBench [height width channels [preset [pairs]]]}, default 32 32 3 byol
 * 200000.
 */
public final class AugmentBench {
  private AugmentBench() {}

  public static void main(String[] args) {
    ImageShape shape = args.length >= 3
        ? new ImageShape(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
            Integer.parseInt(args[2]))
        : new ImageShape(32, 32, 3);
    String presetName = args.length >= 4 ? args[3] : AugmentationPresets.BYOL;
    int pairs = args.length >= 5 ? Integer.parseInt(args[4]) : 200_000;
    AugmentationPreset preset = AugmentationPresets.byName(presetName, shape);
    byte[][] images = new byte[256][shape.pixels()];
    SplittableRandom rng = new SplittableRandom(1);
    for (byte[] img : images) {
      for (int i = 0; i < img.length; i++) {
        img[i] = (byte) rng.nextInt(256);
      }
    }
    ViewAugmenter augmenter = new ViewAugmenter();
    long checksum = 0;
    // The first rounds let the JIT compile the kernel; the best round is the steady state.
    double best = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < pairs / 5; i++) {
        byte[] src = images[i & 255];
        checksum += augmenter.augment(src, shape, preset.view1(),
            PairRandom.forView(0, i, round, 0))[0];
        checksum += augmenter.augment(src, shape, preset.view2(),
            PairRandom.forView(0, i, round, 1))[0];
      }
      double rate = (pairs / 5) / ((System.nanoTime() - start) / 1e9);
      best = Math.max(best, rate);
    }
    System.out.printf(Locale.ROOT, "AugmentBench %s %s: %.0f view pairs/s on one thread "
        + "(checksum %d)%n", shape, presetName, best, checksum);
  }
}
