package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * Barlow Twins' redundancy-reduction loss: each view is standardised per feature over the batch
 * (an affine-free BatchNorm in training mode: biased variance, eps 1e-5), {@code c = z1n^T z2n / B},
 * and {@code L = scale * [sum_i (1 - c_ii)^2 + lambda sum_{i != j} c_ij^2]}.
 */
public final class BarlowTwinsLoss {

  /** BatchNorm1d's epsilon, as the reference's {@code nn.BatchNorm1d(affine=False)} uses. */
  public static final float BN_EPS = 1e-5f;

  private BarlowTwinsLoss() {}

  /** The loss for the (batch, dim) projections of the two views. */
  public static NDArray loss(NDArray z1, NDArray z2, double lambda, double scale) {
    long b = z1.getShape().get(0);
    if (!z1.getShape().equals(z2.getShape()) || b < 2) {
      throw new IllegalArgumentException(
          "Barlow Twins needs two (batch >= 2, dim) views of the same shape, got " + z1.getShape()
              + " and " + z2.getShape());
    }
    NDArray c = crossCorrelation(z1, z2);
    NDArray eye = c.getManager().eye((int) c.getShape().get(0));
    NDArray diagonal = c.mul(eye).sum(new int[] {1});
    NDArray onDiagonal = diagonal.sub(1f).square().sum();
    NDArray offDiagonal = c.square().sum().sub(diagonal.square().sum());
    return onDiagonal.add(offDiagonal.mul((float) lambda)).mul((float) scale);
  }

  /** The (dim, dim) cross-correlation {@code BN(z1)^T BN(z2) / B}. */
  public static NDArray crossCorrelation(NDArray z1, NDArray z2) {
    return standardize(z1).transpose().matMul(standardize(z2)).div((float) z1.getShape().get(0));
  }

  private static NDArray standardize(NDArray z) {
    NDArray centered = z.sub(z.mean(new int[] {0}, true));
    NDArray variance = centered.square().mean(new int[] {0}, true);
    return centered.div(variance.add(BN_EPS).sqrt());
  }
}
