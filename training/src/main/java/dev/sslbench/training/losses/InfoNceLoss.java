package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/**
 * MoCo's InfoNCE loss: for each query the logits are {@code [q.k, q.queue] / T} with q and k
 * L2-normalised, and the loss is the cross-entropy with label 0 (the key of the same image),
 * averaged over the batch. No gradient reaches the keys or the queue.
 */
public final class InfoNceLoss {

  private InfoNceLoss() {}

  /**
   * @param q (batch, dim) queries from the online encoder
   * @param k (batch, dim) keys of the other view from the momentum encoder
   * @param queue (K, dim) negative keys, each row already L2-normalised
   */
  public static NDArray loss(NDArray q, NDArray k, NDArray queue, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("InfoNCE temperature must be positive, got " + temperature);
    }
    if (!q.getShape().equals(k.getShape()) || queue.getShape().dimension() != 2
        || queue.getShape().get(1) != q.getShape().get(1)) {
      throw new IllegalArgumentException(
          "InfoNCE needs queries and keys of one (batch, dim) shape and a (K, dim) queue, got "
              + q.getShape() + ", " + k.getShape() + " and " + queue.getShape());
    }
    NDArray qn = Vectors.l2Normalize(q);
    NDArray kn = Vectors.l2Normalize(k.stopGradient());
    NDArray positive = qn.mul(kn).sum(new int[] {1}, true);
    // The detached view would otherwise live as long as the queue's (long-lived) manager.
    NDArray bank = queue.stopGradient();
    bank.attach(q.getManager());
    NDArray negatives = qn.matMul(bank.transpose());
    NDArray logits = positive.concat(negatives, 1).div((float) temperature);
    return logits.logSoftmax(1).get(":, 0").mean().neg();
  }
}
