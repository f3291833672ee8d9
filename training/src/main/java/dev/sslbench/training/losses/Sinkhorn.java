package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * SwAV's Sinkhorn-Knopp codes (the reference's {@code distributed_sinkhorn} on one device): {@code
 * Q = exp(scores / eps)^T} (K x B) divided by its sum, then {@code iterations} rounds of rows to
 * {@code 1/K} and columns to {@code 1/B}, times B. Returned as (B, K): each sample's codes sum to 1
 * and, as the iterations converge, each prototype receives {@code B/K}.
 */
public final class Sinkhorn {

  private Sinkhorn() {}

  /** Codes for the (batch, prototypes) {@code scores}; never carries a gradient. */
  public static NDArray codes(NDArray scores, double eps, int iterations) {
    if (!(eps > 0) || iterations < 1) {
      throw new IllegalArgumentException(
          "Sinkhorn needs eps > 0 and at least one iteration, got " + eps + " and " + iterations);
    }
    NDArray s = scores.stopGradient();
    long b = s.getShape().get(0);
    long k = s.getShape().get(1);
    // Subtracting the global maximum cancels in the first normalisation and keeps exp finite for
    // small eps.
    NDArray q = s.sub(s.max()).div((float) eps).exp().transpose();
    q = q.div(q.sum());
    for (int i = 0; i < iterations; i++) {
      q = q.div(q.sum(new int[] {1}, true)).div((float) k);
      q = q.div(q.sum(new int[] {0}, true)).div((float) b);
    }
    return q.mul((float) b).transpose();
  }
}
