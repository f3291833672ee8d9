package dev.sslbench.training.losses;

import ai.djl.ndarray.NDArray;

/** Row-wise vector helpers shared by the losses; inputs are (batch, dim) arrays. */
public final class Vectors {

  /** Smallest norm divided by, as in {@code torch.nn.functional.normalize}. */
  public static final float NORM_EPS = 1e-12f;

  private Vectors() {}

  /** Each row divided by its L2 norm (at least {@link #NORM_EPS}). */
  public static NDArray l2Normalize(NDArray x) {
    NDArray norm = x.norm(new int[] {1}, true).maximum(NORM_EPS);
    return x.div(norm);
  }

  /** Cosine similarity of matching rows of {@code a} and {@code b}: shape (batch,). */
  public static NDArray cosine(NDArray a, NDArray b) {
    return l2Normalize(a).mul(l2Normalize(b)).sum(new int[] {1});
  }
}
