package dev.sslbench.core.augment;

import java.util.SplittableRandom;

/**
 * The random stream for one view of one image in one augmentation epoch, derived only from (seed,
 * imageIndex, epoch, view): the same inputs give the same augmentation whatever the parallelism,
 * the order of processing or the machine.
 */
public final class PairRandom {
  private PairRandom() {}

  /** A fresh generator for view {@code view} (0 or 1) of {@code imageIndex} in {@code epoch}. */
  public static SplittableRandom forView(long seed, long imageIndex, int epoch, int view) {
    // Absorb each value through the SplitMix64 finaliser (a bijection) with a distinct odd
    // constant, so neighbouring indices or epochs give unrelated streams.
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    h = mix64(h + imageIndex * 0xBF58476D1CE4E5B9L);
    h = mix64(h + epoch * 0x94D049BB133111EBL);
    h = mix64(h + view * 0xD6E8FEB86659FD93L + 1);
    return new SplittableRandom(h);
  }

  /** SplitMix64's output function (Stafford variant 13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
