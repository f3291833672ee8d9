package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * SimSiam's symmetric negative cosine loss {@code L = -1/2 [cos(p1, sg z2) + cos(p2, sg z1)]},
 * each cosine averaged over the batch; it lies in [-1, 1]. Without the stop-gradient SimSiam
 * collapses, so it lives here and not in the caller.
 */
public final class SimSiamLoss {

  private SimSiamLoss() {}

  public static NDArray loss(NDArray p1, NDArray p2, NDArray z1, NDArray z2) {
    return loss(p1, p2, z1, z2, true);
  }

  /**
   * The loss with or without the stop-gradient; without it the same value back-propagates through
   * {@code z1} and {@code z2} as well (the paper's section 4.1 collapse ablation).
   */
  public static NDArray loss(NDArray p1, NDArray p2, NDArray z1, NDArray z2, boolean stopGradient) {
    NDArray t1 = stopGradient ? z1.stopGradient() : z1;
    NDArray t2 = stopGradient ? z2.stopGradient() : z2;
    NDArray c12 = Vectors.cosine(p1, t2).mean();
    NDArray c21 = Vectors.cosine(p2, t1).mean();
    return c12.add(c21).mul(-0.5f);
  }
}
