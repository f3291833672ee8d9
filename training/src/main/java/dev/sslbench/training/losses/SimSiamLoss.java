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
    NDArray c12 = Vectors.cosine(p1, z2.stopGradient()).mean();
    NDArray c21 = Vectors.cosine(p2, z1.stopGradient()).mean();
    return c12.add(c21).mul(-0.5f);
  }
}
