package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * BYOL's regression loss: per direction {@code ||N(p) - N(sg z')||^2 = 2 - 2 cos(p, z')},
 * averaged over the batch; the symmetric loss sums both directions (so it lies in [0, 8]).
 */
public final class ByolLoss {

  private ByolLoss() {}

  /** {@code 2 - 2 * mean_i cos(p_i, sg(zTarget_i))}; no gradient reaches {@code zTarget}. */
  public static NDArray direction(NDArray p, NDArray zTarget) {
    return Vectors.cosine(p, zTarget.stopGradient()).mean().mul(-2f).add(2f);
  }

  /** View 1's prediction regresses view 2's target projection and vice versa, summed. */
  public static NDArray symmetric(NDArray p1, NDArray p2, NDArray z1Target, NDArray z2Target) {
    return direction(p1, z2Target).add(direction(p2, z1Target));
  }

  /**
   * {@link #symmetric}, or with {@code stopGradient = false} the same value with gradients through
   * the targets too (the ablation that lets BYOL without a momentum encoder collapse).
   */
  public static NDArray symmetric(
      NDArray p1, NDArray p2, NDArray z1Target, NDArray z2Target, boolean stopGradient) {
    if (stopGradient) {
      return symmetric(p1, p2, z1Target, z2Target);
    }
    NDArray d12 = Vectors.cosine(p1, z2Target).mean().mul(-2f).add(2f);
    NDArray d21 = Vectors.cosine(p2, z1Target).mean().mul(-2f).add(2f);
    return d12.add(d21);
  }
}
