package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * SimCLR's NT-Xent loss: the 2B normalised projections of both views are anchors; each has its
 * other view as the one positive and the remaining 2B - 2 projections as negatives, and the loss is
 * the cross-entropy over {@code cos / T}, averaged over the 2B anchors.
 */
public final class NtXentLoss {

  /**
   * Added to each anchor's similarity with itself so that it drops out of the softmax; finite
   * (unlike -inf) so that the masked entries times a zero label stay 0 instead of NaN.
   */
  private static final float SELF_MASK = -1e9f;

  private NtXentLoss() {}

  /** The loss for the (batch, dim) projections {@code z1}, {@code z2} of the two views. */
  public static NDArray loss(NDArray z1, NDArray z2, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("NT-Xent temperature must be positive, got " + temperature);
    }
    long b = z1.getShape().get(0);
    if (!z1.getShape().equals(z2.getShape()) || b < 2) {
      throw new IllegalArgumentException(
          "NT-Xent needs two (batch >= 2, dim) views of the same shape, got " + z1.getShape()
              + " and " + z2.getShape());
    }
    NDManager m = z1.getManager();
    int n = (int) (2 * b);
    NDArray z = Vectors.l2Normalize(z1).concat(Vectors.l2Normalize(z2), 0);
    NDArray self = m.eye(n);
    NDArray logits = z.matMul(z.transpose()).div((float) temperature).add(self.mul(SELF_MASK));
    // Anchor i's positive is i + B for the first view and i - B for the second: eye rolled by B.
    NDArray positives = self.get(":, " + b + ":").concat(self.get(":, :" + b), 1);
    return logits.logSoftmax(1).mul(positives).sum(new int[] {1}).mean().neg();
  }
}
