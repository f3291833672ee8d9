package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * SwAV's swapped prediction with two crops: the Sinkhorn codes of each view (no gradient) are the
 * targets of the other view's {@code softmax(scores / T)}, {@code L = -1/2 [mean_b sum_k q1
 * log p2 + mean_b sum_k q2 log p1]}. With uniform codes and predictions it equals {@code ln K},
 * the collapse signature.
 */
public final class SwavLoss {

  private SwavLoss() {}

  /**
   * @param scores1 (batch, prototypes) {@code N(z1) . C^T} of view 1
   * @param scores2 the same for view 2
   */
  public static NDArray loss(
      NDArray scores1, NDArray scores2, double temperature, double eps, int iterations) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("SwAV temperature must be positive, got " + temperature);
    }
    if (!scores1.getShape().equals(scores2.getShape())) {
      throw new IllegalArgumentException(
          "SwAV needs scores of one (batch, prototypes) shape, got " + scores1.getShape() + " and "
              + scores2.getShape());
    }
    NDArray q1 = Sinkhorn.codes(scores1, eps, iterations);
    NDArray q2 = Sinkhorn.codes(scores2, eps, iterations);
    NDArray a = crossEntropy(q1, scores2, temperature);
    NDArray b = crossEntropy(q2, scores1, temperature);
    return a.add(b).mul(0.5f);
  }

  /** {@code -mean_b sum_k codes log softmax(scores / T)}. */
  public static NDArray crossEntropy(NDArray codes, NDArray scores, double temperature) {
    return codes.mul(scores.div((float) temperature).logSoftmax(1)).sum(new int[] {1}).mean().neg();
  }
}
