package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The collapse metric every method logs: the standard deviation over the batch of the
 * L2-normalised embeddings, averaged over dimensions. About {@code 1/sqrt(d)} for healthy
 * embeddings spread over the sphere, 0 when every input maps to the same point.
 */
public final class CollapseMonitor {

  private CollapseMonitor() {}

  /**
   * {@code mean_d std_b(N(z)[b, d])} with the unbiased (n - 1) estimator, as {@code torch.std}
   * computes it in solo-learn's {@code z_std} and lightly's {@code std_of_l2_normalized}. Needs a
   * batch of at least two rows. Gradients never flow through it.
   */
  public static double zStd(NDArray z) {
    long n = z.getShape().get(0);
    if (n < 2) {
      throw new IllegalArgumentException("z_std needs a batch of at least 2, got " + n);
    }
    // Everything derived from the detached copy lives in a scratch manager closed here, so the
    // monitor leaks nothing into the caller's manager.
    try (NDManager scratch = z.getManager().newSubManager()) {
      NDArray detached = z.stopGradient();
      detached.attach(scratch);
      NDArray normalized = Vectors.l2Normalize(detached);
      NDArray centered = normalized.sub(normalized.mean(new int[] {0}, true));
      NDArray std = centered.square().sum(new int[] {0}).div(n - 1).sqrt();
      return std.mean().getFloat();
    }
  }
}
