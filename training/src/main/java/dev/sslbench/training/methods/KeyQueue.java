package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.sslbench.training.losses.Vectors;

/**
 * MoCo's FIFO queue of K L2-normalised keys, a ring buffer as in the reference: each batch of keys
 * overwrites the oldest rows. K must be a multiple of the batch so that a batch never wraps.
 */
public final class KeyQueue {
  private final NDArray keys;
  private final int size;
  private int pointer;

  /** A queue of {@code size} random unit keys (the engine's RNG), living in {@code manager}. */
  public KeyQueue(int size, int dim, NDManager manager) {
    if (size <= 0 || dim <= 0) {
      throw new IllegalArgumentException("queue size and key dimension must be positive, got " + size + " and " + dim);
    }
    this.size = size;
    try (NDManager scratch = manager.newSubManager()) {
      NDArray k = Vectors.l2Normalize(scratch.randomNormal(new Shape(size, dim)));
      k.attach(manager);
      this.keys = k;
    }
  }

  /** Fails unless {@code batch} divides {@code queueSize}, naming both. */
  public static void checkDivides(int queueSize, int batch) {
    if (batch <= 0 || queueSize % batch != 0) {
      throw new IllegalArgumentException(
          "queue size " + queueSize + " is not a multiple of the batch size " + batch
              + " (MoCo needs K % B == 0)");
    }
  }

  /** Replaces the oldest {@code batch.rows} keys with {@code batch} (no gradient is kept). */
  public void enqueue(NDArray batch) {
    int n = Math.toIntExact(batch.getShape().get(0));
    checkDivides(size, n);
    if (batch.getShape().get(1) != keys.getShape().get(1)) {
      throw new IllegalArgumentException(
          "keys of shape " + batch.getShape() + " do not fit a queue of shape " + keys.getShape());
    }
    keys.set(new NDIndex(pointer + ":" + (pointer + n)), batch.stopGradient());
    pointer = (pointer + n) % size;
  }

  /** The (K, dim) keys; the live array, overwritten by the next {@link #enqueue}. */
  public NDArray keys() {
    return keys;
  }

  /** Row that the next {@link #enqueue} starts at. */
  public int pointer() {
    return pointer;
  }
}
